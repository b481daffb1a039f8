/**
 * What is graded: SOURCE's cells with the student's answers (tests cannot be edited, deleted or
 * added to), matched by grade_id then cell id; and how runs become points and a status.
 */
import { join } from "node:path";
import type { CellRun, Execution } from "../../src/grading/execute";
import { mergeSubmission } from "../../src/grading/merge";
import { releaseNotebook } from "../../src/grading/release";
import { TestScore, scoreNotebook, submissionStatus } from "../../src/grading/score";
import { Cell, Notebook, readNotebook, sourceText } from "../../src/runner/notebook";

const TINY = join(__dirname, "..", "fixtures", "grading", "tiny-source.ipynb");
const source = readNotebook(TINY);
const released = releaseNotebook(source);
const SQUARE = "function square(x: number): number { return x * x; }";

function submission(edit: (cells: Cell[]) => Cell[] | void): Notebook {
  const copy = JSON.parse(JSON.stringify(released)) as Notebook;
  copy.cells = edit(copy.cells) ?? copy.cells;
  return copy;
}

const copyOf = (cells: Cell[]): Notebook => ({ ...released, cells });
const byGradeId = (nb: Notebook, id: string) => nb.cells.find((c) => (c.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id === id)!;

describe("mergeSubmission", () => {
  test("takes the answers from the submission and every other cell, hidden tests included, from SOURCE", () => {
    const merged = mergeSubmission(source, submission((cells) => void (cells[1].source = SQUARE)));
    expect(sourceText(merged.notebook.cells[1])).toBe(SQUARE);
    expect(sourceText(merged.notebook.cells[2])).toContain('assert.equal(square(-2), 4, "square(-2)")');
    expect(merged.notebook.cells.length).toBe(source.cells.length);
    expect(merged.unmatched).toEqual([]);
  });

  test("an edited, re-pointed or deleted test, and an added cell, change nothing", () => {
    const merged = mergeSubmission(
      source,
      submission((cells) => {
        cells[2].source = "assert.ok(true, 'fine');";
        (cells[2].metadata.nbgrader as { points: number }).points = 100;
        const added: Cell = { cell_type: "code", source: "globalThis.cheat = 1", metadata: {}, outputs: [], execution_count: null };
        return [...cells.filter((c) => c !== byGradeId(copyOf(cells), "halve_test")), added];
      }),
    );
    expect(merged.notebook.cells.map(sourceText)).toEqual(source.cells.map((c, i) => (i === 1 || i === 3 || i === 7 ? sourceText(released.cells[i]) : sourceText(c))));
    expect(merged.notebook.cells.map((c) => c.metadata)).toEqual(source.cells.map((c) => c.metadata));
  });

  test("an answer cell without nbgrader metadata is found by its cell id", () => {
    const merged = mergeSubmission(source, submission((cells) => {
      cells[1].source = SQUARE;
      delete cells[1].metadata.nbgrader;
    }));
    expect(sourceText(merged.notebook.cells[1])).toBe(SQUARE);
    expect(merged.notes).toEqual(['grade_id "square" was found by its cell id (the submission\'s nbgrader metadata is missing or changed)']);
  });

  test("a missing answer is reported as unmatched and runs as released", () => {
    const merged = mergeSubmission(source, submission((cells) => cells.filter((c) => c.id !== released.cells[3].id)));
    expect(merged.unmatched).toEqual(["halve"]);
    expect(sourceText(merged.notebook.cells[3])).toBe(sourceText(released.cells[3]));
  });

  test("of two cells claiming one grade_id, the first is graded", () => {
    const merged = mergeSubmission(source, submission((cells) => {
      cells[1].source = SQUARE;
      const copy = { ...cells[1], id: "dup", source: "function square(x: number) { return 0; }" };
      return [...cells, copy];
    }));
    expect(sourceText(merged.notebook.cells[1])).toBe(SQUARE);
    expect(merged.notes[0]).toMatch(/"square" appears more than once/);
  });

  test("a written answer left as released is unanswered; an edited one is not", () => {
    expect(mergeSubmission(source, submission(() => undefined)).unanswered).toEqual(["square", "halve", "why_answer"]);
    expect(mergeSubmission(source, submission((cells) => void (cells[7].source = "Because."))).unanswered).toEqual(["square", "halve"]);
  });
});

describe("scores and status", () => {
  const run = (status: CellRun["status"], extra: Partial<CellRun> = {}): CellRun => ({ status, partial: [], seconds: 1, ...extra });
  const execution = (runs: Record<number, CellRun>): Execution => ({ runs: new Map(Object.entries(runs).map(([k, v]) => [Number(k), v])), restarts: 0, overheadSeconds: 0 });
  const points = (scores: TestScore[]) => Object.fromEntries(scores.map((s) => [s.gradeId, s.earned]));

  test("a test earns its points when it runs without an error, 0 otherwise; answers graded by hand are pending", () => {
    const scores = scoreNotebook(source, execution({ 1: run("ok"), 2: run("ok"), 3: run("ok"), 4: run("error", { message: "AssertionError: no" }), 5: run("ok") }), []);
    expect(points(scores)).toEqual({ square_test: 2, halve_test: 0, square_again_test: 1, why_answer: null });
    expect(scores[1]).toMatchObject({ outcome: "failed", message: "AssertionError: no" });
    expect(scores[3]).toMatchObject({ outcome: "pending" });
  });

  test("grade.partial: the smallest fraction a test reported, rounded to 2 decimals", () => {
    const partial = [{ fraction: 0.5, why: "half" }, { fraction: 1 / 3, why: "a third" }];
    const scores = scoreNotebook(source, execution({ 2: run("ok"), 4: run("ok", { partial }), 5: run("ok") }), ["why_answer"]);
    expect(points(scores)).toEqual({ square_test: 2, halve_test: 1.33, square_again_test: 1, why_answer: 0 });
    expect(scores[1]).toMatchObject({ outcome: "partial", message: "a third" });
    expect(scores[3]).toMatchObject({ outcome: "unanswered" });
  });

  test("a failed test names the answers above it (since the previous test) left as released", () => {
    const scores = scoreNotebook(source, execution({ 1: run("ok"), 2: run("error", { message: "Error: not implemented" }), 3: run("ok"), 4: run("error", { message: "TypeError: x is undefined" }), 5: run("error", { message: "Error: not implemented" }) }), ["square", "halve"]);
    expect(scores[0]).toMatchObject({ outcome: "failed", message: "square above was left as released; Error: not implemented" });
    expect(scores[1]).toMatchObject({ outcome: "failed", message: "halve above was left as released; TypeError: x is undefined" });
    expect(scores[2]).toMatchObject({ outcome: "failed", message: "Error: not implemented" }); // no answer between the tests
    const passing = scoreNotebook(source, execution({ 2: run("ok"), 4: run("ok"), 5: run("ok") }), ["square"]);
    expect(passing[0]).toEqual({ gradeId: "square_test", max: 2, earned: 2, outcome: "passed" });
  });

  test("a timed-out, dead or not-run test earns 0", () => {
    const scores = scoreNotebook(source, execution({ 2: run("timeout"), 4: run("not-run", { message: "not run: the kernel was lost" }) }), []);
    expect(points(scores)).toMatchObject({ square_test: 0, halve_test: 0 });
  });

  test("the status is the worst thing that happened", () => {
    expect(submissionStatus(execution({ 1: run("ok") }), [])).toBe("ok");
    expect(submissionStatus(execution({ 1: run("ok"), 2: run("error") }), [])).toBe("error");
    expect(submissionStatus(execution({ 1: run("timeout"), 2: run("error") }), [])).toBe("timeout");
    expect(submissionStatus(execution({ 1: run("died"), 2: run("timeout") }), [])).toBe("kernel-died");
    expect(submissionStatus(execution({ 1: run("died", { memory: true }), 2: run("died") }), [])).toBe("memory");
    expect(submissionStatus(execution({ 1: run("error", { memory: true }) }), ["x"])).toBe("unmatched");
    expect(submissionStatus(null, [])).toBe("unmatched");
  });
});
