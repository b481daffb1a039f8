import { Distribution } from "./distribution";
import { clearlyGreater } from "./tolerance";
import { TrainingSet, WeightedRows } from "./training-set";

const LEFT = 0;
const RIGHT = 1;

/** The branch of a binary numeric test: C4.5 sends `value <= threshold` left; -1 = missing. */
export function branchOf(value: number, threshold: number): number {
  if (Number.isNaN(value)) return -1;
  return value <= threshold ? LEFT : RIGHT;
}

export interface RowsSplit {
  /** Class weights per branch, instances with a missing value included fractionally. */
  readonly distribution: Distribution;
  readonly parts: [WeightedRows, WeightedRows];
}

/**
 * Send weighted rows through a numeric test. C4.5's rule for missing values: an instance
 * whose value is unknown goes down every branch, with its weight multiplied by the
 * fraction of known weight that went that way.
 * `fallbackProportions` is used only if no row has a known value (then there is nothing
 * to estimate the fractions from; Weka would divide by zero here).
 */
export function splitRows(
  set: TrainingSet,
  data: WeightedRows,
  attribute: number,
  threshold: number,
  fallbackProportions: ArrayLike<number>,
): RowsSplit {
  const column = set.columns[attribute];
  const distribution = new Distribution(2, set.numClasses);
  const unknown: number[] = [];
  data.rows.forEach((row, i) => {
    const branch = branchOf(column[row], threshold);
    if (branch < 0) unknown.push(i);
    else distribution.add(branch, set.labels[row], data.weights[i]);
  });
  const proportions = branchProportions(distribution, fallbackProportions);
  for (const i of unknown) {
    for (let branch = 0; branch < 2; branch++) {
      distribution.add(branch, set.labels[data.rows[i]], data.weights[i] * proportions[branch]);
    }
  }
  const parts = [LEFT, RIGHT].map((branch) => partOf(data, column, threshold, branch, proportions[branch]));
  return { distribution, parts: parts as [WeightedRows, WeightedRows] };
}

function branchProportions(known: Distribution, fallback: ArrayLike<number>): number[] {
  if (!clearlyGreater(known.total, 0)) return Array.from(fallback);
  return Array.from(known.perBag, (weight) => weight / known.total);
}

function partOf(data: WeightedRows, column: Float64Array, threshold: number, branch: number, proportion: number): WeightedRows {
  const rows: number[] = [];
  const weights: number[] = [];
  data.rows.forEach((row, i) => {
    const rowBranch = branchOf(column[row], threshold);
    if (rowBranch === branch) {
      rows.push(row);
      weights.push(data.weights[i]);
    } else if (rowBranch < 0 && clearlyGreater(proportion, 0)) {
      rows.push(row);
      weights.push(data.weights[i] * proportion);
    }
  });
  return { rows: Int32Array.from(rows), weights: Float64Array.from(weights) };
}

/** The class weights of a set of rows, in one bag (a leaf's distribution). */
export function classDistribution(set: TrainingSet, data: WeightedRows): Distribution {
  const distribution = new Distribution(1, set.numClasses);
  data.rows.forEach((row, i) => distribution.add(0, set.labels[row], data.weights[i]));
  return distribution;
}
