/**
 * J48 on the real WISDM transformed ARFF (5,418 rows, 43 features; UNIQUE_ID and user
 * dropped), against Weka 3.6 and the lecture's Table 2.
 */
import { crossValidate } from "../../../../src/dl/metrics/cross-validate";
import { J48 } from "../../../../src/dl/models/classic/j48";
import { readFileSync } from "fs";
import { join } from "path";
import { loadWisdm, WISDM_CLASSES } from "./wisdm-fixture";

describe("J48 on WISDM", () => {
  const data = loadWisdm();

  it("grows on all 5,418 rows exactly the tree Weka 3.6 prints (565 nodes, 283 leaves)", () => {
    const tree = new J48({ names: { attributes: data.attributes, classes: WISDM_CLASSES } }).fit(data.X, data.y);
    const weka = readFileSync(join(__dirname, "fixtures", "wisdm-j48-weka-3.6.txt"), "utf8").trimEnd();
    expect([tree.size, tree.numLeaves]).toEqual([565, 283]);
    expect(tree.toString()).toBe(weka);
  });

  it("scores within 3 points of the slide's 85.1% in stratified 10-fold CV", () => {
    const result = crossValidate(() => new J48(), data.X, data.y, { folds: 10, seed: 1 });
    // Measured: 84.55% (Weka 3.6 with its own folds, seed 1: 84.88%).
    expect(Math.abs(100 * result.accuracy - 85.1)).toBeLessThan(3);
    // Per class Weka has 90.8 / 95.4 / 57.0 / 50.0 / 96.4 / 97.6: stairs are the hard part.
    const [walking, jogging, upstairs, downstairs, sitting, standing] = result.recallPerClass.map((r) => 100 * r);
    for (const easy of [walking, jogging, sitting, standing]) expect(easy).toBeGreaterThan(88);
    for (const stairs of [upstairs, downstairs]) expect(stairs).toBeLessThan(65);
  });
});
