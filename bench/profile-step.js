/**
 * Where a training step's time goes, per model (issue 17): `node bench/profile-step.js [m1|m2]`.
 *
 * Runs in one process on the backend a tsdl kernel picks (dist/dl/backend's initBackend, tsdl's
 * kernels included), the models and data of bench/train-models.js, model.fit with verbose 0 and no
 * callbacks. Three passes over the same batches:
 *   1. plain fit: the step time users get;
 *   2. fit with every kernel of the backend wrapped in a timer: per kernel, calls and self time
 *      per step (a kernel that runs other kernels is charged only its own part), the time spent
 *      allocating (backend.makeOutput inside kernels) and freeing (backend.disposeData) tensor
 *      memory, and the remainder: tfjs's engine (dispatch, autodiff tape, tidy scopes), layers'
 *      JavaScript, the optimizer's bookkeeping and fit's loop and callbacks;
 *   3. (with --cpu-prof) the V8 sampling profile of a plain fit, summed by package, which splits
 *      that remainder further.
 * Noisy machine: read the shares, not the absolute times, and compare runs taken side by side.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { MODELS, buildModel } = require("./train-models");

const tsdlRoot = path.resolve(process.env.TSDL_ROOT || path.join(__dirname, ".."));
const now = () => performance.now();

async function setup(id) {
  const tf = require("@tensorflow/tfjs");
  const { initBackend } = require(path.join(tsdlRoot, "dist/dl/backend"));
  const choice = await initBackend();
  const m = MODELS[id];
  const n = m.batches * m.batchSize;
  const x = tf.randomUniform([n, ...m.inputShape], -1, 1, "float32", 11);
  const y = tf.oneHot(tf.randomUniform([n], 0, m.classes, "int32", 12), m.classes).toFloat();
  const model = buildModel(tf, id);
  const options = { batchSize: m.batchSize, epochs: 1, shuffle: false, verbose: 0 };
  await model.fit(x.slice(0, m.batchSize), y.slice(0, m.batchSize), options); // warm-up
  const fit = async () => {
    const t0 = now();
    await model.fit(x, y, options);
    return (now() - t0) / m.batches;
  };
  return { tf, choice, fit, batches: m.batches };
}

/** Wraps every kernel of the active backend, and its allocator, in timers. */
function instrument(tf) {
  const backendName = tf.getBackend();
  const backend = tf.backend();
  const stats = new Map(); // kernel name -> { calls, selfMs }
  const stack = []; // start time and child time of the kernels running now
  let allocMs = 0;
  let freeMs = 0;
  for (const config of tf.getKernelsForBackend(backendName)) {
    const inner = config.kernelFunc;
    const kernelFunc = (args) => {
      const frame = { start: now(), children: 0 };
      stack.push(frame);
      try {
        return inner(args);
      } finally {
        stack.pop();
        const total = now() - frame.start;
        if (stack.length) stack[stack.length - 1].children += total;
        const s = stats.get(config.kernelName) ?? { calls: 0, selfMs: 0 };
        s.calls++;
        s.selfMs += total - frame.children;
        stats.set(config.kernelName, s);
      }
    };
    tf.unregisterKernel(config.kernelName, backendName);
    tf.registerKernel({ ...config, kernelFunc });
  }
  const time = (name, add) => {
    const original = backend[name].bind(backend);
    backend[name] = (...args) => {
      const t0 = now();
      try {
        return original(...args);
      } finally {
        add(now() - t0);
      }
    };
  };
  if (backend.makeOutput) time("makeOutput", (ms) => (allocMs += ms));
  time("disposeData", (ms) => (stack.length ? (allocMs += ms) : (freeMs += ms)));
  return {
    reset: () => (stats.clear(), (allocMs = 0), (freeMs = 0)),
    read: () => ({ stats, allocMs, freeMs }),
  };
}

function report(id, plainMs, wrappedMs, { stats, allocMs, freeMs }, batches, choice) {
  const perStep = (ms) => ms / batches;
  const kernels = [...stats.entries()].map(([name, s]) => ({ name, calls: s.calls / batches, ms: perStep(s.selfMs) }));
  const kernelMs = kernels.reduce((sum, k) => sum + k.ms, 0);
  const alloc = perStep(allocMs);
  const free = perStep(freeMs);
  const rest = wrappedMs - kernelMs - free;
  const pct = (ms) => `${((100 * ms) / wrappedMs).toFixed(1).padStart(5)}%`;
  const calls = kernels.reduce((sum, k) => sum + k.calls, 0);
  console.log(`\n${id}: ${MODELS[id].label}, batch ${MODELS[id].batchSize}, on ${choice.reason}`);
  console.log(`  step ${plainMs.toFixed(2)} ms plain, ${wrappedMs.toFixed(2)} ms with timers; ${calls.toFixed(0)} kernel calls per step`);
  console.log(`  kernels (self time, incl. allocation inside) ${kernelMs.toFixed(2)} ms ${pct(kernelMs)}`);
  console.log(`    of which allocating outputs (makeOutput)  ${alloc.toFixed(2)} ms ${pct(alloc)}`);
  console.log(`  freeing tensors (disposeData)               ${free.toFixed(2)} ms ${pct(free)}`);
  console.log(`  outside kernels: engine, layers, optimizer, fit loop ${rest.toFixed(2)} ms ${pct(rest)}`);
  console.log("  kernels by self time per step:");
  for (const k of kernels.sort((a, b) => b.ms - a.ms).slice(0, 16)) {
    console.log(`    ${k.name.padEnd(24)} ${k.calls.toFixed(1).padStart(6)} calls ${k.ms.toFixed(3).padStart(8)} ms ${pct(k.ms)}`);
  }
  return { id, plainMs, wrappedMs, kernelMs, allocMs: alloc, freeMs: free, outsideKernelsMs: rest, kernels };
}

/** Self time of a V8 .cpuprofile, summed by where the code comes from. */
function profileByOrigin(file) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const id of profile.samples) {
    const origin = originOf(byId.get(id).callFrame);
    counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([origin, c]) => ({ origin, share: c / total }));
}

function originOf({ url, functionName }) {
  if (!url) {
    if (/^\((garbage collector|program|idle|root)\)$/.test(functionName)) return functionName;
    return /wasm|^\$?xnn|^\$?_?[a-z]/i.test(functionName) && !functionName.startsWith("(") ? "wasm code (XNNPACK and kernels)" : functionName || "(native)";
  }
  if (url.startsWith("wasm://")) return "wasm code (XNNPACK and kernels)";
  const pkg = /node_modules\/(@tensorflow\/[^/]+|[^@/][^/]*)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes("/dist/dl/")) return "tsdl dl (its kernels' JS)";
  if (url.startsWith("node:")) return "node internals";
  return "other JS";
}

async function child(id, cpuProf) {
  const { tf, choice, fit, batches } = await setup(id);
  if (cpuProf) return console.log(JSON.stringify({ stepMs: await fit() }));
  const plainMs = await fit();
  const timers = instrument(tf);
  await fit(); // warm the wrappers
  timers.reset();
  const wrappedMs = await fit();
  console.log(JSON.stringify(report(id, plainMs, wrappedMs, timers.read(), batches, choice)));
}

function main(ids) {
  const results = {};
  for (const id of ids.length ? ids : Object.keys(MODELS)) {
    const run = spawnSync(process.execPath, [__filename, "--child", id], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const lines = run.stdout.trim().split("\n");
    console.log(lines.slice(0, -1).join("\n"));
    results[id] = JSON.parse(lines.pop());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-prof-"));
    spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, __filename, "--child", id, "cpu"], { stdio: "inherit" });
    const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    results[id].cpuProfile = profileByOrigin(path.join(dir, file));
    fs.rmSync(dir, { recursive: true, force: true });
    console.log("  V8 CPU profile of a plain fit (whole process, incl. setup), self time by origin:");
    for (const { origin, share } of results[id].cpuProfile.slice(0, 10)) console.log(`    ${origin.padEnd(36)} ${(100 * share).toFixed(1).padStart(5)}%`);
  }
  const out = path.join(__dirname, "..", "bench-results", "profile-step.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ load: os.loadavg()[0], results }, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(process.cwd(), out)} (load average ${os.loadavg()[0].toFixed(1)})`);
}

if (process.argv[2] === "--child") {
  child(process.argv[3], process.argv[4] === "cpu").catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main(process.argv.slice(2));
}
