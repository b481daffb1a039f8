import { JavaRandom } from "./java-random";
import { argMax, Classifier, FeatureMatrix, inferNumClasses, Labels } from "./types";

export interface MultilayerPerceptronOptions {
  /** Hidden sigmoid units; Weka's default "a" is floor((attributes + classes) / 2). */
  hiddenUnits?: number;
  /** Weka's -L, default 0.3. */
  learningRate?: number;
  /** Weka's -M, default 0.2. */
  momentum?: number;
  /** Weka's -N, default 500 passes over the training set. */
  epochs?: number;
  /** Weka's -S, default 0: the shuffle of the training set and the initial weights. */
  seed?: number;
  /** Scale every attribute to [-1, 1] by the training set's min and max (Weka's default; -I turns it off). */
  normalizeAttributes?: boolean;
  /** Defaults to max(y) + 1. */
  numClasses?: number;
}

/** Weka's SigmoidUnit: exactly 0 or 1 beyond ±45 ("from the Neural Network FAQ, to combat overflow"). */
function sigmoid(z: number): number {
  if (z < -45) return 0;
  if (z > 45) return 1;
  return 1 / (1 + Math.exp(-z));
}

/** Per-attribute centre and half-range of the training values (missing values ignored). */
interface Scaling {
  base: Float64Array;
  range: Float64Array;
}

function fitScaling(X: FeatureMatrix, width: number): Scaling {
  const min = new Float64Array(width).fill(Infinity);
  const max = new Float64Array(width).fill(-Infinity);
  for (const row of X) {
    for (let f = 0; f < width; f++) {
      const v = row[f];
      if (Number.isNaN(v)) continue;
      if (v < min[f]) min[f] = v;
      if (v > max[f]) max[f] = v;
    }
  }
  return { base: min.map((lo, f) => (max[f] + lo) / 2), range: min.map((lo, f) => (max[f] - lo) / 2) };
}

/**
 * Weka's `functions.MultilayerPerceptron` with its defaults, in plain TypeScript on typed arrays
 * (tfjs `fit` one instance at a time would take hours): one hidden layer of sigmoid units, sigmoid
 * outputs (one per class) trained on squared error by backpropagation, one update per training
 * instance, learning rate 0.3, momentum 0.2, 500 epochs, attributes scaled to [-1, 1], a missing
 * value entered as 0 (the middle of its range). As in Weka, the training set is shuffled once
 * with java.util.Random(seed) and then visited in that order every epoch; the same generator then
 * draws every weight uniformly from [-0.05, 0.05) in Weka's order, so a run matches Weka's
 * numbers (test/dl/models/classic/multilayer-perceptron.test.ts compares with Weka 3.6).
 * Predictions are the outputs divided by their sum.
 */
export class MultilayerPerceptron implements Classifier {
  private numClasses = 0;
  private width = 0;
  private hidden = 0;
  private scaling: Scaling | null = null;
  /** Hidden unit j: bias at j * (width + 1), then one weight per attribute. */
  private hiddenWeights = new Float64Array(0);
  /** Output unit k: bias at k * (hidden + 1), then one weight per hidden unit. */
  private outputWeights = new Float64Array(0);
  /** Class shares with Weka's ZeroR (Laplace) counts: the answer when every output is 0. */
  private prior: number[] = [];
  /** The learning rate that trained without overflow (Weka halves it and restarts on NaN). */
  learningRateUsed = 0;

  constructor(private readonly options: MultilayerPerceptronOptions = {}) {}

  fit(X: FeatureMatrix, y: Labels): this {
    if (X.length === 0) throw new Error("MultilayerPerceptron: no training rows");
    this.numClasses = this.options.numClasses ?? inferNumClasses(y);
    this.width = X[0].length;
    this.hidden = this.options.hiddenUnits ?? Math.floor((this.width + this.numClasses) / 2);
    this.prior = this.zeroR(y);
    let learningRate = this.options.learningRate ?? 0.3;
    // Weka: "Network cannot train. Try restarting with a smaller learning rate" — done for you.
    while (!this.train(X, y, learningRate)) {
      learningRate /= 2;
      if (learningRate < 1e-6) throw new Error("MultilayerPerceptron: the network cannot train even at a learning rate of 1e-6");
    }
    this.learningRateUsed = learningRate;
    return this;
  }

  predictProba(X: FeatureMatrix): number[][] {
    const hidden = new Float64Array(this.hidden);
    const output = new Float64Array(this.numClasses);
    const input = new Float64Array(this.width);
    return X.map((row) => {
      this.scaleInto(row, input);
      this.forward(input, 0, hidden, output);
      const sum = output.reduce((a, b) => a + b, 0);
      return sum > 0 ? Array.from(output, (o) => o / sum) : [...this.prior];
    });
  }

  predict(X: FeatureMatrix): number[] {
    return this.predictProba(X).map(argMax);
  }

  private zeroR(y: Labels): number[] {
    const counts = new Array<number>(this.numClasses).fill(1);
    for (let i = 0; i < y.length; i++) counts[y[i]]++;
    const total = counts.reduce((a, b) => a + b, 0);
    return counts.map((c) => c / total);
  }

  /** One full training from fresh weights; false when the error overflowed. */
  private train(X: FeatureMatrix, y: Labels, learningRate: number): boolean {
    const random = new JavaRandom(this.options.seed ?? 0);
    const order = random.shuffle(Array.from({ length: X.length }, (_, i) => i));
    const shuffled = order.map((i) => X[i]);
    const useNormalization = this.options.normalizeAttributes ?? true;
    this.scaling = useNormalization ? fitScaling(shuffled, this.width) : null;
    this.initialiseWeights(random);
    const inputs = new Float64Array(X.length * this.width);
    shuffled.forEach((row, r) => this.scaleInto(row, inputs.subarray(r * this.width, (r + 1) * this.width)));
    const targets = Int32Array.from(order, (i) => y[i]);
    const epochs = this.options.epochs ?? 500;
    const momentum = this.options.momentum ?? 0.2;
    const steps = new BackpropState(this.width, this.hidden, this.numClasses);
    for (let epoch = 0; epoch < epochs; epoch++) {
      let squaredError = 0;
      for (let r = 0; r < targets.length; r++) squaredError += this.step(inputs, r * this.width, targets[r], learningRate, momentum, steps);
      if (!Number.isFinite(squaredError)) return false;
    }
    return true;
  }

  /** Weka's order: output biases, hidden biases, input->hidden by attribute, hidden->output by unit. */
  private initialiseWeights(random: JavaRandom): void {
    const draw = () => random.nextDouble() * 0.1 - 0.05;
    const { width, hidden, numClasses } = this;
    this.outputWeights = new Float64Array(numClasses * (hidden + 1));
    this.hiddenWeights = new Float64Array(hidden * (width + 1));
    for (let k = 0; k < numClasses; k++) this.outputWeights[k * (hidden + 1)] = draw();
    for (let j = 0; j < hidden; j++) this.hiddenWeights[j * (width + 1)] = draw();
    for (let f = 0; f < width; f++) for (let j = 0; j < hidden; j++) this.hiddenWeights[j * (width + 1) + 1 + f] = draw();
    for (let j = 0; j < hidden; j++) for (let k = 0; k < numClasses; k++) this.outputWeights[k * (hidden + 1) + 1 + j] = draw();
  }

  /** Weka scales (v - centre) / half-range (or v - centre for a constant attribute); missing -> 0. */
  private scaleInto(row: ArrayLike<number>, out: Float64Array): void {
    const scaling = this.scaling;
    for (let f = 0; f < this.width; f++) {
      const v = row[f];
      if (Number.isNaN(v)) out[f] = 0;
      else if (scaling === null) out[f] = v;
      else out[f] = scaling.range[f] !== 0 ? (v - scaling.base[f]) / scaling.range[f] : v - scaling.base[f];
      if (Number.isNaN(out[f])) out[f] = 0;
    }
  }

  private forward(inputs: Float64Array, offset: number, hidden: Float64Array, output: Float64Array): void {
    const { width, hiddenWeights, outputWeights } = this;
    for (let j = 0; j < this.hidden; j++) hidden[j] = sigmoid(weightedSum(hiddenWeights, j * (width + 1), inputs, offset, width));
    for (let k = 0; k < this.numClasses; k++) output[k] = sigmoid(weightedSum(outputWeights, k * (this.hidden + 1), hidden, 0, this.hidden));
  }

  /**
   * One instance: forward pass, errors from the weights as they were (target 1 for the class, 0
   * otherwise), then every weight moves by learningRate * error * input + momentum * its last move.
   * Returns the instance's squared error.
   */
  private step(inputs: Float64Array, offset: number, target: number, learningRate: number, momentum: number, s: BackpropState): number {
    const { width, hidden, numClasses, hiddenWeights, outputWeights } = this;
    const { hidden: h, output: o, hiddenDelta, outputDelta, hiddenChange, outputChange } = s;
    this.forward(inputs, offset, h, o);
    let squaredError = 0;
    for (let k = 0; k < numClasses; k++) {
      const error = (k === target ? 1 : 0) - o[k];
      squaredError += error * error;
      outputDelta[k] = error * o[k] * (1 - o[k]);
    }
    for (let j = 0; j < hidden; j++) {
      let sum = 0;
      for (let k = 0; k < numClasses; k++) sum += outputDelta[k] * outputWeights[k * (hidden + 1) + 1 + j];
      hiddenDelta[j] = sum * h[j] * (1 - h[j]);
    }
    for (let k = 0; k < numClasses; k++) updateUnit(outputWeights, outputChange, k * (hidden + 1), learningRate * outputDelta[k], momentum, h, 0, hidden);
    for (let j = 0; j < hidden; j++) updateUnit(hiddenWeights, hiddenChange, j * (width + 1), learningRate * hiddenDelta[j], momentum, inputs, offset, width);
    return squaredError;
  }
}

/** A unit's input: its bias (at `w`) plus its weights times the inputs. */
function weightedSum(weights: Float64Array, w: number, inputs: Float64Array, offset: number, count: number): number {
  let z = weights[w];
  for (let i = 0; i < count; i++) z += inputs[offset + i] * weights[w + 1 + i];
  return z;
}

/**
 * One unit's weights (bias at `w`, then one per input) move by rate * input + momentum * last move,
 * and the move is remembered. A plain function on typed arrays, the loop V8 compiles best.
 */
function updateUnit(weights: Float64Array, changes: Float64Array, w: number, rate: number, momentum: number, inputs: Float64Array, offset: number, count: number): void {
  let change = rate + momentum * changes[w];
  weights[w] += change;
  changes[w] = change;
  for (let i = 0; i < count; i++) {
    change = rate * inputs[offset + i] + momentum * changes[w + 1 + i];
    weights[w + 1 + i] += change;
    changes[w + 1 + i] = change;
  }
}

/** Scratch buffers of one training run: activations, errors and each weight's last change. */
class BackpropState {
  readonly hidden: Float64Array;
  readonly output: Float64Array;
  readonly hiddenDelta: Float64Array;
  readonly outputDelta: Float64Array;
  readonly hiddenChange: Float64Array;
  readonly outputChange: Float64Array;

  constructor(width: number, hidden: number, classes: number) {
    this.hidden = new Float64Array(hidden);
    this.output = new Float64Array(classes);
    this.hiddenDelta = new Float64Array(hidden);
    this.outputDelta = new Float64Array(classes);
    this.hiddenChange = new Float64Array(hidden * (width + 1));
    this.outputChange = new Float64Array(classes * (hidden + 1));
  }
}
