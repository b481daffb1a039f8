/**
 * `tsdl grade SOURCE.ipynb SUBMISSION.ipynb... --out DIR` and `tsdl grade --merge DIR... --out DIR`.
 * Exits non-zero only when grading itself failed, never because a student's code did.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { grade, parseShard, summaryTable } from "../grading/grade";
import { gradebookCsv, mergeGradebooks, parseGradebook } from "../grading/gradebook";
import { DEFAULT_MEMORY_MB, findBwrap } from "../grading/sandbox";
import { UsageError, defineCommand } from "./command";
import { parseSeconds } from "./run-command";

export const DEFAULT_TIMEOUT_SECONDS = 60;

export const gradeCommand = defineCommand({
  name: "grade",
  summary: "grade submissions against an assignment's source, sandboxed, into a gradebook",
  description:
    "tsdl grade SOURCE.ipynb SUBMISSION.ipynb... --out DIR grades each submission in its own sandboxed kernel (bubblewrap) with SOURCE's tests, " +
    "and writes DIR/gradebook.csv, DIR/feedback/NAME.html and DIR/graded/NAME.ipynb; a rerun skips unchanged submissions.\n" +
    "tsdl grade --merge DIR... --out DIR joins the gradebooks of shards (--shard I/N).\n" +
    "Exits 1 only when grading itself failed, never because a student's code did.",
  args: "SOURCE.ipynb SUBMISSION.ipynb... | --merge DIR...",
  arity: { min: 1, max: Infinity },
  flags: {
    out: { type: "string", value: "DIR", help: "where gradebook.csv, feedback/ and graded/ go (required)" },
    jobs: { type: "string", value: "N", help: "submissions graded at once (default: the number of cores)" },
    timeout: { type: "string", value: "SECONDS", help: `stop a cell after this long (default ${DEFAULT_TIMEOUT_SECONDS}; SOURCE's metadata.tsdl.timeout wins)` },
    memory: { type: "string", value: "MB", help: `memory of each process of a submission (RLIMIT_DATA; default ${DEFAULT_MEMORY_MB})` },
    shard: { type: "string", value: "I/N", help: "grade every N-th submission (sorted by name) from the I-th, for batch jobs" },
    "by-folder": { type: "boolean", help: "name submissions after their folder (nbgrader's STUDENT/NAME.ipynb)" },
    manual: { type: "string", value: "FILE", help: "points given by hand: a CSV with submission,grade_id,points" },
    "no-sandbox": { type: "boolean", help: "run submissions without bubblewrap, with your rights (only for code you trust)" },
    merge: { type: "boolean", help: "join the gradebooks of the DIRs given as arguments into --out" },
  },
  async run(flags, positionals) {
    if (!flags.out) throw new UsageError("--out DIR is required");
    if (flags.merge) return merge(positionals, flags.out);
    if (positionals.length < 2) throw new UsageError("give SOURCE.ipynb and at least one SUBMISSION.ipynb");
    const sandbox = !flags["no-sandbox"];
    if (sandbox) findBwrap();
    else console.error("warning: --no-sandbox: submissions run with your rights and can read and change your files");
    const [source, ...submissions] = positionals;
    const run = await grade({
      source,
      submissions,
      outDir: flags.out,
      jobs: positiveInteger(flags.jobs, "--jobs") ?? availableParallelism(),
      timeoutSeconds: parseSeconds(flags.timeout, "--timeout") ?? DEFAULT_TIMEOUT_SECONDS,
      memoryMb: positiveInteger(flags.memory, "--memory") ?? DEFAULT_MEMORY_MB,
      sandbox,
      shard: flags.shard ? parseShard(flags.shard) : undefined,
      byFolder: flags["by-folder"],
      manual: flags.manual,
      log: (line) => console.error(line),
    });
    process.stdout.write(summaryTable(run.gradebook, run.maxPoints));
    console.error(`wrote ${join(flags.out, "gradebook.csv")}, ${join(flags.out, "feedback")}/, ${join(flags.out, "graded")}/`);
    for (const f of run.failures) console.error(`grading failed for ${f.submission}: ${f.error}`);
    return run.failures.length > 0 ? 1 : 0;
  },
});

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

/** Joins shards' gradebooks (and copies their feedback and graded notebooks) into one folder. */
function merge(dirs: string[], out: string): number {
  if (dirs.length === 0) throw new UsageError("--merge needs the shards' folders");
  if (dirs.some((d) => resolve(d) === resolve(out))) throw new UsageError("--out must be a new folder, not one of the shards");
  const books = dirs.map((dir) => {
    const path = join(dir, "gradebook.csv");
    if (!existsSync(path)) throw new Error(`${dir} has no gradebook.csv`);
    return { book: parseGradebook(readFileSync(path, "utf8"), path), where: path };
  });
  const merged = mergeGradebooks(books);
  for (const sub of ["feedback", "graded"]) {
    mkdirSync(join(out, sub), { recursive: true });
    for (const dir of dirs) {
      if (!existsSync(join(dir, sub))) continue;
      for (const file of readdirSync(join(dir, sub))) copyFileSync(join(dir, sub, file), join(out, sub, file));
    }
  }
  writeFileSync(join(out, "gradebook.csv"), gradebookCsv(merged));
  process.stdout.write(summaryTable(merged));
  console.error(`merged ${dirs.length} gradebooks (${merged.rows.length} submissions) into ${join(out, "gradebook.csv")}`);
  return 0;
}
