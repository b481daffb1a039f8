import { FeatureScaler } from "./feature-scaler";
import { designMatrix, DesignMatrix, logisticObjective, rowProbabilities } from "./logistic-objective";
import { minimizeNewton, NewtonResult } from "./optim/newton";
import { argMax, Classifier, FeatureMatrix, inferNumClasses, Labels } from "./types";

export interface LogisticOptions {
  /** Ridge on the (standardised) coefficients; Weka's default -R 1e-8. */
  ridge?: number;
  maxIterations?: number;
  /** Newton stops when it expects less than this improvement of the log-likelihood (default 0.01). */
  decrementTolerance?: number;
  /** Defaults to max(y) + 1. */
  numClasses?: number;
}

/**
 * Multinomial logistic regression like Weka's `functions.Logistic`: mean imputation,
 * standardised inputs, last class as reference, a tiny ridge, fitted to convergence by
 * Newton's method from all-zero weights (so it is deterministic).
 */
export class LogisticRegression implements Classifier {
  private scaler: FeatureScaler | null = null;
  private weights = new Float64Array(0);
  private numClasses = 0;
  /** How the optimiser finished, for inspection. */
  optimisation: Omit<NewtonResult, "x"> | null = null;

  constructor(private readonly options: LogisticOptions = {}) {}

  fit(X: FeatureMatrix, y: Labels): this {
    this.numClasses = this.options.numClasses ?? inferNumClasses(y);
    this.scaler = FeatureScaler.fit(X);
    const data = this.design(X);
    const objective = logisticObjective(data, Int32Array.from(y), this.numClasses, this.options.ridge ?? 1e-8);
    const start = new Float64Array((this.numClasses - 1) * data.width);
    const { maxIterations = 100, decrementTolerance = 1e-2 } = this.options;
    const { x, ...summary } = minimizeNewton(objective, start, { maxIterations, decrementTolerance });
    this.weights = x;
    this.optimisation = summary;
    return this;
  }

  predictProba(X: FeatureMatrix): number[][] {
    const data = this.design(X);
    const out = new Float64Array(this.numClasses);
    return X.map((_, i) => {
      rowProbabilities(data, i, this.weights, this.numClasses, out);
      return Array.from(out);
    });
  }

  predict(X: FeatureMatrix): number[] {
    return this.predictProba(X).map(argMax);
  }

  private design(X: FeatureMatrix): DesignMatrix {
    const scaler = this.scaler;
    if (scaler === null) throw new Error("LogisticRegression: call fit() first");
    return designMatrix(X.map((x) => scaler.transform(x)));
  }
}
