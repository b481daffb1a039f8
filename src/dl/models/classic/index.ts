export { J48 } from "./j48";
export type { J48Options } from "./j48";
export { LogisticRegression } from "./logistic";
export type { LogisticOptions } from "./logistic";
export { MajorityClassifier } from "./majority";
export { MultilayerPerceptron } from "./multilayer-perceptron";
export type { MultilayerPerceptronOptions } from "./multilayer-perceptron";
export type { Classifier, FeatureMatrix, FeatureRow, Labels } from "./types";
export type { TreeNames } from "./c45/format";
