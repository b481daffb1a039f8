import { crossValidate } from "../../../../src/dl/metrics/cross-validate";
import { MajorityClassifier } from "../../../../src/dl/models/classic/majority";
import { loadWisdm } from "./wisdm-fixture";

describe("MajorityClassifier (ZeroR)", () => {
  it("predicts the most frequent training class, the lower index on a tie", () => {
    expect(new MajorityClassifier().fit([[0], [0], [0]], [2, 1, 2]).predict([[5], [NaN]])).toEqual([2, 2]);
    expect(new MajorityClassifier().fit([[0], [0]], [1, 0]).majorityClass).toBe(0);
    expect(new MajorityClassifier({ numClasses: 4 }).fit([[0]], [1]).predictProba([[0]])).toEqual([[0, 1, 0, 0]]);
  });

  it("is the straw man of WISDM Table 2: 38.4% (Walking), within 1.5 of the slide's 37.2", () => {
    const data = loadWisdm();
    const result = crossValidate(() => new MajorityClassifier(), data.X, data.y, { folds: 10, seed: 1 });
    expect(100 * result.accuracy).toBeCloseTo(38.41, 2); // 2,081 / 5,418, as Weka's ZeroR
    expect(Math.abs(100 * result.accuracy - 37.2)).toBeLessThan(1.5);
  });
});
