/** Logistic regression on the real WISDM transformed ARFF, against Weka 3.6 and Table 2. */
import { crossValidate } from "../../../../src/dl/metrics/cross-validate";
import { LogisticRegression } from "../../../../src/dl/models/classic/logistic";
import { loadWisdm } from "./wisdm-fixture";

describe("LogisticRegression on WISDM", () => {
  const data = loadWisdm();

  it("scores within 3 points of the slide's 78.1% in stratified 10-fold CV", () => {
    const result = crossValidate(() => new LogisticRegression(), data.X, data.y, { folds: 10, seed: 1 });
    // Measured: 78.53% (Weka 3.6 with its own folds, seed 1: 79.05%). Like Weka's, the
    // model all but ignores the stairs: Downstairs recall is ~9% in both.
    expect(Math.abs(100 * result.accuracy - 78.1)).toBeLessThan(3);
    expect(100 * result.recallPerClass[3]).toBeLessThan(20);
  });
});
