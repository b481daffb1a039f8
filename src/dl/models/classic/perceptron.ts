/**
 * The two oldest neurons of the lecture's history slide.
 *
 * 1943, McCulloch and Pitts: a threshold unit on binary inputs. Excitatory inputs count 1
 * each; the unit fires when their sum reaches its threshold, unless any inhibitory input is on
 * (inhibition is absolute). Nothing is learned: the threshold is chosen by hand.
 *
 * 1957, Rosenblatt: the perceptron learns its weights. Output 1 if w·x + b > 0, else 0; after
 * each example, w += rate·(target − output)·x and b += rate·(target − output). If a line
 * separates the classes, the rule stops making mistakes after at most (R/γ)² updates
 * (Novikoff 1962); if none does (XOR), it never stops.
 */

export interface McCullochPittsUnit {
  threshold: number;
  /** Which inputs are inhibitory (default none). */
  inhibitory?: readonly boolean[];
}

/** Fires (1) or not (0) on binary inputs. */
export function mcCullochPitts(unit: McCullochPittsUnit, inputs: readonly number[]): 0 | 1 {
  if (inputs.some((x) => x !== 0 && x !== 1)) throw new Error(`McCulloch-Pitts inputs are binary, got [${inputs.join(", ")}]`);
  if (inputs.some((x, i) => x === 1 && unit.inhibitory?.[i])) return 0;
  const excited = inputs.reduce((sum, x, i) => sum + (unit.inhibitory?.[i] ? 0 : x), 0);
  return excited >= unit.threshold ? 1 : 0;
}

export interface PerceptronOptions {
  learningRate?: number;
  /** Passes over the examples before giving up. */
  maxEpochs?: number;
  initialWeights?: readonly number[];
  initialBias?: number;
}

export interface PerceptronRun {
  weights: number[];
  bias: number;
  /** Mistakes (updates) made during each pass, in order. */
  errorsPerEpoch: number[];
  /** The weights and bias after each pass. */
  history: { weights: number[]; bias: number }[];
  /** Passes made, including the last (error-free one if it converged). */
  epochs: number;
  updates: number;
  /** A pass made no mistake: the rule has stopped changing the weights. */
  converged: boolean;
  /**
   * The pass at whose start the weights were the same as at the start of an earlier pass
   * (1-based), or null: with mistakes in between, the rule goes round this loop forever.
   */
  cycleAt: number | null;
  /** Examples the final weights get wrong. */
  finalErrors: number;
}

export function perceptronOutput(weights: readonly number[], bias: number, x: ArrayLike<number>): 0 | 1 {
  let z = bias;
  for (let i = 0; i < weights.length; i++) z += weights[i] * x[i];
  return z > 0 ? 1 : 0;
}

/** Rosenblatt's rule, one example at a time in the given order, until a pass is error-free. */
export function trainPerceptron(inputs: ReadonlyArray<ArrayLike<number>>, targets: ArrayLike<number>, options: PerceptronOptions = {}): PerceptronRun {
  const { learningRate = 1, maxEpochs = 100 } = options;
  const weights = options.initialWeights ? [...options.initialWeights] : new Array<number>(inputs[0].length).fill(0);
  let bias = options.initialBias ?? 0;
  const errorsPerEpoch: number[] = [];
  const history: { weights: number[]; bias: number }[] = [];
  const seen = new Map<string, number>();
  let cycleAt: number | null = null;
  while (errorsPerEpoch.length < maxEpochs) {
    const state = JSON.stringify([weights, bias]);
    if (seen.has(state)) {
      cycleAt = errorsPerEpoch.length + 1;
      break;
    }
    seen.set(state, errorsPerEpoch.length + 1);
    let errors = 0;
    inputs.forEach((x, n) => {
      const error = targets[n] - perceptronOutput(weights, bias, x);
      if (error === 0) return;
      errors++;
      for (let i = 0; i < weights.length; i++) weights[i] += learningRate * error * x[i];
      bias += learningRate * error;
    });
    errorsPerEpoch.push(errors);
    history.push({ weights: [...weights], bias });
    if (errors === 0) break;
  }
  const finalErrors = inputs.filter((x, n) => perceptronOutput(weights, bias, x) !== targets[n]).length;
  return {
    weights,
    bias,
    errorsPerEpoch,
    history,
    epochs: errorsPerEpoch.length,
    updates: errorsPerEpoch.reduce((a, b) => a + b, 0),
    converged: errorsPerEpoch[errorsPerEpoch.length - 1] === 0,
    cycleAt,
    finalErrors,
  };
}

/**
 * Novikoff's bound on the perceptron's mistakes, (R/γ)², for a separating line (weights,
 * bias): R is the largest norm of an input with a 1 appended (for the bias), γ the smallest
 * signed distance of an example from the line in that space. Any separator gives a valid
 * bound; the widest-margin one gives the smallest. Infinity if the line does not separate.
 */
export function novikoffBound(inputs: ReadonlyArray<ArrayLike<number>>, targets: ArrayLike<number>, separator: { weights: readonly number[]; bias: number }): number {
  const norm = Math.hypot(...separator.weights, separator.bias);
  let margin = Infinity;
  let radius = 0;
  inputs.forEach((x, n) => {
    const augmented = [...Array.from(x), 1];
    radius = Math.max(radius, Math.hypot(...augmented));
    const z = separator.weights.reduce((sum, w, i) => sum + w * x[i], separator.bias);
    margin = Math.min(margin, ((targets[n] === 1 ? 1 : -1) * z) / norm);
  });
  return margin > 0 ? (radius / margin) ** 2 : Infinity;
}
