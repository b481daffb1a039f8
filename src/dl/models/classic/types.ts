/**
 * The shapes shared by the classic (non-neural) models of the WISDM Table 2.
 * Features are plain numbers, one row per instance; NaN marks a missing value (ARFF `?`).
 * Labels are class indices 0..numClasses-1.
 */
export type FeatureRow = ArrayLike<number>;
export type FeatureMatrix = ReadonlyArray<FeatureRow>;
export type Labels = ArrayLike<number>;

export interface Classifier {
  fit(X: FeatureMatrix, y: Labels): this;
  /** One class-probability vector per row. */
  predictProba(X: FeatureMatrix): number[][];
  /** The most probable class per row (ties go to the lower class index, as in Weka). */
  predict(X: FeatureMatrix): number[];
}

/** Index of the first maximum: Weka breaks ties towards the earlier class. */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Number of classes implied by the labels when the caller does not say. */
export function inferNumClasses(y: Labels): number {
  let max = -1;
  for (let i = 0; i < y.length; i++) max = Math.max(max, y[i]);
  return max + 1;
}
