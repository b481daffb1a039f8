/**
 * `tsdl grade`: every submission (or every N-th, for one shard of a batch job) graded against
 * SOURCE, `jobs` at a time, each in its own kernel; one bad submission never stops the others.
 * Writes OUT/gradebook.csv, OUT/graded/<name>.ipynb and OUT/feedback/<name>.html, prints a line
 * per submission and a summary. A submission's own failures are its status; only grading
 * failures (a kernel that cannot start, a file that cannot be written) are returned as such.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { readNotebook } from "../runner/notebook";
import { feedbackHtml } from "./feedback";
import { GradedSubmission, GradingSettings, SubmissionInput, gradeSubmission } from "./grade-one";
import { Gradebook, GradebookRow, gradebookCsv, readManualPoints, unknownManualSubmissions, withManualPoints } from "./gradebook";
import { checkNotebookMetadata, gradeId, gradedCells, points } from "./nbgrader";
import { STATUSES, TestScore, roundPoints } from "./score";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface GradeOptions {
  source: string;
  submissions: string[];
  outDir: string;
  jobs: number;
  timeoutSeconds: number;
  memoryMb: number;
  sandbox: boolean;
  shard?: Shard;
  /** Name submissions after their folder (nbgrader's STUDENT/NAME.ipynb). */
  byFolder?: boolean;
  manual?: string;
  log?: (line: string) => void;
}

export interface GradeFailure {
  submission: string;
  error: string;
}

export interface GradeRun {
  gradebook: Gradebook;
  /** By grade_id. */
  maxPoints: Record<string, number>;
  failures: GradeFailure[];
  /** The submissions this run (or shard) graded, in order. */
  graded: string[];
}

export async function grade(options: GradeOptions): Promise<GradeRun> {
  const log = options.log ?? (() => undefined);
  const sourceText = readFileSync(options.source, "utf8");
  const source = readNotebook(options.source);
  checkNotebookMetadata(source);
  const settings: GradingSettings = { sourcePath: options.source, sourceText, source, timeoutSeconds: options.timeoutSeconds, memoryMb: options.memoryMb, sandbox: options.sandbox };
  const maxPoints = Object.fromEntries(gradedCells(source).map((c) => [gradeId(c)!, points(c)]));
  const manual = options.manual ? readManualPoints(options.manual, maxPoints) : undefined;
  const inputs = shardOf(namedSubmissions(options.submissions, options.byFolder ?? false, options.source), options.shard);
  for (const dir of ["graded", "feedback"]) mkdirSync(join(options.outDir, dir), { recursive: true });
  const rows: GradebookRow[] = [];
  const failures: GradeFailure[] = [];
  let done = 0;
  await forEachLimited(inputs, options.jobs, async (input) => {
    try {
      const graded = await gradeSubmission(input, settings, join(options.outDir, "graded", `${input.name}.ipynb`));
      const row = withManualPoints(rowOf(graded, maxPoints), manual);
      writeFeedback(options.outDir, graded, row);
      rows.push(row);
      log(progressLine(++done, inputs.length, graded, row));
    } catch (e) {
      failures.push({ submission: input.name, error: String((e as Error)?.message ?? e) });
      log(`[${++done}/${inputs.length}] ${input.name}: GRADING FAILED: ${String((e as Error)?.message ?? e)}`);
    }
  });
  const gradebook = { columns: Object.keys(maxPoints), rows };
  writeFileSync(join(options.outDir, "gradebook.csv"), gradebookCsv(gradebook));
  if (manual) for (const name of unknownManualSubmissions(manual, rows)) log(`note: ${options.manual} gives points to "${name}", which was not graded in this run`);
  return { gradebook, maxPoints, failures, graded: inputs.map((i) => i.name) };
}

/** Names from file names (or folders), checked to be unique and safe as file names. */
export function namedSubmissions(paths: string[], byFolder: boolean, source: string): SubmissionInput[] {
  const seen = new Map<string, string>();
  const inputs = paths.map((path) => {
    if (resolve(path) === resolve(source)) throw new Error(`${path} is SOURCE itself, not a submission`);
    const name = byFolder ? basename(dirname(resolve(path))) : basename(path, ".ipynb");
    if (!name || name.startsWith(".") || /[\\/]/.test(name)) throw new Error(`${path}: cannot name a submission "${name}"`);
    const other = seen.get(name);
    if (other) throw new Error(`${other} and ${path} would both be submission "${name}"${byFolder ? "" : " (use --by-folder for STUDENT/NAME.ipynb layouts)"}`);
    seen.set(name, path);
    return { name, path };
  });
  return inputs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every `count`-th submission (sorted by name) starting at the `index`-th, 1-based. */
export function shardOf<T>(items: T[], shard: Shard | undefined): T[] {
  return shard ? items.filter((_, i) => i % shard.count === shard.index - 1) : items;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new Error(`--shard wants I/N with 1 <= I <= N (e.g. 1/4), got "${text}"`);
  return { index, count };
}

function rowOf({ record }: GradedSubmission, maxPoints: Record<string, number>): GradebookRow {
  const scores = new Map(record.scores.map((s) => [s.gradeId, s]));
  const pointsById = Object.fromEntries(Object.keys(maxPoints).map((id) => [id, scores.has(id) ? scores.get(id)!.earned : 0]));
  const total = roundPoints(Object.values(pointsById).reduce<number>((sum, p) => sum + (p ?? 0), 0));
  const max = roundPoints(Object.values(maxPoints).reduce((a, b) => a + b, 0));
  return { submission: record.submission, points: pointsById, total, max, status: record.status };
}

function writeFeedback(outDir: string, graded: GradedSubmission, row: GradebookRow): void {
  const scores = graded.record.scores.map((s) => withInstructorPoints(s, row.points[s.gradeId]));
  const html = feedbackHtml({ submission: row.submission, notebook: graded.notebook, scores, total: row.total, max: row.max, status: row.status, notes: graded.record.notes });
  writeFileSync(join(outDir, "feedback", `${row.submission}.html`), html);
}

/** A score the instructor set by hand (--manual) shows as theirs. */
function withInstructorPoints(score: TestScore, points: number | null | undefined): TestScore {
  if (points === null || points === undefined || points === score.earned) return score;
  return { ...score, earned: points, outcome: points >= score.max ? "passed" : "partial", message: "points given by the instructor" };
}

function progressLine(done: number, total: number, graded: GradedSubmission, row: GradebookRow): string {
  const when = graded.reused ? "unchanged, not rerun" : `${graded.record.seconds.toFixed(1)} s`;
  return `[${done}/${total}] ${row.submission}: ${row.total}/${row.max} (${row.status}) ${when}`;
}

/** Runs `work` on every item, at most `limit` at a time, in order of the list. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Per test: max, mean and how many got full marks; then how many submissions had each status. */
export function summaryTable({ columns, rows }: Gradebook, maxPoints?: Record<string, number>): string {
  const lines = [["test", "max", "mean", "full marks"]];
  for (const id of [...columns, "total"]) {
    const values = rows.map((r) => (id === "total" ? r.total : r.points[id])).filter((v): v is number => v !== null);
    const max = id === "total" ? rows[0]?.max ?? 0 : maxPoints?.[id] ?? Math.max(0, ...values);
    const mean = values.length ? roundPoints(values.reduce((a, b) => a + b, 0) / values.length) : 0;
    const full = values.filter((v) => v >= max).length;
    const pending = rows.length - values.length;
    lines.push([id, String(max), String(mean), `${full}/${rows.length}${pending ? ` (${pending} pending)` : ""}`]);
  }
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const table = lines.map((l) => l.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
  const counts = STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  return `${table}\nstatus: ${counts.map(([s, n]) => `${s} ${n}`).join(", ") || "no submissions"}\n`;
}
