/**
 * The Playground's neural network, computing what tensorflow/playground's src/nn.ts computes,
 * on typed arrays: fully connected layers, a tanh output neuron, squared error
 * 0.5 (output - label)^2, back-propagation one example at a time with derivatives accumulated and
 * applied every `batchSize` examples (averaged), then the regularization step on the weights as
 * the site takes it (L1 weights that cross zero are set to 0 and stay dead). Initial weights are
 * uniform in [-0.5, 0.5) and biases 0.1. Plain loops: these networks have at most a few hundred
 * weights, where tensor kernels would cost more than the arithmetic.
 */
import type { PlaygroundActivation, PlaygroundRegularization } from "./spec";

interface Activation {
  output(x: number): number;
  der(x: number): number;
}

const ACTIVATIONS: Record<PlaygroundActivation, Activation> = {
  tanh: { output: Math.tanh, der: (x) => 1 - Math.tanh(x) ** 2 },
  relu: { output: (x) => Math.max(0, x), der: (x) => (x <= 0 ? 0 : 1) },
  sigmoid: {
    output: (x) => 1 / (1 + Math.exp(-x)),
    der: (x) => {
      const s = 1 / (1 + Math.exp(-x));
      return s * (1 - s);
    },
  },
  linear: { output: (x) => x, der: () => 1 },
};

/** d/dw of the penalty: L1 |w| -> sign(w), L2 0.5 w^2 -> w. */
const REGULARIZATION_DER: Record<PlaygroundRegularization, ((w: number) => number) | null> = {
  none: null,
  L1: (w) => (w < 0 ? -1 : w > 0 ? 1 : 0),
  L2: (w) => w,
};

export class PlaygroundNetwork {
  /** Neurons per layer, inputs first, the single output last. */
  readonly shape: readonly number[];
  /** Per layer l >= 1: weights[l][i * shape[l-1] + j] links neuron j of layer l-1 to neuron i of layer l. */
  readonly weights: Float64Array[];
  readonly biases: Float64Array[];
  /** L1 links whose weight crossed zero: 0 for good, never updated again (as the site). */
  readonly dead: Uint8Array[];
  private readonly activation: Activation;
  private readonly output = ACTIVATIONS.tanh;
  private readonly regularizationDer: ((w: number) => number) | null;
  private readonly totalInput: Float64Array[];
  /** Every neuron's output for the last forward pass (layer 0 holds the inputs). */
  readonly outputs: Float64Array[];
  private readonly outputDer: Float64Array[];
  private readonly inputDer: Float64Array[];
  private readonly accBias: Float64Array[];
  private readonly accWeight: Float64Array[];
  /** Examples whose derivatives are accumulated but not yet applied. */
  private pending = 0;

  constructor(inputs: number, hidden: readonly number[], activation: PlaygroundActivation, regularization: PlaygroundRegularization, random: () => number) {
    this.shape = [inputs, ...hidden, 1];
    this.activation = ACTIVATIONS[activation];
    this.regularizationDer = REGULARIZATION_DER[regularization];
    const perLayer = (size: (l: number) => number) => this.shape.map((_, l) => new Float64Array(l === 0 ? 0 : size(l)));
    this.weights = perLayer((l) => this.shape[l] * this.shape[l - 1]);
    // Same draw order as the site: layer by layer, neuron by neuron, one weight per incoming link.
    for (const w of this.weights) for (let k = 0; k < w.length; k++) w[k] = random() - 0.5;
    this.biases = perLayer((l) => this.shape[l]).map((b) => b.fill(0.1));
    this.dead = this.weights.map((w) => new Uint8Array(w.length));
    this.totalInput = perLayer((l) => this.shape[l]);
    this.outputs = this.shape.map((n) => new Float64Array(n));
    this.outputDer = this.shape.map((n) => new Float64Array(n));
    this.inputDer = perLayer((l) => this.shape[l]);
    this.accBias = perLayer((l) => this.shape[l]);
    this.accWeight = this.weights.map((w) => new Float64Array(w.length));
  }

  /** The output neuron's value (in [-1, 1]) for one input row. */
  forward(input: ArrayLike<number>, offset = 0): number {
    const first = this.outputs[0];
    for (let j = 0; j < first.length; j++) first[j] = input[offset + j];
    const last = this.shape.length - 1;
    for (let l = 1; l <= last; l++) {
      const act = l === last ? this.output : this.activation;
      const w = this.weights[l];
      const b = this.biases[l];
      const prev = this.outputs[l - 1];
      const total = this.totalInput[l];
      const out = this.outputs[l];
      const n = this.shape[l - 1];
      for (let i = 0; i < out.length; i++) {
        let sum = b[i];
        for (let j = 0; j < n; j++) sum += w[i * n + j] * prev[j];
        total[i] = sum;
        out[i] = act.output(sum);
      }
    }
    return this.outputs[last][0];
  }

  /** Accumulates the derivatives of 0.5 (output - target)^2 for the last forward pass. */
  backward(target: number): void {
    const last = this.shape.length - 1;
    this.outputDer[last][0] = this.outputs[last][0] - target;
    for (let l = last; l >= 1; l--) {
      const act = l === last ? this.output : this.activation;
      const w = this.weights[l];
      const dead = this.dead[l];
      const prev = this.outputs[l - 1];
      const n = this.shape[l - 1];
      const inputDer = this.inputDer[l];
      const outputDer = this.outputDer[l];
      const total = this.totalInput[l];
      const accBias = this.accBias[l];
      const accWeight = this.accWeight[l];
      for (let i = 0; i < inputDer.length; i++) {
        inputDer[i] = outputDer[i] * act.der(total[i]);
        accBias[i] += inputDer[i];
        for (let j = 0; j < n; j++) if (!dead[i * n + j]) accWeight[i * n + j] += inputDer[i] * prev[j];
      }
      if (l === 1) continue;
      const prevDer = this.outputDer[l - 1];
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let i = 0; i < inputDer.length; i++) sum += w[i * n + j] * inputDer[i];
        prevDer[j] = sum;
      }
    }
    this.pending++;
  }

  /** Applies the averaged derivatives, then the regularization step (the site's updateWeights). */
  update(learningRate: number, regularizationRate: number): void {
    if (this.pending === 0) return;
    const n = this.pending;
    for (let l = 1; l < this.shape.length; l++) {
      const w = this.weights[l];
      const b = this.biases[l];
      const dead = this.dead[l];
      const accBias = this.accBias[l];
      const accWeight = this.accWeight[l];
      for (let i = 0; i < b.length; i++) b[i] -= (learningRate * accBias[i]) / n;
      for (let k = 0; k < w.length; k++) {
        if (dead[k]) continue;
        const regularizationDer = this.regularizationDer ? this.regularizationDer(w[k]) : 0; // at the weight before this step
        w[k] -= (learningRate / n) * accWeight[k];
        const next = w[k] - learningRate * regularizationRate * regularizationDer;
        if (this.regularizationDer === REGULARIZATION_DER.L1 && w[k] * next < 0) {
          w[k] = 0;
          dead[k] = 1;
        } else w[k] = next;
      }
      accBias.fill(0);
      accWeight.fill(0);
    }
    this.pending = 0;
  }

  /**
   * One epoch as the site's oneStep(): every training row in order, weights updated after each
   * `batchSize` rows (a remainder carries over to the next epoch's first batch, as there).
   * @param inputs rows of `shape[0]` features, row-major
   * @param labels -1 / +1 per row
   */
  trainEpoch(inputs: Float64Array, labels: ArrayLike<number>, batchSize: number, learningRate: number, regularizationRate: number): void {
    const d = this.shape[0];
    for (let r = 0; r < labels.length; r++) {
      this.forward(inputs, r * d);
      this.backward(labels[r]);
      if ((r + 1) % batchSize === 0) this.update(learningRate, regularizationRate);
    }
  }

  /** Mean of 0.5 (output - label)^2 over the rows: the site's loss. */
  loss(inputs: Float64Array, labels: ArrayLike<number>): number {
    if (labels.length === 0) return 0;
    const d = this.shape[0];
    let sum = 0;
    for (let r = 0; r < labels.length; r++) sum += 0.5 * (this.forward(inputs, r * d) - labels[r]) ** 2;
    return sum / labels.length;
  }

  /** The share of rows whose output has the label's sign. */
  accuracy(inputs: Float64Array, labels: ArrayLike<number>): number {
    if (labels.length === 0) return 0;
    const d = this.shape[0];
    let right = 0;
    for (let r = 0; r < labels.length; r++) if ((this.forward(inputs, r * d) >= 0 ? 1 : -1) === labels[r]) right++;
    return right / labels.length;
  }

  /** Number of weights and biases. */
  get parameterCount(): number {
    return this.weights.reduce((sum, w) => sum + w.length, 0) + this.biases.reduce((sum, b) => sum + b.length, 0);
  }
}
