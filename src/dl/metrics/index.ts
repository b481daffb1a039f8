export { accuracy, confusionMatrix, recallPerClass } from "./confusion";
export type { ConfusionMatrix } from "./confusion";
export { crossValidate } from "./cross-validate";
export type { CrossValidationOptions, CrossValidationResult, FitPredict, FoldResult } from "./cross-validate";
export { foldSplit, stratifiedKFold } from "./stratified-kfold";
