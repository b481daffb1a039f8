/**
 * C4.5's information measures, in bits, on weighted counts. Quinlan writes them per
 * instance; multiplying through by the counts ("n log n" sums) keeps fractional
 * instances exact and is how C4.5 and Weka compute them.
 */
const LN2 = Math.log(2);

/** n·log2(n) for whole n, precomputed: most weights are whole counts of instances. */
const WHOLE_TABLE_SIZE = 1 << 16;
const wholeTable = Float64Array.from({ length: WHOLE_TABLE_SIZE }, (_, n) => (n === 0 ? 0 : (n * Math.log(n)) / LN2));

/** n·log2(n), with weights below 1e-6 treated as absent (as Weka does). */
export function nLog2N(n: number): number {
  if (n < WHOLE_TABLE_SIZE && (n | 0) === n) return wholeTable[n];
  return n < 1e-6 ? 0 : (n * Math.log(n)) / LN2;
}

/** total·H(counts): the entropy of a class distribution times its weight. */
export function weightedEntropy(counts: ArrayLike<number>, total: number): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += nLog2N(counts[i]);
  return nLog2N(total) - sum;
}

/**
 * C4.5 information gain with unknown values: gain over the instances whose value is
 * known, scaled by the fraction known (Quinlan 1993, §3.2). With F = known/total,
 * F·(known·H - Σ bag·H_bag)/known simplifies to the expression below.
 */
export function infoGain(knownWeightedEntropy: number, bagsWeightedEntropy: number, nodeTotal: number): number {
  return (knownWeightedEntropy - bagsWeightedEntropy) / nodeTotal;
}

/**
 * C4.5 split information: the entropy of the partition itself, where instances with an
 * unknown value count as one more branch (Quinlan 1993, §3.2).
 */
export function splitInfo(bagWeights: ArrayLike<number>, nodeTotal: number): number {
  let known = 0;
  let sum = 0;
  for (let i = 0; i < bagWeights.length; i++) {
    known += bagWeights[i];
    sum += nLog2N(bagWeights[i]);
  }
  return (nLog2N(nodeTotal) - sum - nLog2N(nodeTotal - known)) / nodeTotal;
}
