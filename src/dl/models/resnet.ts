/**
 * ResNet (He, Zhang, Ren and Sun, "Deep Residual Learning for Image Recognition", 2016) built
 * with tfjs layers, for counting what the lecture's biology slide calls ResNet-152's
 * "60 million synapses". The ImageNet architecture of the paper's Table 1: a 7x7/2 convolution
 * and 3x3/2 max-pooling, four stages of residual blocks (basic 3x3+3x3 blocks for 18 and 34
 * layers, 1x1-3x3-1x1 bottlenecks with 4x wider outputs from 50 on; the first block of stages
 * 2-4 halves the resolution with stride 2 and takes a 1x1 projection shortcut), global average
 * pooling and a 1000-way softmax. Convolutions have no bias (batch normalisation follows each).
 *
 * Weights are allocated when the model is built (60 M float32 for ResNet-152, 240 MB):
 * `initializer: "zeros"` builds the same architecture without drawing random numbers, for
 * counting; the default is He initialisation, as in the paper.
 */
import * as tf from "@tensorflow/tfjs";

export type ResNetDepth = 18 | 34 | 50 | 101 | 152;

/** Residual blocks per stage, from the paper's Table 1. */
export const RESNET_BLOCKS: Record<ResNetDepth, readonly [number, number, number, number]> = {
  18: [2, 2, 2, 2],
  34: [3, 4, 6, 3],
  50: [3, 4, 6, 3],
  101: [3, 4, 23, 3],
  152: [3, 8, 36, 3],
};

export interface ResNetOptions {
  depth: ResNetDepth;
  inputShape?: [number, number, number];
  classes?: number;
  initializer?: "heNormal" | "zeros";
  seed?: number;
}

type Layer = tf.SymbolicTensor;

export function resnet(options: ResNetOptions): tf.LayersModel {
  const { depth, inputShape = [224, 224, 3], classes = 1000, initializer = "heNormal" } = options;
  const blocks = RESNET_BLOCKS[depth];
  if (!blocks) throw new Error(`ResNet depth must be one of ${Object.keys(RESNET_BLOCKS).join(", ")}, got ${depth}`);
  const bottleneck = depth >= 50;
  let seed = options.seed ?? 1;
  const init = () => (initializer === "zeros" ? tf.initializers.zeros() : tf.initializers.heNormal({ seed: seed++ }));
  const conv = (x: Layer, filters: number, kernelSize: number, strides = 1) =>
    tf.layers.conv2d({ filters, kernelSize, strides, padding: "same", useBias: false, kernelInitializer: init() }).apply(x) as Layer;
  const bn = (x: Layer) => tf.layers.batchNormalization({ axis: 3 }).apply(x) as Layer;
  const relu = (x: Layer) => tf.layers.activation({ activation: "relu" }).apply(x) as Layer;

  const block = (x: Layer, filters: number, strides: number, project: boolean): Layer => {
    const outFilters = bottleneck ? 4 * filters : filters;
    const shortcut = project ? bn(conv(x, outFilters, 1, strides)) : x;
    const y = bottleneck
      ? bn(conv(relu(bn(conv(relu(bn(conv(x, filters, 1, strides))), filters, 3))), outFilters, 1))
      : bn(conv(relu(bn(conv(x, filters, 3, strides))), filters, 3));
    return relu(tf.layers.add().apply([y, shortcut]) as Layer);
  };

  const input = tf.input({ shape: inputShape });
  let x = relu(bn(conv(input, 64, 7, 2)));
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: "same" }).apply(x) as Layer;
  blocks.forEach((count, stage) => {
    const filters = 64 * 2 ** stage;
    for (let b = 0; b < count; b++) {
      const strides = b === 0 && stage > 0 ? 2 : 1;
      // The first block of a stage changes the width (always for bottlenecks), so it projects.
      const project = b === 0 && (stage > 0 || bottleneck);
      x = block(x, filters, strides, project);
    }
  });
  x = tf.layers.globalAveragePooling2d({}).apply(x) as Layer;
  const output = tf.layers.dense({ units: classes, activation: "softmax", kernelInitializer: init() }).apply(x) as Layer;
  return tf.model({ inputs: input, outputs: output, name: `resnet${depth}` });
}

/**
 * Trainable parameters only: Keras's `countParams` also counts batch normalisation's moving
 * mean and variance, which are statistics, not weights.
 */
export function trainableParameters(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((sum, w) => sum + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
}
