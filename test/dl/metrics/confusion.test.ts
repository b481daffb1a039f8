import { accuracy, confusionMatrix, recallPerClass } from "../../../src/dl/metrics/confusion";

describe("confusion matrix metrics", () => {
  const actual = [0, 0, 0, 1, 1, 2];
  const predicted = [0, 0, 1, 1, 0, 2];
  const matrix = confusionMatrix(actual, predicted, 4);

  it("counts actual classes by row and predictions by column", () => {
    expect(matrix).toEqual([
      [2, 1, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
  });

  it("gives overall accuracy and per-class recall (NaN for an absent class)", () => {
    expect(accuracy(matrix)).toBeCloseTo(4 / 6, 12);
    expect(recallPerClass(matrix)).toEqual([2 / 3, 1 / 2, 1, NaN]);
  });

  it("rejects mismatched lengths", () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(RangeError);
  });
});
