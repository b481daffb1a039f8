/**
 * gradebook.csv exactly as specified (UTF-8 without BOM, RFC 4180, `pending`, sorted rows),
 * shards and their merge, the instructor's manual points, submission names.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { namedSubmissions, parseShard, shardOf, summaryTable } from "../../src/grading/grade";
import { Gradebook, GradebookRow, gradebookCsv, mergeGradebooks, parseCsv, parseGradebook, readManualPoints, withManualPoints } from "../../src/grading/gradebook";

const row = (submission: string, points: Record<string, number | null>, status: GradebookRow["status"] = "ok"): GradebookRow => {
  const total = Object.values(points).reduce<number>((a, b) => a + (b ?? 0), 0);
  return { submission, points, total, max: 7, status };
};
const book: Gradebook = {
  columns: ["square_test", "halve_test", "why_answer"],
  rows: [row("zoe", { square_test: 2, halve_test: 1.3333, why_answer: null }, "error"), row('ann "the, first"', { square_test: 0, halve_test: 4, why_answer: 1 }, "timeout")],
};

test("the CSV: header, one row per submission sorted by name, pending, rounded points, quoting, no BOM", () => {
  const csv = gradebookCsv(book);
  expect(csv).toBe(
    "submission,square_test,halve_test,why_answer,total,max,status\n" +
      '"ann ""the, first""",0,4,1,5,7,timeout\n' +
      "zoe,2,1.33,pending,3.33,7,error\n",
  );
  expect(Buffer.from(csv, "utf8")[0]).not.toBe(0xef);
});

test("parses back to the same gradebook", () => {
  const parsed = parseGradebook(gradebookCsv(book), "gradebook.csv");
  expect(parsed.columns).toEqual(book.columns);
  expect(parsed.rows.map((r) => r.submission)).toEqual(['ann "the, first"', "zoe"]);
  expect(parsed.rows[1]).toEqual({ submission: "zoe", points: { square_test: 2, halve_test: 1.33, why_answer: null }, total: 3.33, max: 7, status: "error" });
  expect(parseCsv('a,"b\nc",d\r\n1,2,3')).toEqual([["a", "b\nc", "d"], ["1", "2", "3"]]);
  expect(() => parseGradebook("name,total\nx,1\n", "g.csv")).toThrow(/g.csv: not a tsdl gradebook/);
  expect(() => parseGradebook("submission,a,total,max,status\nx,1,1,2,great\n", "g.csv")).toThrow(/row 2: unknown status "great"/);
});

test("shards: every N-th submission from the I-th, together all of them once; --merge joins their gradebooks", () => {
  const names = Array.from({ length: 10 }, (_, i) => `s${i}`);
  const shards = [1, 2, 3].map((index) => shardOf(names, parseShard(`${index}/3`)));
  expect(shards).toEqual([["s0", "s3", "s6", "s9"], ["s1", "s4", "s7"], ["s2", "s5", "s8"]]);
  expect(() => parseShard("0/3")).toThrow(/1 <= I <= N/);
  expect(() => parseShard("4/3")).toThrow(/1 <= I <= N/);
  const books = shards.map((s, i) => ({ book: { columns: ["t"], rows: s.map((n) => row(n, { t: 1 })) }, where: `shard${i}` }));
  expect(gradebookCsv(mergeGradebooks(books))).toBe(gradebookCsv({ columns: ["t"], rows: names.map((n) => row(n, { t: 1 })) }));
  expect(() => mergeGradebooks([books[0], books[0]])).toThrow(/submission "s0" is in shard0 and in shard0/);
  expect(() => mergeGradebooks([books[0], { book: { columns: ["u"], rows: [] }, where: "other" }])).toThrow(/not shards of one assignment/);
});

test("manual points: validated, then they replace the pending ones and the total follows", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsdl-manual-"));
  const file = join(dir, "manual.csv");
  const max = { square_test: 2, halve_test: 4, why_answer: 1 };
  writeFileSync(file, "submission,grade_id,points\nzoe,why_answer,0.5\n");
  const manual = readManualPoints(file, max);
  expect(withManualPoints(book.rows[0], manual)).toMatchObject({ points: { why_answer: 0.5 }, total: 3.83 });
  writeFileSync(file, "submission,grade_id,points\nzoe,why,1\n");
  expect(() => readManualPoints(file, max)).toThrow(/line 2: "why" is not a graded grade_id/);
  writeFileSync(file, "submission,grade_id,points\nzoe,why_answer,2\n");
  expect(() => readManualPoints(file, max)).toThrow(/line 2: points must be a number from 0 to 1, got "2"/);
  writeFileSync(file, "student,points\n");
  expect(() => readManualPoints(file, max)).toThrow(/header must be submission,grade_id,points/);
});

test("submission names: file names, or folders with --by-folder (nbgrader's STUDENT/NAME.ipynb); never two alike", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsdl-names-"));
  for (const student of ["bob", "amy"]) mkdirSync(join(dir, student));
  expect(namedSubmissions([join(dir, "bob", "hw.ipynb"), join(dir, "amy", "hw.ipynb")], true, "src.ipynb").map((s) => s.name)).toEqual(["amy", "bob"]);
  expect(() => namedSubmissions([join(dir, "bob", "hw.ipynb"), join(dir, "amy", "hw.ipynb")], false, "src.ipynb")).toThrow(/would both be submission "hw" \(use --by-folder/);
  expect(() => namedSubmissions(["src.ipynb"], false, "src.ipynb")).toThrow(/is SOURCE itself/);
});

test("the summary table: per test max, mean and full marks, then the statuses", () => {
  expect(summaryTable(book, { square_test: 2, halve_test: 4, why_answer: 1 })).toBe(
    [
      "test         max  mean  full marks",
      "square_test  2    1     1/2",
      "halve_test   4    2.67  1/2",
      "why_answer   1    1     1/2 (1 pending)",
      "total        7    4.17  0/2",
      "status: timeout 1, error 1",
      "",
    ].join("\n"),
  );
});
