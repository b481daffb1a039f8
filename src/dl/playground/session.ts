/**
 * One Playground session, as the site keeps it: the data (regenerated when the dataset, noise or
 * split changes), the network (rebuilt when the features, layers, activation or regularization
 * change; learning rate, regularization rate and batch size apply to the next step), the epoch
 * counter and the train/test loss after every epoch. Seeded: the same spec gives the same run.
 */
import { PLAYGROUND_DOMAIN, playgroundDataset } from "../datasets/synthetic/playground";
import { playgroundFeature, playgroundFeatures } from "../datasets/synthetic/playground-features";
import type { LabeledPoints, TrainTestSplit } from "../datasets/synthetic/types";
import { random, Random } from "../random";
import { PlaygroundNetwork } from "./network";
import { playgroundSpec, PLAYGROUND_FIXED, PlaygroundSpec } from "./spec";

/** Knobs whose change regenerates the data; then the network starts over too. */
const DATA_KNOBS: (keyof PlaygroundSpec)[] = ["dataset", "noise", "percTrainData", "seed"];
/** Knobs whose change starts the network over. */
const NETWORK_KNOBS: (keyof PlaygroundSpec)[] = ["features", "hiddenLayers", "activation", "regularization"];

export class PlaygroundSession {
  spec: PlaygroundSpec;
  data!: TrainTestSplit;
  network!: PlaygroundNetwork;
  epoch = 0;
  /** Loss after each epoch, epoch 0 (the initial network) first. */
  readonly history: { train: number[]; test: number[] } = { train: [], test: [] };
  private trainInputs!: Float64Array;
  private testInputs!: Float64Array;
  /** How many times "regenerate" drew new data for this seed. */
  private regenerations = 0;
  private weightRandom!: Random;

  constructor(spec: Partial<PlaygroundSpec> = {}) {
    this.spec = playgroundSpec(spec);
    this.generate();
  }

  /** Changes knobs: data, network or neither start over, as on the site. */
  set(changes: Partial<PlaygroundSpec>): void {
    const next = playgroundSpec({ ...this.spec, ...changes });
    const changed = (keys: (keyof PlaygroundSpec)[]) => keys.some((k) => JSON.stringify(next[k]) !== JSON.stringify(this.spec[k]));
    const newData = changed(DATA_KNOBS);
    const newNetwork = changed(NETWORK_KNOBS);
    this.spec = next;
    if (newData) this.generate();
    else if (newNetwork) this.reset();
  }

  /** New points from a new seed (the site's "regenerate" button), and a new network. */
  regenerate(): void {
    this.regenerations++;
    this.generate();
  }

  /** A freshly initialised network, epoch 0. */
  reset(): void {
    this.trainInputs = this.inputsOf(this.data.train);
    this.testInputs = this.inputsOf(this.data.test);
    const { features, hiddenLayers, activation, regularization } = this.spec;
    this.network = new PlaygroundNetwork(features.length, hiddenLayers, activation, regularization, this.weightRandom);
    this.epoch = 0;
    this.history.train.length = 0;
    this.history.test.length = 0;
    this.record();
  }

  /** Trains `epochs` epochs (the site's Step button is one). */
  step(epochs = 1): void {
    const { batchSize, learningRate, regularizationRate } = this.spec;
    for (let e = 0; e < epochs; e++) {
      this.network.trainEpoch(this.trainInputs, this.data.train.label, batchSize, learningRate, regularizationRate);
      this.epoch++;
      this.record();
    }
  }

  get trainLoss(): number {
    return this.history.train[this.history.train.length - 1];
  }

  get testLoss(): number {
    return this.history.test[this.history.test.length - 1];
  }

  accuracy(split: "train" | "test"): number {
    return split === "train" ? this.network.accuracy(this.trainInputs, this.data.train.label) : this.network.accuracy(this.testInputs, this.data.test.label);
  }

  /**
   * The output neuron over a density x density grid of the plane [-6, 6]^2, row-major with the
   * top row (x2 = +6) first, as the site's heatmap.
   */
  outputGrid(density = 100): Float64Array {
    const shape = this.network.shape;
    return this.neuronGrids(density)[shape.length - 1][0];
  }

  /** Every neuron's output over the grid, [layer][neuron] (layer 0: the input features). */
  neuronGrids(density = 100): Float64Array[][] {
    const shape = this.network.shape;
    const grids = shape.map((count) => Array.from({ length: count }, () => new Float64Array(density * density)));
    const features = this.spec.features;
    const input = new Float64Array(features.length);
    const step = (2 * PLAYGROUND_DOMAIN) / (density - 1);
    for (let row = 0; row < density; row++) {
      for (let col = 0; col < density; col++) {
        const x = -PLAYGROUND_DOMAIN + col * step;
        const y = PLAYGROUND_DOMAIN - row * step;
        for (let f = 0; f < features.length; f++) input[f] = playgroundFeature(features[f], x, y);
        this.network.forward(input);
        for (let l = 0; l < shape.length; l++) for (let i = 0; i < shape[l]; i++) grids[l][i][row * density + col] = this.network.outputs[l][i];
      }
    }
    return grids;
  }

  private generate(): void {
    const seed = this.spec.seed + 7919 * this.regenerations;
    this.data = playgroundDataset(this.spec.dataset, { numSamples: PLAYGROUND_FIXED.numSamples, noise: this.spec.noise, percTrainData: this.spec.percTrainData, seed });
    // Weights draw from their own stream, fixed by the data's seed (the site continues one stream).
    this.weightRandom = random(seed ^ 0x5bd1e995);
    this.reset();
  }

  private inputsOf(points: LabeledPoints): Float64Array {
    return Float64Array.from(playgroundFeatures(points, this.spec.features).values);
  }

  private record(): void {
    this.history.train.push(this.network.loss(this.trainInputs, this.data.train.label));
    this.history.test.push(this.network.loss(this.testInputs, this.data.test.label));
  }
}
