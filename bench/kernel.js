/**
 * Kernel latency, tsdl vs tslab's own kernel, measured in the same run over the same client:
 * kernel start to first kernel_info_reply, a trivial cell, a cell touching tfjs types (with tfjs
 * imported in both kernels), and complete on `tf.`. Medians over N runs; ratios tsdl / tslab.
 * Usage: node bench/kernel.js [runs=20]
 */
"use strict";
const { spawn } = require("node:child_process");
const { mkdtempSync, writeFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { launchKernel } = require("../dist/client/launch");
const { KernelClient } = require("../dist/client/client");

const root = join(__dirname, "..");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** tslab's kernel, started the way its kernelspec does, spoken to with tsdl's client. */
async function launchTslab(info) {
  const dir = mkdtempSync(join(tmpdir(), "tslab-bench-"));
  const file = join(dir, "connection.json");
  writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
  const child = spawn(process.execPath, [join(root, "node_modules/tslab/bin/tslab"), "kernel", "--config-path", file], { cwd: root, stdio: "ignore" });
  const client = await KernelClient.connect(info, 60_000);
  return { client, stop: () => (client.close(), child.kill("SIGKILL"), rmSync(dir, { recursive: true, force: true })) };
}

async function startTsdl() {
  const k = await launchKernel({ cwd: root });
  return { client: k.client, info: k.info, stop: () => k.shutdown() };
}

async function timeStart(start, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const k = await start();
    times.push(ms(t0));
    await k.stop();
  }
  return median(times);
}

async function timeCells(client, makeCode, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const { reply } = await client.execute(makeCode(i), { timeoutMs: 120_000 });
    if (reply.content.status !== "ok") throw new Error(`cell failed: ${reply.content.evalue}`);
    times.push(ms(t0));
  }
  return median(times);
}

async function timeComplete(client, code, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await client.request("shell", "complete_request", { code, cursor_pos: code.length });
    times.push(ms(t0));
  }
  return median(times);
}

/** Distinct cells (no caching can help): i makes each one new. */
async function measureCells(client, importTf, runs) {
  await client.execute("1", { timeoutMs: 120_000 });
  const trivial = await timeCells(client, (i) => `${i} + 1`, runs);
  if (importTf) await client.execute('import * as tf from "@tensorflow/tfjs";', { timeoutMs: 120_000 });
  const t0 = process.hrtime.bigint();
  await client.execute("const warm = tf.tensor([1]);", { timeoutMs: 120_000 });
  const firstTfCell = ms(t0); // tsdl: loads the prelude's tf and picks the backend; tslab: tf already imported
  const tfCell = await timeCells(client, (i) => `const t${i}: tf.Tensor = tf.tensor([${i}, 2]); t${i}.shape`, runs);
  const trivialWithTf = await timeCells(client, (i) => `${i} * 2`, runs);
  const complete = await timeComplete(client, "tf.", Math.min(runs, 10));
  return { trivial, trivialWithTf, tfCell, complete, firstTfCell };
}

async function run(runs = 20) {
  const tsdl = await startTsdl();
  const ours = await measureCells(tsdl.client, false, runs);
  await tsdl.stop();
  const ports = await freshInfo();
  const tslab = await launchTslab(ports);
  const theirs = await measureCells(tslab.client, true, runs);
  tslab.stop();
  const startRuns = Math.max(3, Math.round(runs / 4));
  const startOurs = await timeStart(startTsdl, startRuns);
  const startTheirs = await timeStart(async () => launchTslab(await freshInfo()), startRuns);
  const rows = [
    ["kernel start -> kernel_info_reply", startOurs, startTheirs],
    ["trivial cell (1+1)", ours.trivial, theirs.trivial],
    ["trivial cell, tfjs imported", ours.trivialWithTf, theirs.trivialWithTf],
    ["cell touching tfjs types", ours.tfCell, theirs.tfCell],
    ["complete on `tf.`", ours.complete, theirs.complete],
    ["first cell using tf (prelude load)", ours.firstTfCell, theirs.firstTfCell],
  ];
  console.log(`kernel latency, median ms (${runs} distinct cells, ${startRuns} starts)`);
  console.log("measure                               tsdl     tslab   tsdl/tslab");
  for (const [name, a, b] of rows) console.log(`${name.padEnd(36)} ${a.toFixed(0).padStart(6)} ${b.toFixed(0).padStart(9)}   ${(a / b).toFixed(2)}x`);
  return Object.fromEntries(rows.map(([name, a, b]) => [name, { tsdl: a, tslab: b, ratio: a / b }]));
}

/** A connection file with fresh loopback ports and key, for tslab's kernel. */
async function freshInfo() {
  const net = require("node:net");
  const ports = await Promise.all([0, 1, 2, 3, 4].map(() => new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
  })));
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = ports;
  return { transport: "tcp", ip: "127.0.0.1", key: require("node:crypto").randomBytes(16).toString("hex"), signature_scheme: "hmac-sha256", shell_port, iopub_port, stdin_port, control_port, hb_port };
}

module.exports = { run };
if (require.main === module) run(Number(process.argv[2] ?? 20)).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
