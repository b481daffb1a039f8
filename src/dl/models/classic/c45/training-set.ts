/**
 * The training data as a C4.5 tree sees it: column-major values (NaN = missing), class
 * indices, and at each node a weighted subset of rows. Weights start at 1; an instance
 * whose tested value is missing travels down every branch with a fraction of its weight.
 */
export interface TrainingSet {
  readonly columns: Float64Array[];
  readonly labels: Int32Array;
  readonly numClasses: number;
}

export interface WeightedRows {
  readonly rows: Int32Array;
  readonly weights: Float64Array;
}

export function allRowsWithUnitWeight(numRows: number): WeightedRows {
  return { rows: Int32Array.from({ length: numRows }, (_, i) => i), weights: new Float64Array(numRows).fill(1) };
}
