import { FeatureMatrix, FeatureRow } from "./types";

/**
 * What Weka's Logistic does to numeric inputs before fitting: missing values become the
 * training mean (ReplaceMissingValues), then each attribute is standardised to mean 0,
 * standard deviation 1 (sample SD). A constant attribute maps to 0, which is what
 * removing it (Weka's RemoveUseless) amounts to.
 */
export class FeatureScaler {
  private constructor(
    readonly means: Float64Array,
    readonly deviations: Float64Array,
  ) {}

  static fit(X: FeatureMatrix): FeatureScaler {
    const numAttributes = X.length > 0 ? X[0].length : 0;
    const means = new Float64Array(numAttributes);
    const deviations = new Float64Array(numAttributes);
    for (let a = 0; a < numAttributes; a++) {
      const known = X.map((row) => row[a]).filter((value) => !Number.isNaN(value));
      means[a] = known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : 0;
      // Imputed values sit at the mean, so they add rows but no spread.
      const squares = known.reduce((sum, value) => sum + (value - means[a]) ** 2, 0);
      deviations[a] = X.length > 1 ? Math.sqrt(squares / (X.length - 1)) : 0;
    }
    return new FeatureScaler(means, deviations);
  }

  transform(x: FeatureRow): Float64Array {
    return Float64Array.from(this.means, (mean, a) => {
      const value = Number.isNaN(x[a]) ? mean : x[a];
      return this.deviations[a] > 0 ? (value - mean) / this.deviations[a] : 0;
    });
  }
}
