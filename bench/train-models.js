/**
 * The two models of the training benchmark (issue 17), their work per sample, and the cell that
 * trains each one in a tsdl kernel. bench/torch_reference.py defines the same models in PyTorch.
 *
 *   m1: MNIST MLP, Dense(128, relu) on 784 inputs, Dense(10, softmax); Adam 1e-3, batch 32, 300 batches.
 *   m2: the lecture's WISDM conv+GRU (76,468 parameters): Conv1D(64, 5, relu, same), MaxPool(2),
 *       Dropout(0.5), Conv1D(128, 5, relu, same), MaxPool(2), Dropout(0.5), GRU(50, sequences),
 *       Flatten, Dense(6, softmax) on [100, 3]; Adam 1e-3, batch 64.
 *
 * FLOPs per sample count the products of the weighted layers only, forward and backward, a
 * multiply-add as 2 FLOPs. A layer computing y = x·W costs one product forward and two backward
 * (dW = xᵀ·dy and dx = dy·Wᵀ), except that no gradient flows into the model's input, so the first
 * layer skips dx (neither PyTorch nor tfjs computes it). Element-wise work (bias, activations, GRU
 * gates, pooling, dropout, loss, Adam's ~12 FLOPs per parameter per batch) is left out: it is
 * memory-bound, and adds ~9% to m1 (Adam on 101,770 parameters per 32 samples) and <1% to m2.
 */
"use strict";

/** Multiply-adds per sample of each weighted product, and whether its input needs a gradient. */
const PRODUCTS = {
  m1: [
    { name: "dense 784x128", macs: 784 * 128, inputGradient: false },
    { name: "dense 128x10", macs: 128 * 10, inputGradient: true },
  ],
  m2: [
    // Conv1D as a product per output position: positions x kernelSize x inChannels x filters.
    { name: "conv1d 5x3->64 at 100 positions", macs: 100 * 5 * 3 * 64, inputGradient: false },
    { name: "conv1d 5x64->128 at 50 positions", macs: 50 * 5 * 64 * 128, inputGradient: true },
    // GRU: three gates over 25 steps, from the 128 input features and from the 50 units.
    { name: "gru input 128x150 x 25 steps", macs: 25 * 128 * 150, inputGradient: true },
    { name: "gru recurrent 50x150 x 25 steps", macs: 25 * 50 * 150, inputGradient: true },
    { name: "dense 1250x6", macs: 25 * 50 * 6, inputGradient: true },
  ],
};

function flopsPerSample(id) {
  return PRODUCTS[id].reduce((sum, p) => sum + 2 * p.macs * (p.inputGradient ? 3 : 2), 0);
}

const MODELS = {
  m1: { label: "MNIST MLP", params: 101_770, inputShape: [784], classes: 10, batchSize: 32, batches: 300 },
  m2: { label: "conv+GRU", params: 76_468, inputShape: [100, 3], classes: 6, batchSize: 64, batches: 50 },
};

const LAYERS = {
  m1: `[
    tf.layers.dense({ units: 128, activation: "relu", inputShape: [784] }),
    tf.layers.dense({ units: 10, activation: "softmax" }),
  ]`,
  m2: `[
    tf.layers.conv1d({ filters: 64, kernelSize: 5, activation: "relu", padding: "same", inputShape: [100, 3] }),
    tf.layers.maxPooling1d({ poolSize: 2 }),
    tf.layers.dropout({ rate: 0.5 }),
    tf.layers.conv1d({ filters: 128, kernelSize: 5, activation: "relu", padding: "same" }),
    tf.layers.maxPooling1d({ poolSize: 2 }),
    tf.layers.dropout({ rate: 0.5 }),
    tf.layers.gru({ units: 50, returnSequences: true }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 6, activation: "softmax" }),
  ]`,
};

/** The same model in plain JavaScript, for bench/profile-step.js (LAYERS is valid JS and TS). */
function buildModel(tf, id) {
  const model = tf.sequential({ layers: new Function("tf", `return ${LAYERS[id]};`)(tf) });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "categoricalCrossentropy" });
  return model;
}

/**
 * The cell a user would write: model.fit on random data, verbose 0, no callbacks, one warm-up
 * batch first (as the PyTorch side does one warm-up step). Prints one JSON line.
 * With `progressBar`, the timed fit also draws tsdl's progress bar and live chart (dl.callbacks.progress()),
 * what a notebook user sees (its warm-up fit too, so plotly.js's one-time inlining is not timed);
 * the figure of issue 17 is without it.
 */
function trainingCell(id, { progressBar = false } = {}) {
  const m = MODELS[id];
  const callbacks = progressBar ? ", callbacks: [dl.callbacks.progress()]" : "";
  return `
const model = tf.sequential({ layers: ${LAYERS[id]} });
model.compile({ optimizer: tf.train.adam(1e-3), loss: "categoricalCrossentropy" });
const n = ${m.batches * m.batchSize};
const x = tf.randomUniform([n, ${m.inputShape.join(", ")}], -1, 1, "float32", 11);
const y = tf.oneHot(tf.randomUniform([n], 0, ${m.classes}, "int32", 12) as tf.Tensor1D, ${m.classes}).toFloat();
const options = { batchSize: ${m.batchSize}, epochs: 1, shuffle: false, verbose: 0 as const };
await model.fit(x.slice(0, ${m.batchSize}), y.slice(0, ${m.batchSize}), { ...options${callbacks} });
const start = performance.now();
await model.fit(x, y, { ...options${callbacks} });
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ samplesPerSec: n / seconds, params: model.countParams(), backend: tf.getBackend() }));
`;
}

module.exports = { MODELS, PRODUCTS, buildModel, flopsPerSample, trainingCell };
