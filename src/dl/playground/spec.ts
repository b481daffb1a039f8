/**
 * One spec of playground.tensorflow.org's knobs and its own defaults (tensorflow/playground,
 * src/state.ts): the circle dataset, features x1 and x2, hidden layers 4-2 with tanh, learning
 * rate 0.03, batch size 10, noise 0, half the points for training, no regularization. What the
 * site has no knob for is fixed as it is there: plain SGD, a tanh output neuron scored with
 * squared error (0.5 (output - label)^2, labels -1 / +1), 500 points. The reproducible run and
 * the live Playground of notebook 30 both start from PLAYGROUND_DEFAULTS.
 */
import type { PlaygroundDatasetName } from "../datasets/synthetic/playground";
import { PLAYGROUND_FEATURES, PlaygroundFeatureName } from "../datasets/synthetic/playground-features";

export type PlaygroundActivation = "relu" | "tanh" | "sigmoid" | "linear";
export type PlaygroundRegularization = "none" | "L1" | "L2";

export interface PlaygroundSpec {
  dataset: PlaygroundDatasetName;
  /** The noise slider, 0..50 (%). */
  noise: number;
  /** Ratio of training to test data, 10..90 (%). */
  percTrainData: number;
  batchSize: number;
  /** The input features fed to the network, of the seven the site offers. */
  features: PlaygroundFeatureName[];
  /** Neurons per hidden layer ([] for none; the site allows up to 6 layers of up to 8). */
  hiddenLayers: number[];
  learningRate: number;
  activation: PlaygroundActivation;
  regularization: PlaygroundRegularization;
  regularizationRate: number;
  /** Seeds the data and the initial weights (the site draws a random seed per page). */
  seed: number;
}

export const PLAYGROUND_DEFAULTS: Readonly<PlaygroundSpec> = Object.freeze({
  dataset: "circle",
  noise: 0,
  percTrainData: 50,
  batchSize: 10,
  features: ["x1", "x2"],
  hiddenLayers: [4, 2],
  learningRate: 0.03,
  activation: "tanh",
  regularization: "none",
  regularizationRate: 0,
  seed: 0,
} satisfies PlaygroundSpec);

/** What the site fixes: it has no control for these. */
export const PLAYGROUND_FIXED = Object.freeze({
  numSamples: 500,
  optimizer: "sgd",
  outputActivation: "tanh",
  loss: "square",
  /** Initial weights are uniform in [-0.5, 0.5), biases 0.1. */
  initialBias: 0.1,
});

/** The values each control of the site offers (index.html). */
export const PLAYGROUND_CHOICES = Object.freeze({
  datasets: ["circle", "xor", "gauss", "spiral"] as PlaygroundDatasetName[],
  features: PLAYGROUND_FEATURES,
  learningRate: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  activation: ["relu", "tanh", "sigmoid", "linear"] as PlaygroundActivation[],
  regularization: ["none", "L1", "L2"] as PlaygroundRegularization[],
  regularizationRate: [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  noise: { min: 0, max: 50, step: 5 },
  percTrainData: { min: 10, max: 90, step: 10 },
  batchSize: { min: 1, max: 30, step: 1 },
  maxHiddenLayers: 6,
  maxNeurons: 8,
});

/** The defaults with `overrides`, checked against what the site allows. */
export function playgroundSpec(overrides: Partial<PlaygroundSpec> = {}): PlaygroundSpec {
  const spec: PlaygroundSpec = { ...PLAYGROUND_DEFAULTS, features: [...PLAYGROUND_DEFAULTS.features], hiddenLayers: [...PLAYGROUND_DEFAULTS.hiddenLayers], ...overrides };
  const fail = (what: string) => {
    throw new RangeError(`playground: ${what}`);
  };
  if (!PLAYGROUND_CHOICES.datasets.includes(spec.dataset)) fail(`unknown dataset ${JSON.stringify(spec.dataset)}`);
  if (spec.features.length === 0) fail("at least one input feature is needed");
  for (const f of spec.features) if (!PLAYGROUND_FEATURES.includes(f)) fail(`unknown feature ${JSON.stringify(f)} (${PLAYGROUND_FEATURES.join(", ")})`);
  if (spec.hiddenLayers.length > PLAYGROUND_CHOICES.maxHiddenLayers) fail(`at most ${PLAYGROUND_CHOICES.maxHiddenLayers} hidden layers`);
  if (spec.hiddenLayers.some((n) => !Number.isInteger(n) || n < 1 || n > PLAYGROUND_CHOICES.maxNeurons)) fail(`1..${PLAYGROUND_CHOICES.maxNeurons} neurons per layer`);
  if (!PLAYGROUND_CHOICES.activation.includes(spec.activation)) fail(`unknown activation ${JSON.stringify(spec.activation)}`);
  if (!PLAYGROUND_CHOICES.regularization.includes(spec.regularization)) fail(`unknown regularization ${JSON.stringify(spec.regularization)}`);
  if (!(spec.batchSize >= 1) || !Number.isInteger(spec.batchSize)) fail("batch size must be a positive integer");
  if (!(spec.noise >= 0 && spec.noise <= 50)) fail("noise must be in 0..50");
  if (!(spec.percTrainData > 0 && spec.percTrainData < 100)) fail("percTrainData must be in 1..99");
  if (!(spec.learningRate > 0)) fail("learning rate must be positive");
  if (!(spec.regularizationRate >= 0)) fail("regularization rate must be >= 0");
  return spec;
}
