#!/usr/bin/env node
/**
 * CI's grading run: `tsdl grade` on the example homework's 13 sample submissions (correct,
 * partial, broken and one per hostile behaviour), sandboxed, two at a time. Checks that the
 * gradebook is notebooks/homework/expected-gradebook.csv row for row, that no submission
 * changed tsdl's install, the instructor's files or the system, or left a process behind, and
 * that the snooping and writing ones really tried (and got nothing).
 *
 *   node test/grading/grade-example.js [--out DIR] [--jobs N] [--timeout SECONDS]
 */
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.join(__dirname, "..", "..");
const HOMEWORK = path.join(ROOT, "notebooks", "homework");
const SOURCE = path.join(HOMEWORK, "source", "perceptron-xor-mnist.ipynb");
const EXPECTED = path.join(HOMEWORK, "expected-gradebook.csv");

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
}

/** Files a hostile submission tries to change or create (see submissions/make-submissions.js). */
const WATCHED = [path.join(ROOT, "dist", "grading", "score.js"), path.join(ROOT, "package.json"), EXPECTED, SOURCE, process.execPath, "/etc/passwd"];
const MUST_NOT_EXIST = ["/root/pwned", "/home/pwned", "/tmp/escaped"];

/**
 * CPU seconds of every finished descendant (tsdl grade, its sandboxes and kernels): cutime + cstime
 * of /proc/self/stat. Unlike wall time it hardly depends on what else the machine is doing.
 */
function childrenCpuSeconds() {
  const fields = fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /s, "").split(" ");
  const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
  return (Number(fields[13]) + Number(fields[14])) / ticks;
}

const digest = (file) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** Processes a submission started (the hostile ones sleep an hour) or any process of the sandbox's uid. */
function leftovers() {
  const found = [];
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      const uid = /^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))[1];
      if (cmdline.includes("sleep 3600") || (process.getuid() === 0 && uid === "65534")) found.push(`${pid}: ${cmdline}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Everything a graded submission printed (stream outputs of all its cells). */
function printed(out, name) {
  const notebook = JSON.parse(fs.readFileSync(path.join(out, "graded", `${name}.ipynb`), "utf8"));
  return notebook.cells.flatMap((cell) => cell.outputs ?? []).filter((o) => o.output_type === "stream").map((o) => [].concat(o.text).join("")).join("");
}

/**
 * The snooping and writing submissions got to the end of their attempts (an error before them
 * would test nothing) and got nothing: no file read, none written, nothing of the course found.
 */
function attemptsRanAndFailed(out) {
  const problems = [];
  const snoop = printed(out, "hostile-snoop");
  if (!snoop.includes("read: [")) problems.push(`hostile-snoop did not get to its reads; it printed: ${snoop.slice(0, 300)}`);
  if (/READ \d+ bytes/.test(snoop)) problems.push(`hostile-snoop read a file: ${snoop.match(/.*READ \d+ bytes.*/)[0]}`);
  const found = snoop.slice(0, snoop.indexOf("read: ["));
  if (/homework|gradebook|submissions/.test(found)) problems.push(`hostile-snoop found course files: ${found.match(/.*(homework|gradebook|submissions).*/)[0]}`);
  const write = printed(out, "hostile-write");
  const refusals = write.match(/^(EACCES|ENOENT|EROFS|EPERM)\b/gm) ?? [];
  if (write.includes("WROTE") || refusals.length !== 7) problems.push(`hostile-write: expected 7 refused writes, it printed: ${write.slice(0, 600)}`);
  return problems;
}

function main() {
  const out = option("--out") ?? fs.mkdtempSync(path.join(os.tmpdir(), "tsdl-grade-example-"));
  const submissions = fs.readdirSync(path.join(HOMEWORK, "submissions")).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(HOMEWORK, "submissions", f));
  const before = new Map(WATCHED.map((f) => [f, digest(f)]));
  const started = Date.now();
  const args = [path.join(ROOT, "bin", "tsdl.js"), "grade", SOURCE, ...submissions, "--out", out, "--jobs", option("--jobs", "2"), "--timeout", option("--timeout", "30")];
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"] });
  const seconds = (Date.now() - started) / 1000;
  const problems = [];
  if (run.status !== 0) problems.push(`tsdl grade exited with ${run.status ?? run.signal}`);
  const got = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
  const want = fs.readFileSync(EXPECTED, "utf8");
  if (got !== want) problems.push(`the gradebook differs from ${path.relative(ROOT, EXPECTED)}:\n--- expected\n${want}--- got\n${got}`);
  for (const [file, hash] of before) if (digest(file) !== hash) problems.push(`${file} was changed`);
  for (const file of MUST_NOT_EXIST) if (fs.existsSync(file)) problems.push(`${file} exists`);
  const changed = execFileSync("git", ["status", "--porcelain", "--", "notebooks", "src", "bin", "package.json"], { cwd: ROOT, encoding: "utf8" }).trim();
  if (changed) problems.push(`files in the repository changed:\n${changed}`);
  if (run.status === 0) problems.push(...attemptsRanAndFailed(out));
  const left = leftovers();
  if (left.length) problems.push(`processes left behind:\n${left.join("\n")}`);
  const cpu = childrenCpuSeconds();
  console.log(`graded ${submissions.length} submissions in ${seconds.toFixed(0)} s wall, ${cpu.toFixed(0)} s CPU (load ${os.loadavg()[0].toFixed(1)}), into ${out}`);
  if (problems.length) {
    console.error(problems.map((p) => `FAIL: ${p}`).join("\n"));
    process.exit(1);
  }
  console.log("ok: the gradebook is as expected; the install, the instructor's files and the system are unchanged; no process left; the snooping and writing submissions tried and got nothing");
}

main();
