"use strict";
/**
 * Benchmark: parsing WISDM_ar_v1.1_raw.txt-sized input with loadRaw's byte-level parser.
 *
 * Generates 1,098,144 rows (36 users x 6 activities x 5,084 samples, the real file has
 * 1,098,207) of SYNTHETIC data in the real format, with 0.1% defective lines, in
 * os.tmpdir(); times loadRaw's parse step, parseRaw on the file's bytes (median of several
 * runs, reading excluded), and one whole loadRaw, against a
 * reference measured in the same run: the obvious split-per-line/per-field parser.
 * Both wall and CPU time are reported: on a shared machine under load the wall time is
 * inflated by waiting for a core, the CPU time is not.
 * Target: <= 1,500 ms. Needs the compiled library: `npx tsc -p .` first.
 *
 *   node bench/wisdm-raw.js [runs]
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { loadRaw, parseRaw, syntheticRaw } = require("../dist/dl/datasets/wisdm-raw");

const TARGET_MS = 1500;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ACTIVITY_CODES = { Walking: 0, Jogging: 1, Upstairs: 2, Downstairs: 3, Sitting: 4, Standing: 5 };

/** The reference: what one writes first, a string split per line, record and field. */
function splitParse(text) {
  const capacity = 1_200_000;
  const columns = [Int32Array, Uint8Array, Float64Array, Float32Array, Float32Array, Float32Array].map((T) => new T(capacity));
  let rows = 0;
  for (const line of text.split("\n")) {
    for (const record of line.split(";")) {
      const fields = record.split(",");
      if (fields.length !== 6 || !(fields[1] in ACTIVITY_CODES)) continue;
      const row = rows++ % capacity;
      columns[0][row] = parseInt(fields[0], 10);
      columns[1][row] = ACTIVITY_CODES[fields[1]];
      for (let k = 2; k < 6; k++) columns[k][row] = parseFloat(fields[k]);
    }
  }
  return rows;
}

/** Wall and CPU (user + system) milliseconds of one call. */
async function timed(action) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await action();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

async function run(runs = 5) {
  const file = path.join(os.tmpdir(), `tsdl-bench-wisdm-raw-${process.pid}.txt`);
  let started = performance.now();
  fs.writeFileSync(file, syntheticRaw({ seed: 2010, users: 36, samplesPerActivity: 5084, defectRate: 0.001 }));
  const generateMs = performance.now() - started;
  try {
    const bytes = fs.readFileSync(file);
    const samples = [];
    let result;
    for (let i = 0; i < runs; i++) {
      const run = await timed(() => parseRaw(bytes));
      result = run.value;
      samples.push(run);
    }
    const whole = await timed(() => loadRaw({ path: file }));
    const reference = await timed(() => splitParse(bytes.toString("latin1")));
    const parseMs = median(samples.map((s) => s.wallMs));
    const results = {
      rows: result.length,
      skipped: result.report.skippedTotal,
      joinedRecords: result.report.joinedRecords,
      fileMB: fs.statSync(file).size / 1e6,
      generateMs,
      runs: samples,
      parseMs,
      parseCpuMs: median(samples.map((s) => s.cpuMs)),
      loadRawMs: whole.wallMs,
      referenceMs: reference.wallMs,
      referenceCpuMs: reference.cpuMs,
      speedup: reference.wallMs / parseMs,
      targetMs: TARGET_MS,
      meetsTarget: parseMs <= TARGET_MS,
      meetsTargetInCpuTime: median(samples.map((s) => s.cpuMs)) <= TARGET_MS,
      loadAverage: os.loadavg()[0],
    };
    print(results);
    return results;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function print(r) {
  const rows = [
    ["rows parsed", r.rows.toLocaleString("en-US")],
    ["lines skipped / joined records", `${r.skipped} / ${r.joinedRecords}`],
    ["file size (synthetic, generated in)", `${r.fileMB.toFixed(1)} MB (${r.generateMs.toFixed(0)} ms)`],
    [`parse, median of ${r.runs.length}`, `${r.parseMs.toFixed(0)} ms wall, ${r.parseCpuMs.toFixed(0)} ms CPU`],
    ["  runs (wall)", r.runs.map((s) => s.wallMs.toFixed(0)).join(", ") + " ms"],
    ["whole loadRaw (read + parse), once", `${r.loadRawMs.toFixed(0)} ms wall`],
    ["reference: split per line and field", `${r.referenceMs.toFixed(0)} ms wall, ${r.referenceCpuMs.toFixed(0)} ms CPU`],
    ["speed-up over reference (wall)", `${r.speedup.toFixed(1)}x`],
    ["target", `<= ${r.targetMs} ms: wall ${verdict(r.meetsTarget)}, CPU ${verdict(r.meetsTargetInCpuTime)}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const load = `load average ${r.loadAverage.toFixed(1)}`;
  console.log(`WISDM raw parse (Node ${process.version}, ${os.cpus().length} CPUs, ${load})`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

const verdict = (met) => (met ? "met" : "MISSED");

module.exports = { run };

if (require.main === module) {
  run(Number(process.argv[2]) || 5).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
