import { FeatureScaler } from "../../../../src/dl/models/classic/feature-scaler";
import { LogisticRegression } from "../../../../src/dl/models/classic/logistic";
import { designMatrix, logisticObjective } from "../../../../src/dl/models/classic/logistic-objective";
import { minimizeNewton } from "../../../../src/dl/models/classic/optim/newton";

describe("logistic regression objective", () => {
  const rows = [[0.5, -1], [1.5, 0.2], [-0.3, 0.7], [2.1, -0.4], [0.1, 0.1]].map((row) => Float64Array.from(row));
  const labels = Int32Array.from([0, 1, 2, 1, 0]);
  const objective = logisticObjective(designMatrix(rows), labels, 3, 0.1);
  const weights = Float64Array.from([0.2, -0.5, 0.3, -0.1, 0.4, 0.25]);

  it("starts at n·ln(K) with all-zero weights", () => {
    expect(objective.value(new Float64Array(6))).toBeCloseTo(5 * Math.log(3), 12);
  });

  it("has the gradient and Hessian of its value (central differences)", () => {
    const { gradient, hessian } = objective.derivatives(weights);
    const h = 1e-6;
    const nudged = (p: number, by: number) => weights.map((w, q) => (q === p ? w + by : w));
    for (let p = 0; p < 6; p++) {
      expect((objective.value(nudged(p, h)) - objective.value(nudged(p, -h))) / (2 * h)).toBeCloseTo(gradient[p], 6);
      const up = objective.derivatives(nudged(p, h)).gradient;
      const down = objective.derivatives(nudged(p, -h)).gradient;
      for (let q = 0; q < 6; q++) expect((up[q] - down[q]) / (2 * h)).toBeCloseTo(hessian[q * 6 + p], 5);
    }
  });

  it("is minimised by Newton's method to a zero gradient", () => {
    const { x, converged } = minimizeNewton(objective, new Float64Array(6), { decrementTolerance: 1e-12 });
    expect(converged).toBe(true);
    for (const g of objective.derivatives(x).gradient) expect(Math.abs(g)).toBeLessThan(1e-5);
  });
});

describe("feature scaling as in Weka's Logistic", () => {
  it("replaces missing values by the mean and standardises with the sample SD", () => {
    const scaler = FeatureScaler.fit([[1, 5], [3, 5], [NaN, 5]]);
    expect(Array.from(scaler.means)).toEqual([2, 5]);
    // Imputed 2 adds a row but no spread: SD = sqrt((1 + 1 + 0) / 2) = 1. A constant column maps to 0.
    expect(Array.from(scaler.transform([NaN, 7]))).toEqual([0, 0]);
    expect(Array.from(scaler.transform([4, 5]))).toEqual([2, 0]);
  });
});

describe("LogisticRegression", () => {
  const X = [[0], [1], [2], [3], [4], [5], [6], [7]];
  const y = [0, 0, 0, 1, 0, 1, 1, 1];

  it("learns a monotone 1-D boundary and returns probabilities that sum to 1", () => {
    const model = new LogisticRegression().fit(X, y);
    expect(model.predict([[0], [7]])).toEqual([0, 1]);
    const [low, middle] = model.predictProba([[0], [3.5]]);
    expect(low[0]).toBeGreaterThan(0.9);
    expect(middle[0]).toBeCloseTo(0.5, 6); // the data are symmetric about 3.5
    expect(low[0] + low[1]).toBeCloseTo(1, 12);
  });

  it("is deterministic", () => {
    const a = new LogisticRegression().fit(X, y).predictProba([[2.5]]);
    const b = new LogisticRegression().fit(X, y).predictProba([[2.5]]);
    expect(a).toEqual(b);
  });

  it("predicts a missing value as the training mean", () => {
    const model = new LogisticRegression().fit(X, y);
    expect(model.predictProba([[NaN]])).toEqual(model.predictProba([[3.5]]));
  });
});
