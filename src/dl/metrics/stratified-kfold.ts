import { random } from "../random";

/**
 * Stratified k-fold assignment: returns the fold (0..k-1) of every instance, such that
 * each class is spread over the folds as evenly as possible (fold sizes per class differ
 * by at most one).
 *
 * Method: shuffle the indices with a seeded PRNG, group them by class (order within a
 * class kept), then deal the grouped list out to folds round-robin. Deterministic for a
 * given seed, but NOT the same assignment as Weka's `-x 10 -s 1` (Weka shuffles with
 * java.util.Random and cuts contiguous blocks), so per-fold numbers will not match Weka
 * exactly; pooled accuracies agree to within CV noise.
 */
export function stratifiedKFold(labels: ArrayLike<number>, k: number, seed: number): number[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer >= 2, got ${k}`);
  if (k > labels.length) throw new RangeError(`k = ${k} exceeds the ${labels.length} instances`);
  const shuffled = random(seed).shuffle(Array.from({ length: labels.length }, (_, i) => i));
  const grouped = shuffled
    .map((index, position) => ({ index, position }))
    .sort((a, b) => labels[a.index] - labels[b.index] || a.position - b.position);
  const folds = new Array<number>(labels.length);
  grouped.forEach(({ index }, rank) => (folds[index] = rank % k));
  return folds;
}

/** Indices of the instances in one fold (test) and in all the others (train). */
export function foldSplit(folds: ReadonlyArray<number>, fold: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  folds.forEach((f, index) => (f === fold ? test : train).push(index));
  return { train, test };
}
