import { random } from "../../../src/dl/random";
import { foldSplit, stratifiedKFold } from "../../../src/dl/metrics/stratified-kfold";

describe("stratifiedKFold", () => {
  // 23 of class 0, 10 of class 1, 7 of class 2.
  const labels = [...new Array(23).fill(0), ...new Array(10).fill(1), ...new Array(7).fill(2)];

  it("puts every instance in exactly one fold", () => {
    const folds = stratifiedKFold(labels, 5, 1);
    expect(folds).toHaveLength(labels.length);
    expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it("spreads each class over the folds evenly (counts differ by at most one)", () => {
    const folds = stratifiedKFold(labels, 5, 1);
    for (const label of [0, 1, 2]) {
      const perFold = [0, 1, 2, 3, 4].map((fold) => folds.filter((f, i) => f === fold && labels[i] === label).length);
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
  });

  it("is deterministic for a seed and changes with the seed", () => {
    expect(stratifiedKFold(labels, 5, 1)).toEqual(stratifiedKFold(labels, 5, 1));
    expect(stratifiedKFold(labels, 5, 2)).not.toEqual(stratifiedKFold(labels, 5, 1));
  });

  it("rejects impossible fold counts", () => {
    expect(() => stratifiedKFold(labels, 1, 1)).toThrow(RangeError);
    expect(() => stratifiedKFold([0, 1], 3, 1)).toThrow(RangeError);
  });

  it("splits one fold off as test and keeps the rest as train", () => {
    const { train, test } = foldSplit([0, 1, 0, 2, 1], 1);
    expect(test).toEqual([1, 4]);
    expect(train).toEqual([0, 2, 3]);
  });
});

describe("seeded random numbers", () => {
  it("repeat for a seed, stay in [0, 1), and shuffle into a permutation", () => {
    const a = random(42);
    const b = random(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const shuffled = random(3).shuffle([1, 2, 3, 4, 5, 6]);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
