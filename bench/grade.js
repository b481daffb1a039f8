/**
 * Grading throughput (`npm run build` first; as root, with bubblewrap):
 *   node bench/grade.js [--copies 50] [--rounds 5] [--starts 10] [--record FILE]
 * 1. `tsdl grade` on N copies of the example homework's correct submission with --jobs 1 and
 *    --jobs 2, alternated round by round: wall time per run, and per submission the time grading
 *    itself took (sandbox + kernel start + its first cell) against the notebook's own cells.
 * 2. Starting a graded kernel with and without the sandbox, alternated: what the sandbox adds.
 * Prints medians and ranges; a single run of anything here is noise on a shared machine.
 * --record FILE appends every run (date, load, seconds) to FILE as JSON lines and summarises all
 * the runs FILE holds for this many copies, so that rounds of a long measurement (50 copies: about
 * 18 minutes per round on a quiet machine) can be spread over several sittings. Each round still
 * runs both sides back to back, so every round stays a fair pair. With --rounds 0 --starts 0 it
 * only prints the summary of FILE (the README's figures: bench/records/grade-50.jsonl).
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { startGradedKernel } = require("../dist/grading/kernel");

const ROOT = path.join(__dirname, "..");
const HOMEWORK = path.join(ROOT, "notebooks", "homework");
const SOURCE = path.join(HOMEWORK, "source", "perceptron-xor-mnist.ipynb");

function textOption(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

function option(name, fallback) {
  const text = textOption(name);
  return text === undefined ? fallback : Number(text);
}

/** Runs recorded earlier for this many copies (one JSON object per line). */
function recordedRuns(file, copies) {
  if (!file || !fs.existsSync(file)) return [];
  return fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)).filter((r) => r.copies === copies);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (xs, digits = 1) => `median ${median(xs).toFixed(digits)} (range ${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}, n=${xs.length})`;

function copies(n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-bench-grade-"));
  const correct = fs.readFileSync(path.join(HOMEWORK, "submissions", "correct.ipynb"));
  return Array.from({ length: n }, (_, i) => {
    const file = path.join(dir, `copy-${String(i + 1).padStart(3, "0")}.ipynb`);
    fs.writeFileSync(file, correct);
    return file;
  });
}

function gradeRun(files, jobs) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-bench-out-"));
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(ROOT, "bin", "tsdl.js"), "grade", SOURCE, ...files, "--out", out, "--jobs", String(jobs), "--timeout", "600"], { encoding: "utf8" });
  const seconds = (Date.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`tsdl grade failed (${run.status}):\n${run.stderr}`);
  const records = fs.readdirSync(path.join(out, "graded")).map((f) => JSON.parse(fs.readFileSync(path.join(out, "graded", f), "utf8")).metadata.tsdl.grading);
  const bad = records.filter((r) => r.status !== "ok");
  if (bad.length) throw new Error(`${bad.length} copies were not graded ok: ${bad.map((r) => `${r.submission} ${r.status}`).join(", ")}`);
  fs.rmSync(out, { recursive: true, force: true });
  return { seconds, overhead: records.map((r) => r.overheadSeconds), cells: records.map((r) => r.seconds - r.overheadSeconds) };
}

async function kernelStart(sandbox) {
  const started = Date.now();
  const graded = await startGradedKernel({ sandbox, memoryMb: 2048 });
  const seconds = (Date.now() - started) / 1000;
  await graded.kernel.shutdown();
  return seconds;
}

async function main() {
  const n = option("--copies", 50);
  const rounds = option("--rounds", 5);
  const starts = option("--starts", 10);
  console.log(`# tsdl grade, ${n} copies of the example's correct submission, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const files = copies(n);
  const record = textOption("--record");
  const runs = recordedRuns(record, n);
  if (runs.length) console.log(`${record}: ${runs.length} runs recorded earlier for ${n} copies, summarised with this sitting's`);
  const firstRound = Math.floor(runs.length / 2);
  for (let round = firstRound; round < firstRound + rounds; round++) {
    for (const jobs of round % 2 ? [2, 1] : [1, 2]) {
      const load = os.loadavg()[0];
      const run = { copies: n, round: round + 1, jobs, date: new Date().toISOString(), load, ...gradeRun(files, jobs) };
      runs.push(run);
      if (record) fs.appendFileSync(record, JSON.stringify(run) + "\n");
      console.log(`round ${round + 1}, --jobs ${jobs}: ${run.seconds.toFixed(0)} s (${(run.seconds / n).toFixed(1)} s per submission), load ${load.toFixed(1)}`);
    }
  }
  fs.rmSync(path.dirname(files[0]), { recursive: true, force: true });
  const wall = { 1: runs.filter((r) => r.jobs === 1).map((r) => r.seconds), 2: runs.filter((r) => r.jobs === 2).map((r) => r.seconds) };
  const overhead = runs.flatMap((r) => r.overhead);
  const cells = runs.flatMap((r) => r.cells);
  console.log(`load average at the start of each run: ${summary(runs.map((r) => r.load))}`);
  console.log(`--jobs 1: ${summary(wall[1], 0)} s for ${n}`);
  console.log(`--jobs 2: ${summary(wall[2], 0)} s for ${n}`);
  console.log(`per submission, grading's own time (sandbox + kernel start + first cell): ${summary(overhead)} s`);
  console.log(`per submission, the notebook's own cells: ${summary(cells)} s`);
  if (starts === 0) return;
  const times = { true: [], false: [] };
  for (let i = 0; i < starts; i++) for (const sandbox of i % 2 ? [false, true] : [true, false]) times[sandbox].push(await kernelStart(sandbox));
  console.log(`graded kernel start (launch to first cell done), sandboxed: ${summary(times.true, 2)} s`);
  console.log(`graded kernel start, no sandbox: ${summary(times.false, 2)} s`);
}

main().then(() => process.exit(0), (e) => (console.error(e), process.exit(1)));
