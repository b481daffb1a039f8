/**
 * Confusion-matrix metrics. Rows are actual classes, columns predicted classes (Weka's
 * layout), so recall of class c is matrix[c][c] over the row sum.
 */
export type ConfusionMatrix = number[][];

export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, numClasses: number): ConfusionMatrix {
  if (actual.length !== predicted.length) throw new RangeError("actual and predicted differ in length");
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < actual.length; i++) matrix[actual[i]][predicted[i]]++;
  return matrix;
}

/** Fraction correct over all instances. */
export function accuracy(matrix: ConfusionMatrix): number {
  const total = matrix.reduce((sum, row) => sum + rowSum(row), 0);
  const correct = matrix.reduce((sum, row, c) => sum + row[c], 0);
  return total === 0 ? NaN : correct / total;
}

/** Per-class recall (the paper's per-activity "accuracy"); NaN for a class never seen. */
export function recallPerClass(matrix: ConfusionMatrix): number[] {
  return matrix.map((row, c) => (rowSum(row) === 0 ? NaN : row[c] / rowSum(row)));
}

const rowSum = (row: number[]): number => row.reduce((sum, count) => sum + count, 0);
