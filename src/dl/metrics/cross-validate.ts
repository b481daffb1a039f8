import { ConfusionMatrix, confusionMatrix, accuracy, recallPerClass } from "./confusion";
import { foldSplit, stratifiedKFold } from "./stratified-kfold";

/** The part of a classifier cross-validation needs (every classic model fits it). */
export interface FitPredict<Row> {
  fit(X: Row[], y: number[]): unknown;
  predict(X: Row[]): number[];
}

export interface CrossValidationOptions {
  folds?: number;
  seed?: number;
  /** Defaults to max(y) + 1. */
  numClasses?: number;
}

export interface FoldResult {
  readonly testIndices: number[];
  readonly predictions: number[];
  readonly accuracy: number;
}

export interface CrossValidationResult {
  readonly folds: FoldResult[];
  /** Prediction for every instance, made by the model that did not train on it. */
  readonly predictions: number[];
  readonly confusion: ConfusionMatrix;
  readonly accuracy: number;
  readonly recallPerClass: number[];
}

/**
 * Stratified k-fold cross-validation (Weka's default protocol, 10 folds): a fresh model
 * per fold, predictions pooled over the folds, metrics computed on the pooled confusion
 * matrix as Weka reports them.
 */
export function crossValidate<Row>(
  makeModel: () => FitPredict<Row>,
  X: ReadonlyArray<Row>,
  y: ReadonlyArray<number>,
  { folds: k = 10, seed = 1, numClasses = Math.max(...y) + 1 }: CrossValidationOptions = {},
): CrossValidationResult {
  const assignment = stratifiedKFold(y, k, seed);
  const predictions = new Array<number>(y.length);
  const folds = Array.from({ length: k }, (_, fold) => {
    const { train, test } = foldSplit(assignment, fold);
    const model = makeModel();
    model.fit(train.map((i) => X[i]), train.map((i) => y[i]));
    const foldPredictions = model.predict(test.map((i) => X[i]));
    test.forEach((index, j) => (predictions[index] = foldPredictions[j]));
    const correct = test.filter((index, j) => foldPredictions[j] === y[index]).length;
    return { testIndices: test, predictions: foldPredictions, accuracy: correct / test.length };
  });
  const confusion = confusionMatrix(y, predictions, numClasses);
  return { folds, predictions, confusion, accuracy: accuracy(confusion), recallPerClass: recallPerClass(confusion) };
}
