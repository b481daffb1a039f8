/** `dl.models`: the classic models of the WISDM table (J48, logistic regression, Weka's multilayer perceptron, the straw man). */
export { J48 } from "./classic/j48";
export type { J48Options } from "./classic/j48";
export { LogisticRegression } from "./classic/logistic";
export type { LogisticOptions } from "./classic/logistic";
export { MajorityClassifier } from "./classic/majority";
export { MultilayerPerceptron } from "./classic/multilayer-perceptron";
export type { MultilayerPerceptronOptions } from "./classic/multilayer-perceptron";
export type { Classifier } from "./classic/types";
export { mcCullochPitts, trainPerceptron, perceptronOutput, novikoffBound } from "./classic/perceptron";
export type { McCullochPittsUnit, PerceptronOptions, PerceptronRun } from "./classic/perceptron";
export { resnet, trainableParameters, RESNET_BLOCKS } from "./resnet";
export type { ResNetDepth, ResNetOptions } from "./resnet";
export { tent, sawtooth, deepSawtoothNetwork, shallowReLUFit, linearPieces, sawtoothErrorBound } from "./sawtooth";
export { descend, lossGrid, linearLoss, epochsToTarget } from "./descent-paths";
export type { DescentOptions, DescentPath, Point2 } from "./descent-paths";
