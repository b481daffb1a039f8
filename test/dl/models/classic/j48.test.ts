/**
 * J48 on toy tables whose trees can be worked out by hand; each expected tree was also
 * produced by Weka 3.6's J48 on the same data (`-no-cv`, with and without -U).
 */
import { J48 } from "../../../../src/dl/models/classic/j48";

const column = (values: number[]) => values.map((value) => [value]);

describe("J48 on toy data", () => {
  it("splits a clean 1-D table at a threshold taken from the data", () => {
    const tree = new J48().fit(column([1, 2, 3, 4, 5, 6]), [0, 0, 0, 1, 1, 1]);
    // The best cut is the midpoint 3.5; C4.5 reports the largest training value below it.
    expect(tree.toString()).toBe("a0 <= 3: class0 (3.0)\na0 > 3: class1 (3.0)");
    expect([tree.size, tree.numLeaves]).toEqual([3, 2]);
    expect(tree.predict(column([3.2, 3.6]))).toEqual([1, 1]);
  });

  it("prunes a split whose leaves are not estimated to do better than one leaf", () => {
    const y = [0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1];
    const X = column(y.map((_, i) => i + 1));
    const unpruned = new J48({ prune: false }).fit(X, y);
    expect(unpruned.toString()).toBe("a0 <= 4: class0 (4.0)\na0 > 4: class1 (9.0/4.0)");
    // Leaf: 5 + 1.715 = 6.715 estimated errors; subtree: (0 + 1.172) + (4 + 1.487) = 6.659.
    // 6.715 <= 6.659 + 0.1, so C4.5 replaces the subtree by a leaf.
    const pruned = new J48().fit(X, y);
    expect(pruned.toString()).toBe(": class0 (13.0/5.0)");
    expect(pruned.numLeaves).toBe(1);
  });

  it("sends instances with a missing value down both branches with fractional weights", () => {
    const tree = new J48().fit(column([1, 2, 3, 4, 5, 6, NaN, NaN]), [0, 0, 0, 1, 1, 1, 0, 1]);
    // Each unknown goes half left, half right: 3 + 2·0.5 = 4 per leaf, 0.5 of it misclassified.
    expect(tree.toString()).toBe("a0 <= 3: class0 (4.0/0.5)\na0 > 3: class1 (4.0/0.5)");
    const [known, unknown] = tree.predictProba(column([2, NaN]));
    expect(known[0]).toBeCloseTo(3.5 / 4, 12);
    expect(unknown[0]).toBeCloseTo(0.5, 12);
  });

  it("makes a single leaf from a pure or too small table", () => {
    expect(new J48().fit(column([1, 2, 3]), [1, 1, 1]).toString()).toBe(": class1 (3.0)");
    expect(new J48().fit(column([1, 2, 3]), [0, 1, 1]).numLeaves).toBe(1);
  });

  it("names attributes and classes in toString", () => {
    const names = { attributes: ["speed"], classes: ["slow", "fast"] };
    const tree = new J48({ names }).fit(column([1, 2, 3, 4, 5, 6]), [0, 0, 0, 1, 1, 1]);
    expect(tree.toString()).toBe("speed <= 3: slow (3.0)\nspeed > 3: fast (3.0)");
  });

  it("refuses to predict before fit", () => {
    expect(() => new J48().predict([[1]])).toThrow(/fit/);
  });
});
