/**
 * `tsdl grade` end to end on a tiny assignment, sandboxed: points per test, partial credit, a
 * broken, a crashing (kernel restarted, earlier cells replayed) and a looping submission, a file
 * that is not a notebook; reruns that skip unchanged work, shards and their merge, manual points,
 * --by-folder, and exit codes (non-zero only when grading itself fails).
 */
import { cpSync, existsSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../runner/helpers";
import { HALVE, SQUARE, TINY_SOURCE, scratchDir, writeSubmission } from "./helpers";

const dir = scratchDir();
const subs = join(dir, "submissions");
const out = join(dir, "out");
const HEADER = "submission,square_test,halve_test,square_again_test,why_answer,total,max,status";
const EXPECTED = [
  HEADER,
  "alice,2,4,1,pending,7,8,ok",
  "bob,2,2,1,0,5,8,ok",
  "carol,0,4,0,0,4,8,error",
  "dave,2,0,1,0,3,8,kernel-died",
  "erin,2,4,1,0,7,8,timeout",
  "frank,0,0,0,0,0,8,unmatched",
].join("\n") + "\n";

/** Options that change points are part of what a rerun compares: every run here uses the same. */
const TIMEOUT = ["--timeout", "15"];
let paths: string[];
let first: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  paths = [
    writeSubmission(subs, "alice", { square: SQUARE, halve: HALVE, why_answer: "Because (-x)·(-x) = x·x." }),
    writeSubmission(subs, "bob", { square: SQUARE, halve: "function halve(xs: number[]): number[] { return xs.map((x) => x / 2 + (x > 4 ? 1 : 0)); }" }),
    writeSubmission(subs, "carol", { square: "function square(x: number): number { return x * x ", halve: HALVE }),
    // dies after defining halve: a fresh kernel replays square's cells, so square_again_test still passes
    writeSubmission(subs, "dave", { square: SQUARE, halve: `${HALVE}\nprocess.exit(1);` }),
    writeSubmission(subs, "erin", { square: `${SQUARE}\nwhile (true) {}`, halve: HALVE }),
  ];
  writeFileSync(join(subs, "frank.ipynb"), "this is not a notebook");
  paths.push(join(subs, "frank.ipynb"));
  first = await runCli(["grade", TINY_SOURCE, ...paths, "--out", out, "--jobs", "2", ...TIMEOUT]);
}, 600_000);

test("the gradebook has the expected points and status for every submission; exit code 0", () => {
  expect(first.stderr).not.toMatch(/GRADING FAILED/);
  expect(readFileSync(join(out, "gradebook.csv"), "utf8")).toBe(EXPECTED);
  expect(first.code).toBe(0);
  for (const name of ["alice", "dave", "erin"]) expect(first.stderr).toMatch(new RegExp(`^\\[\\d/6\\] ${name}: \\d+/8 \\(\\S+\\) [\\d.]+ s$`, "m"));
  expect(first.stdout).toMatch(/^status: unmatched 1, kernel-died 1, timeout 1, error 1, ok 2$/m);
});

test("feedback pages and graded notebooks for each, with what happened", () => {
  for (const name of ["alice", "bob", "carol", "dave", "erin", "frank"]) {
    expect(existsSync(join(out, "feedback", `${name}.html`))).toBe(true);
    expect(existsSync(join(out, "graded", `${name}.ipynb`))).toBe(true);
  }
  expect(readFileSync(join(out, "feedback", "bob.html"), "utf8")).toContain("2 / 4 points · partial credit: 2 of 4 halved correctly");
  const dave = readFileSync(join(out, "feedback", "dave.html"), "utf8");
  expect(dave).toContain("the kernel died (exit code 1); it was restarted");
  expect(dave).toContain("the kernel was restarted 1 time(s)");
  expect(readFileSync(join(out, "feedback", "erin.html"), "utf8")).toContain("timed out after 15 s and was interrupted");
  const graded = JSON.parse(readFileSync(join(out, "graded", "carol.ipynb"), "utf8"));
  expect(graded.metadata.tsdl.grading).toMatchObject({ submission: "carol", status: "error" });
  expect(graded.cells[2].source.join("")).toContain("BEGIN HIDDEN TESTS");
});

test("a rerun skips every unchanged submission; --manual points enter the gradebook", async () => {
  const manual = join(dir, "manual.csv");
  writeFileSync(manual, "submission,grade_id,points\nalice,why_answer,1\n");
  const again = await runCli(["grade", TINY_SOURCE, ...paths, "--out", out, "--manual", manual, ...TIMEOUT]);
  expect(again.code).toBe(0);
  expect(again.stderr.match(/unchanged, not rerun/g)).toHaveLength(6);
  expect(readFileSync(join(out, "gradebook.csv"), "utf8")).toBe(EXPECTED.replace("alice,2,4,1,pending,7,8,ok", "alice,2,4,1,1,8,8,ok"));
  expect(readFileSync(join(out, "feedback", "alice.html"), "utf8")).toContain("1 / 1 points · passed: points given by the instructor");
}, 300_000);

test("--shard I/N grades every N-th submission; --merge joins the shards into the full gradebook", async () => {
  const shards = [1, 2].map((i) => join(dir, `shard${i}`));
  for (const shard of shards) cpSync(join(out, "graded"), join(shard, "graded"), { recursive: true });
  for (const [i, shard] of shards.entries()) {
    const run = await runCli(["grade", TINY_SOURCE, ...paths, "--out", shard, "--shard", `${i + 1}/2`, ...TIMEOUT]);
    expect(run.code).toBe(0);
    expect(run.stderr.match(/unchanged, not rerun/g)).toHaveLength(3);
  }
  const merged = await runCli(["grade", "--merge", ...shards, "--out", join(dir, "merged")]);
  expect(merged.code).toBe(0);
  expect(readFileSync(join(dir, "merged", "gradebook.csv"), "utf8")).toBe(EXPECTED);
  expect(existsSync(join(dir, "merged", "feedback", "erin.html"))).toBe(true);
}, 300_000);

test("--by-folder names submissions after nbgrader's STUDENT/NAME.ipynb folders", async () => {
  const byFolder = join(dir, "collected");
  const folderOut = join(dir, "by-folder");
  mkdirSync(join(folderOut, "graded"), { recursive: true });
  for (const name of ["alice", "bob"]) {
    mkdirSync(join(byFolder, name), { recursive: true });
    copyFileSync(join(subs, `${name}.ipynb`), join(byFolder, name, "tiny-source.ipynb"));
    copyFileSync(join(out, "graded", `${name}.ipynb`), join(folderOut, "graded", `${name}.ipynb`));
  }
  const run = await runCli(["grade", TINY_SOURCE, join(byFolder, "alice", "tiny-source.ipynb"), join(byFolder, "bob", "tiny-source.ipynb"), "--by-folder", "--out", folderOut, ...TIMEOUT]);
  expect(run.code).toBe(0);
  expect(readFileSync(join(folderOut, "gradebook.csv"), "utf8")).toBe([HEADER, "alice,2,4,1,pending,7,8,ok", "bob,2,2,1,0,5,8,ok"].join("\n") + "\n");
}, 300_000);

test("exit code 1 only when grading itself fails: a missing file, or no bwrap", async () => {
  const missing = await runCli(["grade", TINY_SOURCE, paths[0], join(subs, "nobody.ipynb"), "--out", out, ...TIMEOUT]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/grading failed for nobody: ENOENT/);
  expect(readFileSync(join(out, "gradebook.csv"), "utf8")).toContain("\nalice,");
  const noBwrap = await runCliWithPath(["grade", TINY_SOURCE, paths[0], "--out", out], "/nonexistent");
  expect(noBwrap.code).toBe(1);
  expect(noBwrap.stderr).toMatch(/bubblewrap \(bwrap\), which is not installed[\s\S]*apt-get install bubblewrap[\s\S]*--no-sandbox/);
}, 300_000);

async function runCliWithPath(args: string[], path: string) {
  const { execFile } = await import("node:child_process");
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, [join(__dirname, "..", "..", "bin", "tsdl.js"), ...args], { env: { ...process.env, PATH: path } }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr });
    });
  });
}
