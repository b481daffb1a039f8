import { crossValidate } from "../../../src/dl/metrics/cross-validate";

/** Predicts the label of the nearest training point: easy to reason about fold by fold. */
class NearestNeighbour {
  private X: number[][] = [];
  private y: number[] = [];
  fit(X: number[][], y: number[]): this {
    [this.X, this.y] = [X, y];
    return this;
  }
  predict(X: number[][]): number[] {
    return X.map(([x]) => {
      const distances = this.X.map(([t]) => Math.abs(t - x));
      return this.y[distances.indexOf(Math.min(...distances))];
    });
  }
}

describe("crossValidate", () => {
  const X = Array.from({ length: 20 }, (_, i) => [i < 10 ? i : i + 100]);
  const y = X.map(([x]) => (x < 50 ? 0 : 1));

  it("predicts every instance once, with a model that never saw it", () => {
    const seen: number[][] = [];
    const result = crossValidate(
      () => {
        const model = new NearestNeighbour();
        const fit = model.fit.bind(model);
        model.fit = (trainX, trainY) => (seen.push(trainX.map(([x]) => x)), fit(trainX, trainY));
        return model;
      },
      X,
      y,
      { folds: 5, seed: 7 },
    );
    expect(result.folds).toHaveLength(5);
    const tested = result.folds.flatMap((fold) => fold.testIndices).sort((a, b) => a - b);
    expect(tested).toEqual(X.map((_, i) => i));
    result.folds.forEach((fold, f) => fold.testIndices.forEach((i) => expect(seen[f]).not.toContain(X[i][0])));
    expect(result.predictions).toHaveLength(20);
  });

  it("pools the folds into one confusion matrix", () => {
    const result = crossValidate(() => new NearestNeighbour(), X, y, { folds: 4, seed: 1 });
    expect(result.accuracy).toBe(1);
    expect(result.confusion).toEqual([
      [10, 0],
      [0, 10],
    ]);
    expect(result.recallPerClass).toEqual([1, 1]);
    expect(result.folds.every((fold) => fold.accuracy === 1)).toBe(true);
  });
});
