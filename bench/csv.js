/**
 * CSV loading benchmark: dfd.readCSV vs readCsv (DataFrame) vs readCsv (typed columns) on a
 * generated 1M-row x 6-column numeric CSV. Each reader runs in its own child process with danfo
 * already loaded, so times and peak RSS exclude library loading and do not affect each other.
 *
 *   npx tsc -p . && node bench/csv.js [rows]
 *
 * `run({rows})` prints a table and resolves to the results object, for a bench runner.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const COLUMNS = ["a", "b", "c", "d", "e", "f"];
const SEED = 20240601;
const READERS = {
  "dfd.readCSV": (dfd, _csv, file) => dfd.readCSV(file),
  "readCsv (DataFrame)": (_dfd, csv, file) => csv.readCsv(file),
  "readCsv (columns)": (_dfd, csv, file) => csv.readCsv(file, { as: "columns" }),
};

/** Park-Miller LCG: the same file on every machine. */
function seededRandom(seed) {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

function generateCsv(rows) {
  const file = path.join(os.tmpdir(), `tsdl-bench-csv-${rows}x${COLUMNS.length}-${process.pid}.csv`);
  const random = seededRandom(SEED);
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, `${COLUMNS.join(",")}\n`);
  const lines = [];
  for (let r = 0; r < rows; r++) {
    lines.push(COLUMNS.map(() => (random() * 200 - 100).toFixed(4)).join(","));
    if (lines.length === 10000 || r === rows - 1) fs.writeSync(fd, `${lines.splice(0).join("\n")}\n`);
  }
  fs.closeSync(fd);
  return file;
}

/** Runs in the child: load the libraries, then time one reader. */
async function measure(reader, file) {
  const dfd = require("danfojs-node");
  const csv = require("../dist/dl/data/csv.js");
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const result = await READERS[reader](dfd, csv, file);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const shape = result.shape ?? [result.rowCount, result.names.length];
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssDeltaMB: (process.resourceUsage().maxRSS * 1024 - peakBefore) / 1e6,
    shape,
  };
}

function measureInChild(reader, file) {
  const child = spawnSync(process.execPath, [__filename, "--child", reader, file], { encoding: "utf8", maxBuffer: 1 << 24 });
  const line = child.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (child.status !== 0 || !line) throw new Error(`${reader} failed (exit ${child.status}):\n${child.stderr}`);
  return JSON.parse(line.slice("RESULT ".length));
}

/** Speed-ups over dfd.readCSV the readers must reach on 1M rows (dfd.readCSV is quadratic: smaller files say less). */
const TARGETS = { "readCsv (DataFrame)": 5, "readCsv (columns)": 10 };
const TARGET_ROWS = 1_000_000;

async function run({ rows = TARGET_ROWS } = {}) {
  const file = generateCsv(rows);
  try {
    const results = {};
    for (const reader of Object.keys(READERS)) results[reader] = measureInChild(reader, file);
    const reference = results["dfd.readCSV"];
    for (const [reader, result] of Object.entries(results)) {
      result.speedup = reference.seconds / result.seconds;
      result.cpuSpeedup = reference.cpuSeconds / result.cpuSeconds;
      result.target = rows === TARGET_ROWS ? (TARGETS[reader] ?? null) : null;
    }
    const report = { rows, columns: COLUMNS.length, fileMB: fs.statSync(file).size / 1e6, loadAverage: os.loadavg()[0], results };
    print(report);
    return report;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function print(report) {
  const machine = `Node ${process.version}, ${os.cpus().length} CPUs, load average ${report.loadAverage.toFixed(1)}`;
  console.log(`CSV ${report.rows} rows x ${report.columns} numeric columns, ${report.fileMB.toFixed(1)} MB (${machine})`);
  console.log("reader                 wall s   cpu s  peak RSS +MB  speed-up wall / cpu  target");
  for (const [reader, r] of Object.entries(report.results)) {
    const speedup = `${r.speedup.toFixed(1)}x / ${r.cpuSpeedup.toFixed(1)}x`;
    const target =
      r === report.results["dfd.readCSV"] ? "reference"
      : r.target === null ? "-"
      : `>= ${r.target}x: wall ${verdict(r.speedup >= r.target)}, cpu ${verdict(r.cpuSpeedup >= r.target)}`;
    const cells = [reader.padEnd(20), r.seconds.toFixed(2).padStart(7), r.cpuSeconds.toFixed(2).padStart(7), r.peakRssDeltaMB.toFixed(0).padStart(13)];
    console.log(`${cells.join(" ")}  ${speedup.padEnd(19)}  ${target}`);
  }
}

const verdict = (met) => (met ? "met" : "MISSED");

module.exports = { run };

if (require.main === module) {
  const main =
    process.argv[2] === "--child"
      ? measure(process.argv[3], process.argv[4]).then((result) => console.log(`RESULT ${JSON.stringify(result)}`))
      : run({ rows: Number(process.argv[2]) || TARGET_ROWS });
  main.catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
