/**
 * C4.5's split and pruning criteria on examples small enough to check by hand, most of
 * them from Quinlan, "C4.5: Programs for Machine Learning" (1993).
 */
import { infoGain, splitInfo, weightedEntropy } from "../../../../src/dl/models/classic/c45/entropy";
import { bestNumericSplit } from "../../../../src/dl/models/classic/c45/numeric-split";
import { addedErrors } from "../../../../src/dl/models/classic/c45/pessimistic-error";
import { selectSplit } from "../../../../src/dl/models/classic/c45/select-split";

describe("information gain and gain ratio", () => {
  // Quinlan's golf table: 9 Play / 5 Don't; outlook sunny 2/3, overcast 4/0, rain 3/2.
  const bags = [[2, 3], [4, 0], [3, 2]];
  const bagsEntropy = bags.reduce((sum, bag) => sum + weightedEntropy(bag, bag[0] + bag[1]), 0);

  it("reproduces info(T) = 0.940 bits and gain(outlook) = 0.246", () => {
    expect(weightedEntropy([9, 5], 14) / 14).toBeCloseTo(0.94, 3);
    expect(infoGain(weightedEntropy([9, 5], 14), bagsEntropy, 14)).toBeCloseTo(0.2467, 3);
  });

  it("reproduces split info(outlook) = 1.577 and gain ratio = 0.156", () => {
    const gain = infoGain(weightedEntropy([9, 5], 14), bagsEntropy, 14);
    expect(splitInfo([5, 4, 5], 14)).toBeCloseTo(1.577, 3);
    expect(gain / splitInfo([5, 4, 5], 14)).toBeCloseTo(0.156, 3);
  });

  it("with one outlook unknown: gain = 13/14·(0.961 − 0.747) = 0.199, split info = 1.809", () => {
    // Quinlan §3.2: the case (overcast, Play) loses its outlook value.
    const known = [[2, 3], [3, 0], [3, 2]];
    const knownBagsEntropy = known.reduce((sum, bag) => sum + weightedEntropy(bag, bag[0] + bag[1]), 0);
    expect(infoGain(weightedEntropy([8, 5], 13), knownBagsEntropy, 14)).toBeCloseTo(0.199, 3);
    expect(splitInfo([5, 3, 5], 14)).toBeCloseTo(1.809, 3);
  });
});

describe("numeric threshold search", () => {
  const split = (values: number[], labels: number[], useMdlCorrection = true) => {
    const column = Float64Array.from(values);
    const known = values.map((_, row) => row).filter((row) => !Number.isNaN(values[row]));
    return bestNumericSplit({
      attribute: 0,
      sortedKnownRows: Int32Array.from(known.sort((a, b) => values[a] - values[b])),
      column,
      labels: Int32Array.from(labels),
      rowWeight: new Float64Array(values.length).fill(1),
      numClasses: 2,
      nodeTotal: values.length,
      minNumObj: 2,
      useMdlCorrection,
    });
  };

  it("finds the clean cut and charges the MDL cost log2(#cuts)/N", () => {
    // Cuts with >= 2 instances each side: after 2, 3, 4 -> 3 cuts; the best has gain 1 bit.
    const result = split([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1]);
    expect(result?.midpoint).toBe(3.5);
    expect(result?.infoGain).toBeCloseTo(1 - Math.log2(3) / 6, 10);
    expect(result?.gainRatio).toBeCloseTo(1 - Math.log2(3) / 6, 10); // split info of 3|3 is 1 bit
    expect(split([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1], false)?.infoGain).toBeCloseTo(1, 10);
  });

  it("never cuts between equal values", () => {
    expect(split([2, 2, 2, 2], [0, 1, 0, 1])).toBeNull();
    // One cut only (1s | 2s): no MDL charge, since log2(1) = 0. Each side is 2:1.
    const sideEntropy = (1 / 3) * Math.log2(3) + (2 / 3) * Math.log2(3 / 2);
    const result = split([1, 1, 1, 2, 2, 2], [0, 1, 0, 1, 0, 1]);
    expect(result?.midpoint).toBe(1.5);
    expect(result?.infoGain).toBeCloseTo(1 - sideEntropy, 10);
  });

  it("needs minNumObj (2) instances on both sides of a cut", () => {
    expect(split([1, 2, 3], [0, 1, 1])).toBeNull();
    // Only the cuts after 2, 3 and 4 qualify, so the lone 1 at x=1 cannot be cut off alone.
    expect(split([1, 2, 3, 4, 5, 6], [1, 0, 0, 0, 0, 0])?.midpoint).toBe(2.5);
  });

  it("scales the gain by the known fraction and counts unknowns as a branch of split info", () => {
    const result = split([1, 2, 3, 4, 5, 6, NaN, NaN], [0, 0, 0, 1, 1, 1, 0, 1]);
    const gain = (6 / 8) * 1 - Math.log2(3) / 8;
    expect(result?.infoGain).toBeCloseTo(gain, 10);
    const splitInformation = -(2 * (3 / 8) * Math.log2(3 / 8) + (2 / 8) * Math.log2(2 / 8)); // 3 | 3 | 2 unknown
    expect(result?.gainRatio).toBeCloseTo(gain / splitInformation, 10);
  });
});

describe("choosing among attributes", () => {
  it("takes the best gain ratio among tests with at least average gain", () => {
    const candidate = (attribute: number, infoGain: number, gainRatio: number) => ({ attribute, midpoint: 0, infoGain, gainRatio });
    // Average gain 0.3167: attribute 1 has the best ratio but too little gain.
    const chosen = selectSplit([candidate(0, 0.5, 0.5), candidate(1, 0.05, 0.9), candidate(2, 0.4, 0.4), null]);
    expect(chosen?.attribute).toBe(0);
    expect(selectSplit([null, null])).toBeNull();
  });
});

describe("pessimistic error estimate at CF = 25%", () => {
  it("matches Quinlan's U25%(0, N) = 1 − 0.25^(1/N): 0.750 for N=1, 0.206 for N=6, 0.143 for N=9", () => {
    expect(addedErrors(1, 0, 0.25)).toBeCloseTo(0.75, 3);
    expect(addedErrors(6, 0, 0.25) / 6).toBeCloseTo(0.206, 3);
    expect(addedErrors(9, 0, 0.25) / 9).toBeCloseTo(0.143, 3);
  });

  it("uses the normal approximation above one error (Quinlan's U25%(1, 16) = 0.157)", () => {
    expect((1 + addedErrors(16, 1, 0.25)) / 16).toBeCloseTo(0.157, 2);
  });
});
