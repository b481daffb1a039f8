/**
 * `gradebook.csv`: UTF-8 without a byte-order mark, RFC 4180 quoting, one row per submission.
 * Columns: `submission`, one per graded grade_id in SOURCE's order (points earned, `pending`
 * for a manually graded answer without points yet), `total`, `max`, `status`. Also the
 * instructor's manual points (`--manual FILE`: submission,grade_id,points) and the merge of
 * shards' gradebooks.
 */
import { readFileSync } from "node:fs";
import { STATUSES, SubmissionStatus, roundPoints } from "./score";

export interface GradebookRow {
  submission: string;
  /** By grade_id; null = pending. */
  points: Record<string, number | null>;
  total: number;
  max: number;
  status: SubmissionStatus;
}

export interface Gradebook {
  /** The graded grade_ids, in SOURCE's order. */
  columns: string[];
  rows: GradebookRow[];
}

export const PENDING = "pending";

export function gradebookCsv({ columns, rows }: Gradebook): string {
  const header = ["submission", ...columns, "total", "max", "status"];
  const lines = [header, ...[...rows].sort(bySubmission).map((r) => [r.submission, ...columns.map((c) => pointsText(r.points[c])), num(r.total), num(r.max), r.status])];
  return lines.map((fields) => fields.map(csvField).join(",")).join("\n") + "\n";
}

function bySubmission(a: GradebookRow, b: GradebookRow): number {
  return a.submission < b.submission ? -1 : a.submission > b.submission ? 1 : 0;
}

function pointsText(value: number | null | undefined): string {
  return value === null || value === undefined ? PENDING : num(value);
}

function num(x: number): string {
  return String(roundPoints(x));
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") record.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      (record = []), (field = "");
    } else field += ch;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records.filter((r) => !(r.length === 1 && r[0] === ""));
}

export function parseGradebook(text: string, where: string): Gradebook {
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ""));
  const fail = (why: string): never => {
    throw new Error(`${where}: ${why}`);
  };
  if (!header || header[0] !== "submission" || header.slice(-3).join() !== "total,max,status") fail("not a tsdl gradebook (header must be submission, grade_ids..., total, max, status)");
  const columns = header.slice(1, -3);
  const rows = records.map((fields, i) => {
    if (fields.length !== header.length) fail(`row ${i + 2} has ${fields.length} fields, the header ${header.length}`);
    const status = fields[header.length - 1] as SubmissionStatus;
    if (!STATUSES.includes(status)) fail(`row ${i + 2}: unknown status "${status}"`);
    const points = Object.fromEntries(columns.map((c, j) => [c, fields[j + 1] === PENDING ? null : number(fields[j + 1], `row ${i + 2}, ${c}`, fail)]));
    return { submission: fields[0], points, total: number(fields[header.length - 3], `row ${i + 2}, total`, fail), max: number(fields[header.length - 2], `row ${i + 2}, max`, fail), status };
  });
  return { columns, rows };
}

function number(text: string, where: string, fail: (why: string) => never): number {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x)) fail(`${where}: "${text}" is not a number`);
  return x;
}

/** Shards' gradebooks into one; they must grade the same columns and no submission twice. */
export function mergeGradebooks(books: { book: Gradebook; where: string }[]): Gradebook {
  if (books.length === 0) throw new Error("--merge needs at least one folder with a gradebook.csv");
  const columns = books[0].book.columns;
  const seen = new Map<string, string>();
  const rows: GradebookRow[] = [];
  for (const { book, where } of books) {
    if (book.columns.join() !== columns.join()) throw new Error(`${where} grades ${book.columns.join(", ")}, ${books[0].where} grades ${columns.join(", ")}: not shards of one assignment`);
    for (const row of book.rows) {
      const earlier = seen.get(row.submission);
      if (earlier) throw new Error(`submission "${row.submission}" is in ${earlier} and in ${where}`);
      seen.set(row.submission, where);
      rows.push(row);
    }
  }
  return { columns, rows };
}

/** submission -> grade_id -> points, from the instructor's CSV (header: submission,grade_id,points). */
export type ManualPoints = Map<string, Map<string, number>>;

export function readManualPoints(path: string, maxPoints: Record<string, number>): ManualPoints {
  const [header, ...records] = parseCsv(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  if (header?.map((h) => h.trim()).join() !== "submission,grade_id,points") throw new Error(`${path}: the header must be submission,grade_id,points`);
  const manual: ManualPoints = new Map();
  records.forEach((fields, i) => {
    const where = `${path}, line ${i + 2}`;
    const [submission, id, text] = fields.map((f) => f.trim());
    if (!(id in maxPoints)) throw new Error(`${where}: "${id}" is not a graded grade_id of this assignment (${Object.keys(maxPoints).join(", ")})`);
    const value = Number(text);
    if (text === "" || !Number.isFinite(value) || value < 0 || value > maxPoints[id]) throw new Error(`${where}: points must be a number from 0 to ${maxPoints[id]}, got "${text}"`);
    if (!manual.has(submission)) manual.set(submission, new Map());
    manual.get(submission)!.set(id, value);
  });
  return manual;
}

/** The row with the instructor's points in place (they win over the autograder's), total recomputed. */
export function withManualPoints(row: GradebookRow, manual: ManualPoints | undefined): GradebookRow {
  const given = manual?.get(row.submission);
  const points = { ...row.points, ...(given ? Object.fromEntries(given) : {}) };
  const total = roundPoints(Object.values(points).reduce<number>((sum, p) => sum + (p ?? 0), 0));
  return { ...row, points, total };
}

/** Submissions named in the manual file that were not graded: probably a typo. */
export function unknownManualSubmissions(manual: ManualPoints, rows: GradebookRow[]): string[] {
  const graded = new Set(rows.map((r) => r.submission));
  return [...manual.keys()].filter((s) => !graded.has(s));
}
