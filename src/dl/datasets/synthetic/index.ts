export type { Example2D, LabeledPoints, TrainTestSplit } from "./types";
export { pointCount } from "./types";
export { playgroundDataset, PLAYGROUND_DOMAIN } from "./playground";
export type { PlaygroundDatasetName, PlaygroundOptions } from "./playground";
export { playgroundFeatures, PLAYGROUND_FEATURES } from "./playground-features";
export type { PlaygroundFeatureName } from "./playground-features";
export { trianglesAndCircles, toPolar, TRIANGLE, CIRCLE } from "./concentric";
export type { ConcentricOptions } from "./concentric";
export {
  stairsImages,
  stairsKind,
  STAIRS_THRESHOLD,
  SLIDE_PERCEPTRON,
  SLIDE_STAIRS_EXAMPLES,
} from "./stairs";
export type { StairsImages, StairsKind } from "./stairs";
export { sineWithNoise } from "./sine";
export type { SineOptions, SineSamples } from "./sine";
export { truthTable, TRUTH_TABLE_INPUTS } from "./truth-tables";
export type { LogicGate } from "./truth-tables";
export { pointsToTensors, stairsToTensors, matrixToTensors } from "./tensors";
export type { XY } from "./tensors";
