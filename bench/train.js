/**
 * `npm run bench:train`: training throughput of the lecture's two models in a tsdl kernel (a cell
 * calling model.fit on the kernel's default backend, verbose 0, no callbacks) against PyTorch on
 * one thread, alternated over rounds (bench/alternate.js). Per model: median samples/s and range
 * per side, the ratio of medians, and achieved GFLOP/s (bench/train-models.js derives the FLOPs)
 * as a fraction of the single-core matmul peak measured in the same rounds (PyTorch a @ b at
 * 1024^2; tfjs's own tf.matMul at 1024^2 is reported beside it as the ceiling tsdl's backend has).
 * Every tsdl measurement runs in a fresh kernel, every PyTorch one in a fresh process.
 *
 *   npm run build && node bench/train.js [rounds=5] [m1] [m2] [bar]
 *   bar: adds a side "tsdl+bar" per model, the same cell with dl.callbacks.progress() as fit's callback
 *   TSDL_ROOT=<another checkout, built> node bench/train.js   measures that checkout's kernel
 *   TSDL_BASELINE=<another checkout, built> ...   adds that checkout as a third side ("before"),
 *                                                 alternated with the other two
 *
 * Writes bench-results/train.json (every round's figures and the summaries).
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { alternate, summarize, formatRange } = require("./alternate");
const { MODELS, flopsPerSample, trainingCell } = require("./train-models");

const tsdlRoot = path.resolve(process.env.TSDL_ROOT || path.join(__dirname, ".."));
/** The kernels measured: this checkout ("tsdl") and optionally a baseline checkout ("before"). */
const ROOTS = { tsdl: tsdlRoot, ...(process.env.TSDL_BASELINE ? { before: path.resolve(process.env.TSDL_BASELINE) } : {}) };
const PYTHON = "/usr/bin/python3";

const MATMUL_CELL = `
const size = 1024;
const a = tf.randomUniform([size, size]);
const b = tf.randomUniform([size, size]);
tf.matMul(a, b).dispose(); // warm-up
let count = 0;
const start = performance.now();
while (performance.now() - start < 1000) { tf.matMul(a, b).dataSync(); count++; }
console.log(JSON.stringify({ gflops: (2 * size ** 3 * count) / ((performance.now() - start) / 1000) / 1e9, backend: tf.getBackend() }));
`;

/** Runs one cell in a fresh tsdl kernel of the checkout at `root` and returns the JSON line it printed. */
async function tsdlCell(root, code) {
  const { launchKernel } = require(path.join(root, "dist/client/launch"));
  const kernel = await launchKernel({ cwd: root });
  try {
    const { reply, outputs } = await kernel.client.execute(code, { timeoutMs: 600_000 });
    const text = outputs.filter((m) => m.header.msg_type === "stream").map((m) => m.content.text).join("");
    if (reply.content.status !== "ok") throw new Error(`tsdl cell failed: ${reply.content.ename}: ${reply.content.evalue}\n${text}`);
    return JSON.parse(text.trim().split("\n").pop());
  } finally {
    await kernel.shutdown();
  }
}

function torch(arg) {
  const run = spawnSync(PYTHON, [path.join(__dirname, "torch_reference.py"), arg], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`torch_reference.py ${arg} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop());
}

function hasTorch() {
  return spawnSync(PYTHON, ["-c", "import torch"]).status === 0;
}

function sides(models, withTorch, withBar) {
  const s = {};
  for (const id of models) {
    for (const [name, root] of Object.entries(ROOTS)) s[`${name} ${id}`] = () => tsdlCell(root, trainingCell(id));
    if (withBar) s[`tsdl+bar ${id}`] = () => tsdlCell(tsdlRoot, trainingCell(id, { progressBar: true }));
    if (withTorch) s[`torch ${id}`] = async () => torch(id);
  }
  s["tsdl matmul"] = () => tsdlCell(tsdlRoot, MATMUL_CELL);
  if (withTorch) s["torch matmul"] = async () => torch("peak");
  return s;
}

function summarizeModel(id, results) {
  const flops = flopsPerSample(id);
  const side = (name) => {
    const rounds = results[`${name} ${id}`];
    if (!rounds) return undefined;
    const sps = summarize(rounds.map((r) => r.samplesPerSec));
    return { samplesPerSec: sps, gflops: sps.median * flops / 1e9, params: rounds[0].params, backend: rounds[0].backend };
  };
  const tsdl = side("tsdl");
  const before = side("before");
  const bar = side("tsdl+bar");
  const torchSide = side("torch");
  const ratioTo = (s) => (s && torchSide ? s.samplesPerSec.median / torchSide.samplesPerSec.median : undefined);
  return { label: MODELS[id].label, batchSize: MODELS[id].batchSize, flopsPerSample: flops, tsdl, before, bar, torch: torchSide, ratio: ratioTo(tsdl), ratioBefore: ratioTo(before), ratioBar: ratioTo(bar) };
}

function print(summary) {
  const peak = summary.peak.torch ?? summary.peak.tsdl;
  const line = (name, s) => s && console.log(`  ${name.padEnd(8)} ${formatRange(s.samplesPerSec).padStart(28)} samples/s  ${s.gflops.toFixed(1).padStart(5)} GFLOP/s  ${(100 * s.gflops / peak.median).toFixed(1).padStart(5)}% of peak`);
  for (const [id, m] of Object.entries(summary.models)) {
    console.log(`\n${id}: ${m.label}, batch ${m.batchSize}, ${(m.flopsPerSample / 1e6).toFixed(3)} MFLOP/sample, median (min-max) of ${m.tsdl.samplesPerSec.n} rounds`);
    line("before", m.before);
    line("tsdl", m.tsdl);
    line("tsdl+bar", m.bar);
    line("PyTorch", m.torch);
    if (m.ratioBefore !== undefined) console.log(`  ratio of medians before/PyTorch: ${m.ratioBefore.toFixed(2)}x`);
    if (m.ratioBar !== undefined) console.log(`  ratio of medians tsdl+bar/PyTorch: ${m.ratioBar.toFixed(2)}x   (fit with dl.callbacks.progress())`);
    if (m.ratio !== undefined) console.log(`  ratio of medians tsdl/PyTorch: ${m.ratio.toFixed(2)}x   (tsdl on ${m.tsdl.backend})`);
  }
  console.log(`\nsingle-core matmul 1024^2, GFLOP/s: PyTorch ${summary.peak.torch ? formatRange(summary.peak.torch, 1) : "n/a"}, tfjs ${formatRange(summary.peak.tsdl, 1)}`);
  console.log(`load average (1 min) during the rounds: ${formatRange(summary.load, 1)} on ${os.cpus().length} cores`);
}

async function main(args) {
  const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
  const models = args.filter((a) => a in MODELS);
  const withBar = args.includes("bar");
  const withTorch = hasTorch();
  if (!withTorch) console.error(`PyTorch reference skipped: ${PYTHON} cannot import torch`);
  const log = (name, round, value) => console.error(`round ${round + 1} ${name}: ${JSON.stringify(value)}`);
  const { results, load } = await alternate(rounds, sides(models.length ? models : Object.keys(MODELS), withTorch, withBar), log);
  const summary = {
    roots: ROOTS,
    progressBar: withBar,
    rounds,
    load,
    peak: {
      tsdl: summarize(results["tsdl matmul"].map((r) => r.gflops)),
      torch: withTorch ? summarize(results["torch matmul"].map((r) => r.gflops)) : undefined,
    },
    models: Object.fromEntries((models.length ? models : Object.keys(MODELS)).map((id) => [id, summarizeModel(id, results)])),
  };
  print(summary);
  const out = path.join(__dirname, "..", "bench-results", "train.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ summary, results }, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

main(process.argv.slice(2)).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
