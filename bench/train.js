'use strict';
/**
 * Training throughput (samples/s) of the lecture's two models on every tfjs
 * backend tsdl can load here, with and without tsdl's kernels, plus PyTorch on
 * one thread as a same-machine reference when /usr/bin/python3 has torch.
 *
 *   m1: MNIST MLP 784-128-10, batch 32
 *   m2: WISDM Conv1D(64,5)-MaxPool-Dropout-Conv1D(128,5)-MaxPool-Dropout-GRU(50)-Flatten-Dense(6), batch 64
 *
 * Each (backend, kernels) pair runs in its own process so heaps and kernel
 * registrations never leak between measurements. Data is random: only speed
 * is measured. Writes bench-results/train.json.
 *
 * Usage: npm run build && node bench/train.js   (TSDL_DIST=dir to use another build)
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const DIST = process.env.TSDL_DIST || path.join(__dirname, '..', 'dist');
const BACKENDS = ['gpu', 'node', 'wasm', 'cpu'];

const MODELS = {
  m1: { label: 'MNIST MLP', inputShape: [784], classes: 10, batchSize: 32, batches: 300 },
  // The cpu backend needs ~20 s per WISDM batch; fewer batches keep the run short.
  m2: { label: 'WISDM conv+GRU', inputShape: [100, 3], classes: 6, batchSize: 64, batches: 20, batchesOnCpu: 2 },
};

function buildModel(tf, id) {
  const seeded = (seed) => ({ kernelInitializer: tf.initializers.glorotUniform({ seed }) });
  const layers = id === 'm1'
    ? [
      tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784], ...seeded(1) }),
      tf.layers.dense({ units: 10, activation: 'softmax', ...seeded(2) }),
    ]
    : [
      tf.layers.conv1d({ filters: 64, kernelSize: 5, activation: 'relu', inputShape: [100, 3], ...seeded(1) }),
      tf.layers.maxPooling1d({ poolSize: 2 }),
      tf.layers.dropout({ rate: 0.5, seed: 3 }),
      tf.layers.conv1d({ filters: 128, kernelSize: 5, activation: 'relu', ...seeded(4) }),
      tf.layers.maxPooling1d({ poolSize: 2 }),
      tf.layers.dropout({ rate: 0.5, seed: 5 }),
      tf.layers.gru({ units: 50, returnSequences: true, ...seeded(6) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 6, activation: 'softmax', ...seeded(7) }),
    ];
  const model = tf.sequential({ layers });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

/** Child process: trains one model on one backend and prints {samplesPerSec} or {skipped}. */
async function measure(backend, fast, id) {
  const tf = require('@tensorflow/tfjs');
  const { initBackend } = require(path.join(DIST, 'dl', 'backend'));
  const choice = await initBackend({ backend, fastKernels: fast });
  if (fast && choice.fastKernels.length === 0) return { skipped: 'tsdl has no kernels for this backend' };
  const spec = MODELS[id];
  const batches = backend === 'cpu' && spec.batchesOnCpu ? spec.batchesOnCpu : spec.batches;
  const n = batches * spec.batchSize;
  const x = tf.randomUniform([n, ...spec.inputShape], -1, 1, 'float32', 11);
  const y = tf.oneHot(tf.randomUniform([n], 0, spec.classes, 'int32', 12), spec.classes).toFloat();
  const model = buildModel(tf, id);
  const fit = (xs, ys) => model.fit(xs, ys, { batchSize: spec.batchSize, epochs: 1, shuffle: false, verbose: 0 });
  try {
    await fit(x.slice(0, spec.batchSize), y.slice(0, spec.batchSize)); // warm-up: kernel setup, first allocations
  } catch (err) {
    return { skipped: `cannot train: ${err.message.split('\n')[0]}` };
  }
  const start = process.hrtime.bigint();
  await fit(x, y);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { samplesPerSec: n / seconds, backend: choice.reason };
}

function runChild(backend, fast, id) {
  const run = spawnSync(process.execPath, [__filename, '--child', backend, fast ? '1' : '0', id], { encoding: 'utf8' });
  const line = run.stdout.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return { skipped: `failed: ${(run.stderr || run.stdout).trim().split('\n').slice(-1)[0]}` };
  }
}

function torchReference() {
  const python = '/usr/bin/python3';
  if (spawnSync(python, ['-c', 'import torch']).status !== 0) return null;
  const run = spawnSync(python, [path.join(__dirname, 'torch_reference.py')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`torch_reference.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

function printTable(id, row) {
  console.log(`\n${id}: ${MODELS[id].label} (batch ${MODELS[id].batchSize})`);
  const base = row.cpu;
  for (const [key, sps] of Object.entries(row)) {
    const plain = key.endsWith('_fast') ? row[key.slice(0, -5)] : undefined;
    const notes = [
      base && key !== 'cpu' ? `${(sps / base).toFixed(1)}x cpu` : '',
      plain ? `${(sps / plain).toFixed(2)}x ${key.slice(0, -5)} without tsdl kernels` : '',
    ].filter(Boolean).join(', ');
    console.log(`  ${key.padEnd(10)} ${sps.toFixed(1).padStart(9)} samples/s  ${notes}`);
  }
}

function main() {
  const results = { m1: {}, m2: {} };
  nextBackend: for (const backend of BACKENDS) {
    for (const fast of [false, true]) {
      for (const id of Object.keys(MODELS)) {
        const key = fast ? `${backend}_fast` : backend;
        const r = runChild(backend, fast, id);
        if (r.samplesPerSec) results[id][key] = r.samplesPerSec;
        console.error(`${id} ${key}: ${r.samplesPerSec ? `${r.samplesPerSec.toFixed(1)} samples/s (${r.backend})` : r.skipped}`);
        if (/cannot be loaded/.test(r.skipped)) continue nextBackend;
      }
    }
  }
  const torch = torchReference();
  if (torch) for (const id of Object.keys(MODELS)) results[id].torch = torch[id];
  else console.error('PyTorch reference skipped: /usr/bin/python3 cannot import torch');
  for (const id of Object.keys(MODELS)) printTable(id, results[id]);
  const out = path.join(__dirname, '..', 'bench-results', 'train.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

if (process.argv[2] === '--child') {
  const [backend, fast, id] = process.argv.slice(3);
  measure(backend, fast === '1', id)
    .catch((err) => ({ skipped: err.message.split('\n')[0] }))
    .then((r) => console.log(JSON.stringify(r)));
} else {
  main();
}
