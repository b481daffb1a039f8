import { argMax, Classifier, FeatureMatrix, inferNumClasses, Labels } from "./types";

/**
 * ZeroR, the lecture's "straw man": always predict the most frequent training class
 * (ties to the lower class index, as Weka's ZeroR does).
 */
export class MajorityClassifier implements Classifier {
  private classProbabilities: number[] = [];

  constructor(private readonly options: { numClasses?: number } = {}) {}

  fit(_X: FeatureMatrix, y: Labels): this {
    const counts = new Array<number>(this.options.numClasses ?? inferNumClasses(y)).fill(0);
    for (let i = 0; i < y.length; i++) counts[y[i]]++;
    this.classProbabilities = counts.map((count) => count / y.length);
    return this;
  }

  get majorityClass(): number {
    return argMax(this.classProbabilities);
  }

  predictProba(X: FeatureMatrix): number[][] {
    return X.map(() => [...this.classProbabilities]);
  }

  predict(X: FeatureMatrix): number[] {
    return X.map(() => this.majorityClass);
  }
}
