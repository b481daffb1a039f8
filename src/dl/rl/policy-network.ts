/**
 * Karpathy's policy network: one ReLU hidden layer, one sigmoid unit = P(action "up").
 * The blog's network has no biases (`bias: false`); ours has them by default.
 */
import * as tf from "@tensorflow/tfjs";

export function createPolicyNetwork(inputSize: number, hidden: number, seed = 0, options: { bias?: boolean } = {}): tf.Sequential {
  const useBias = options.bias ?? true;
  return tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [inputSize],
        units: hidden,
        activation: "relu",
        useBias,
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
      tf.layers.dense({
        units: 1,
        activation: "sigmoid",
        useBias,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      }),
    ],
  });
}

/** P(up) for each row of a row-major [rows x inputSize] batch. */
export function upProbabilities(model: tf.LayersModel, inputs: Float32Array, rows: number): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor2d(inputs, [rows, inputs.length / rows]);
    return (model.apply(x) as tf.Tensor).dataSync() as Float32Array;
  });
}
