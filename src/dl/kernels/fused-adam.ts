/**
 * tf.train.adam with one kernel per weight and step, where the backend has that kernel
 * (ADAM_KERNEL, registered for wasm). Users keep calling tf.train.adam; its AdamOptimizer's
 * applyGradients is replaced by one that keeps tfjs's bookkeeping (moment variables created on
 * first use, named `<weight>/m` and `/v` for getWeights and saving; accBeta1/2; iterations) and
 * does each weight's arithmetic in that kernel instead of a dozen ops and five scalar tensors.
 * Elsewhere (another backend, float16/int weights) tfjs's own method runs. The results are the
 * same bits (test/dl/kernels/adam.test.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { ADAM_KERNEL } from "./wasm/adam";

type NamedGradients = tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[];

interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  incrementIterations(): void;
}

const prototype = tf.AdamOptimizer.prototype as unknown as { applyGradients(g: NamedGradients): void };
const tfjsApplyGradients = prototype.applyGradients;

export function installFusedAdam(): void {
  prototype.applyGradients = applyGradients;
}

export function uninstallFusedAdam(): void {
  prototype.applyGradients = tfjsApplyGradients;
}

function applyGradients(this: AdamInternals, gradients: NamedGradients): void {
  const entries = Array.isArray(gradients) ? gradients.map((g) => [g.name, g.tensor] as const) : Object.entries(gradients);
  if (!fusable(entries)) return tfjsApplyGradients.call(this, gradients);
  tf.tidy(() => {
    entries.forEach(([name, gradient], i) => {
      const value = tf.engine().registeredVariables[name];
      this.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      this.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      if (gradient == null) return;
      const m = this.accumulatedFirstMoment[i].variable;
      const v = this.accumulatedSecondMoment[i].variable;
      const inputs = { value, m, v, gradient, accBeta1: this.accBeta1, accBeta2: this.accBeta2 };
      const attrs = { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, learningRate: this.learningRate };
      const [newValue, newM, newV] = tf.engine().runKernel(ADAM_KERNEL, inputs, attrs) as tf.Tensor[];
      m.assign(newM);
      v.assign(newV);
      value.assign(newValue);
    });
    this.accBeta1.assign(tf.mul(this.accBeta1, this.beta1));
    this.accBeta2.assign(tf.mul(this.accBeta2, this.beta2));
  });
  this.incrementIterations();
}

/** The kernel exists on the active backend and every weight and gradient is float32. */
function fusable(entries: (readonly [string, tf.Tensor | null | undefined])[]): boolean {
  if (!tf.getKernel(ADAM_KERNEL, tf.getBackend())) return false;
  return entries.every(([name, g]) => tf.engine().registeredVariables[name]?.dtype === "float32" && (g == null || g.dtype === "float32"));
}
