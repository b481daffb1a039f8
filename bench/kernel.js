/**
 * Kernel latency and memory, tsdl against tslab's own kernel, alternated round by round
 * (bench/alternate.js) over the same client. Each round and side starts two kernels:
 *   - latency: start to first kernel_info_reply, the first cell (`1`), N distinct trivial cells, the first tf cell
 *     (tsdl loads tfjs and picks a backend; tslab imports tfjs in that cell), N distinct cells
 *     type-checked against tfjs, N trivial cells with tfjs loaded, complete on `tf.`
 *     (per-round medians);
 *   - memory: start, one tf cell, then the resident memory of the kernel's process tree 2 s later.
 * Reports the median and range of the per-round figures and the ratio of medians tsdl / tslab.
 *
 *   npm run build && node bench/kernel.js [rounds=5] [cells=20]
 *   TSDL_ROOT=<another checkout, built> node bench/kernel.js   measures that checkout's kernel
 *   TSDL_BASELINE=<another checkout, built> ...   adds that checkout's kernel as a third side ("before")
 */
"use strict";
const { spawn } = require("node:child_process");
const { mkdirSync, mkdtempSync, writeFileSync, rmSync } = require("node:fs");
const os = require("node:os");
const { dirname, join, resolve } = require("node:path");
const { alternate, summarize, formatRange } = require("./alternate");
const { treeRssMb } = require("./process-tree");

const root = join(__dirname, "..");
const tsdlRoot = resolve(process.env.TSDL_ROOT || root);
const baselineRoot = process.env.TSDL_BASELINE ? resolve(process.env.TSDL_BASELINE) : null;
const { KernelClient } = require(join(tsdlRoot, "dist/client/client"));

const IDLE_MS = 2000;
const median = (xs) => summarize(xs).median;
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const sleep = (t) => new Promise((r) => setTimeout(r, t));

/** How each side is started and how its cells reach tfjs. */
const TSDL_TF_CELL = "const warm = tf.tensor([1]);";
const SIDES = {
  ...(baselineRoot ? { before: { start: () => startTsdl(baselineRoot), tfCell: TSDL_TF_CELL } } : {}),
  tsdl: { start: () => startTsdl(tsdlRoot), tfCell: TSDL_TF_CELL },
  tslab: { start: startTslab, tfCell: 'import * as tf from "@tensorflow/tfjs";\nconst warm = tf.tensor([1]);' },
};

/** A tsdl kernel of the checkout at `checkout`, started in that folder. */
async function startTsdl(checkout) {
  const { launchKernel } = require(join(checkout, "dist/client/launch"));
  const k = await launchKernel({ cwd: checkout });
  return { client: k.client, pid: k.process.pid, stop: () => k.shutdown() };
}

/** tslab's kernel, started the way its kernelspec does, spoken to with tsdl's client. */
async function startTslab() {
  const info = await freshInfo();
  const dir = mkdtempSync(join(os.tmpdir(), "tslab-bench-"));
  const file = join(dir, "connection.json");
  writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
  const child = spawn(process.execPath, [join(root, "node_modules/tslab/bin/tslab"), "kernel", "--config-path", file], { cwd: root, stdio: "ignore" });
  const exited = new Promise((r) => child.once("exit", r));
  const client = await KernelClient.connect(info, 60_000);
  const stop = async () => {
    client.close();
    child.kill("SIGKILL");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  return { client, pid: child.pid, stop };
}

async function run(client, code) {
  const { reply } = await client.execute(code, { timeoutMs: 120_000 });
  if (reply.content.status !== "ok") throw new Error(`cell failed: ${reply.content.evalue}`);
}

async function timeCells(client, makeCode, cells) {
  const times = [];
  for (let i = 0; i < cells; i++) {
    const t0 = process.hrtime.bigint();
    await run(client, makeCode(i));
    times.push(ms(t0));
  }
  return median(times);
}

async function timeComplete(client, code, count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await client.request("shell", "complete_request", { code, cursor_pos: code.length });
    times.push(ms(t0));
  }
  return median(times);
}

/** One round's latency figures for one side (distinct cells: no caching can help). */
async function latency(side, cells) {
  const t0 = process.hrtime.bigint();
  const k = await side.start();
  const start = ms(t0);
  try {
    const t0First = process.hrtime.bigint();
    await run(k.client, "1");
    const firstCell = ms(t0First);
    const trivial = await timeCells(k.client, (i) => `${i} + 1`, cells);
    const t1 = process.hrtime.bigint();
    await run(k.client, side.tfCell);
    const firstTfCell = ms(t1);
    const tfCell = await timeCells(k.client, (i) => `const t${i}: tf.Tensor = tf.tensor([${i}, 2]); t${i}.shape`, cells);
    const trivialWithTf = await timeCells(k.client, (i) => `${i} * 2`, cells);
    const complete = await timeComplete(k.client, "tf.", Math.min(cells, 10));
    return { start, firstCell, trivial, firstTfCell, tfCell, trivialWithTf, complete };
  } finally {
    await k.stop();
  }
}

/** Resident memory of the kernel's process tree, IDLE_MS after its one tf cell. */
async function idleMemory(side) {
  const k = await side.start();
  try {
    await run(k.client, side.tfCell);
    await sleep(IDLE_MS);
    return treeRssMb(k.pid);
  } finally {
    await k.stop();
  }
}

const ROWS = [
  ["start", "kernel start -> kernel_info_reply, ms"],
  ["firstCell", "first cell (1) after kernel_info, ms"],
  ["trivial", "trivial cell (1+1), ms"],
  ["trivialWithTf", "trivial cell, tfjs loaded, ms"],
  ["tfCell", "cell type-checked against tfjs, ms"],
  ["complete", "complete on `tf.`, ms"],
  ["firstTfCell", "first cell using tf, ms"],
  ["idleRssMb", "idle RSS 2 s after one tf cell, MB"],
];

async function bench(rounds = 5, cells = 20) {
  const sides = Object.fromEntries(Object.entries(SIDES).map(([name, side]) => [name, async () => ({ ...(await latency(side, cells)), idleRssMb: await idleMemory(side) })]));
  const log = (name, round, value) => console.error(`round ${round + 1} ${name}: ${JSON.stringify(value, (_, v) => (typeof v === "number" ? Math.round(v) : v))}`);
  const { results, load } = await alternate(rounds, sides, log);
  const names = Object.keys(SIDES);
  const summary = Object.fromEntries(ROWS.map(([key]) => {
    const row = Object.fromEntries(names.map((name) => [name, summarize(results[name].map((r) => r[key]))]));
    return [key, { ...row, ratio: row.tsdl.median / row.tslab.median, ...(row.before ? { ratioBefore: row.before.median / row.tslab.median } : {}) }];
  }));
  console.log(`kernel latency and memory: median (min-max) of ${rounds} alternated rounds, each a median of ${cells} distinct cells`);
  console.log(`${"measure".padEnd(38)} ${names.map((n) => n.padStart(20)).join(" ")}  tsdl/tslab${baselineRoot ? "  before/tslab" : ""}`);
  for (const [key, label] of ROWS) {
    const row = summary[key];
    const ratios = `${row.ratio.toFixed(2)}x`.padStart(10) + (row.ratioBefore !== undefined ? `${row.ratioBefore.toFixed(2)}x`.padStart(14) : "");
    console.log(`${label.padEnd(38)} ${names.map((n) => formatRange(row[n]).padStart(20)).join(" ")}  ${ratios}`);
  }
  console.log(`load average (1 min) during the rounds: ${formatRange(load, 1)} on ${os.cpus().length} cores`);
  const report = { tsdlRoot, baselineRoot, rounds, cells, load, summary, results };
  const out = join(root, "bench-results", "kernel.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  console.log(`wrote ${out}`);
  return report;
}

/** A connection file with fresh loopback ports and key, for tslab's kernel. */
async function freshInfo() {
  const net = require("node:net");
  const ports = await Promise.all([0, 1, 2, 3, 4].map(() => new Promise((done) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => done(p)); });
  })));
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = ports;
  return { transport: "tcp", ip: "127.0.0.1", key: require("node:crypto").randomBytes(16).toString("hex"), signature_scheme: "hmac-sha256", shell_port, iopub_port, stdin_port, control_port, hb_port };
}

module.exports = { run: bench };
if (require.main === module) {
  bench(Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 20)).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
}
