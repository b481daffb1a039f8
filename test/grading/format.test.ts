/**
 * nbgrader's format: released notebooks validate against nbgrader's v3 cell-metadata schema and
 * nbformat 4.5, carry nbgrader's MD5 checksums (same digest as nbgrader's algorithm computed by
 * Python), lose solutions, hidden tests and outputs; bad sources are refused, naming the cell.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import { computeChecksum, pythonFloatRepr } from "../../src/grading/checksum";
import { FormatError } from "../../src/grading/nbgrader";
import { CODE_STUB, releaseNotebook } from "../../src/grading/release";
import { Cell, Notebook, readNotebook, serializeNotebook, sourceText } from "../../src/runner/notebook";
import { readJson, schemaErrors } from "../runner/helpers";

const ROOT = join(__dirname, "..", "..");
const TINY = join(ROOT, "test", "fixtures", "grading", "tiny-source.ipynb");
const HOMEWORK = join(ROOT, "notebooks", "homework");
const HOMEWORK_SOURCE = join(HOMEWORK, "source", "perceptron-xor-mnist.ipynb");
const HOMEWORK_RELEASE = join(HOMEWORK, "release", "perceptron-xor-mnist.ipynb");

const nbgraderSchema = new Ajv({ strict: false, allErrors: true }).compile(readJson(join(ROOT, "test", "fixtures", "nbgrader-v3.schema.json")));

/** nbgrader's compute_checksum, re-implemented in a few lines of Python from nbgrader/utils.py. */
const PYTHON_CHECKSUM = `
import hashlib, json, sys
import nbformat
nb = nbformat.read(sys.argv[1], 4)
def meta(c): return c.metadata.get("nbgrader", {})
def is_grade(c): return meta(c).get("grade", False)
def is_solution(c): return meta(c).get("solution", False)
def is_locked(c):
    if "nbgrader" not in c.metadata or is_solution(c): return False
    return True if is_grade(c) else meta(c).get("locked", False)
out = []
for c in nb.cells:
    if "nbgrader" not in c.metadata: continue
    m = hashlib.md5()
    for part in (c.source, c.cell_type, str(is_grade(c)), str(is_solution(c)), str(is_locked(c)), meta(c)["grade_id"]):
        m.update(part.encode("utf-8"))
    if is_grade(c): m.update(str(float(meta(c)["points"])).encode("utf-8"))
    out.append(m.hexdigest())
print(json.dumps(out))
`;

function pythonChecksums(notebook: Notebook): string[] {
  const path = join(mkdtempSync(join(tmpdir(), "tsdl-checksum-")), "nb.ipynb");
  writeFileSync(path, serializeNotebook(notebook));
  return JSON.parse(execFileSync("/usr/bin/python3", ["-c", PYTHON_CHECKSUM, path], { encoding: "utf8" }));
}

const graderCells = (nb: Notebook) => nb.cells.filter((c) => c.metadata.nbgrader !== undefined);

describe.each([
  ["the tiny fixture", TINY],
  ["the homework example", HOMEWORK_SOURCE],
])("releasing %s", (_name, path) => {
  const source = readNotebook(path);
  const released = releaseNotebook(source);

  test("gives cells that nbgrader's v3 schema accepts, in a valid nbformat 4.5 notebook", () => {
    for (const cell of graderCells(released)) expect({ cell: cell.id, ok: nbgraderSchema(cell.metadata.nbgrader), errors: nbgraderSchema.errors ?? null }).toEqual({ cell: cell.id, ok: true, errors: null });
    expect(schemaErrors(JSON.parse(serializeNotebook(released)))).toEqual([]);
  });

  test("records nbgrader's checksum: the digest nbgrader's algorithm computes in Python", () => {
    const recorded = graderCells(released).map((c) => (c.metadata.nbgrader as { checksum: string }).checksum);
    expect(recorded.every((c) => /^[0-9a-f]{32}$/.test(c))).toBe(true);
    expect(pythonChecksums(released)).toEqual(recorded);
  });

  test("strips solutions and hidden tests, clears outputs, locks tests in the frontend", () => {
    const text = released.cells.map(sourceText).join("\n");
    for (const marker of ["BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"]) expect(text).not.toContain(marker);
    for (const cell of released.cells) {
      const meta = cell.metadata.nbgrader as { grade?: boolean; solution?: boolean } | undefined;
      if (cell.cell_type === "code") expect({ outputs: cell.outputs, count: cell.execution_count }).toEqual({ outputs: [], count: null });
      if (meta?.solution) expect({ deletable: cell.metadata.deletable, editable: cell.metadata.editable }).toEqual({ deletable: false, editable: undefined });
      if (meta?.grade && !meta.solution) expect({ deletable: cell.metadata.deletable, editable: cell.metadata.editable }).toEqual({ deletable: false, editable: false });
    }
    expect(released.cells.map((c) => c.id)).toEqual(source.cells.map((c) => c.id));
  });
});

test("a solution region becomes the TypeScript stub, indented like its marker", () => {
  const released = releaseNotebook(readNotebook(TINY));
  expect(sourceText(released.cells[1])).toBe(`function square(x: number): number {\n  ${CODE_STUB[0]}\n  ${CODE_STUB[1]}\n}`);
  expect(sourceText(released.cells[2])).toBe('assert.equal(square(3), 9, "square(3)");');
  expect(sourceText(released.cells[7])).toBe("YOUR ANSWER HERE");
});

test("the committed release of the homework is what tsdl assign makes of its source today", () => {
  const expected = serializeNotebook(releaseNotebook(readNotebook(HOMEWORK_SOURCE)));
  expect(readFileSync(HOMEWORK_RELEASE, "utf8")).toBe(expected);
});

test("Python's str(float(x)), which the checksum hashes for points", () => {
  const values = [0, 1, 2, 0.5, 1.5, 0.1, 1 / 3, 100, 1e-4, 1e-5, 0.000123, 12345.678, 1e15, 1e16, 2.5e16, 1.7976931348623157e308, 5e-324, 123456789012345680];
  const python = execFileSync("/usr/bin/python3", ["-c", "import json,sys; print(json.dumps([str(float(x)) for x in json.loads(sys.argv[1])]))", JSON.stringify(values)], { encoding: "utf8" });
  expect(values.map(pythonFloatRepr)).toEqual(JSON.parse(python));
});

test("a known case: nbgrader's checksum of a graded code cell", () => {
  const cell: Cell = { cell_type: "code", source: "assert f(1) == 2", metadata: { nbgrader: { schema_version: 3, grade: true, solution: false, locked: false, grade_id: "test_f", points: 2 } } };
  const python = execFileSync("/usr/bin/python3", ["-c", "import hashlib; print(hashlib.md5(b'assert f(1) == 2' + b'code' + b'True' + b'False' + b'True' + b'test_f' + b'2.0').hexdigest())"], { encoding: "utf8" }).trim();
  expect(computeChecksum(cell)).toBe(python);
});

describe("a source tsdl assign refuses, naming the cell", () => {
  const base = () => readNotebook(TINY);
  const refusal = (edit: (nb: Notebook) => void) => {
    const nb = base();
    edit(nb);
    try {
      releaseNotebook(nb);
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      return (e as Error).message;
    }
    throw new Error("released anyway");
  };
  const meta = (cell: Cell) => cell.metadata.nbgrader as Record<string, unknown>;

  test("duplicate grade_ids", () => {
    expect(refusal((nb) => (meta(nb.cells[3]).grade_id = "square"))).toMatch(/^cell 3 \(grade_id "square"\).*already used by cell 1/);
  });
  test("a BEGIN SOLUTION that is never closed", () => {
    expect(refusal((nb) => (nb.cells[1].source = "function f() {\n  // BEGIN SOLUTION\n  return 1;\n}"))).toMatch(/^cell 1 \(grade_id "square"\).*line 2: "BEGIN SOLUTION" is never closed/);
  });
  test("an END HIDDEN TESTS without a BEGIN", () => {
    expect(refusal((nb) => (nb.cells[2].source = "assert.ok(true, '');\n// END HIDDEN TESTS"))).toMatch(/^cell 2 .*line 2: "END HIDDEN TESTS" without a "BEGIN HIDDEN TESTS"/);
  });
  test("nested regions", () => {
    expect(refusal((nb) => (nb.cells[1].source = "// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION"))).toMatch(/line 2: .*cannot nest/);
  });
  test("a solution region outside a solution cell", () => {
    expect(refusal((nb) => (nb.cells[2].source = "// BEGIN SOLUTION\nx\n// END SOLUTION"))).toMatch(/^cell 2 .*not a solution cell/);
  });
  test("hidden tests outside a graded cell", () => {
    expect(refusal((nb) => (nb.cells[6].source = "// BEGIN HIDDEN TESTS\nx\n// END HIDDEN TESTS"))).toMatch(/^cell 6.*not a graded cell/);
  });
  test("metadata nbgrader's schema does not allow", () => {
    expect(refusal((nb) => (meta(nb.cells[2]).timeout = 5))).toMatch(/^cell 2 .*"timeout", which nbgrader's schema does not allow/);
    expect(refusal((nb) => (meta(nb.cells[2]).schema_version = 2))).toMatch(/schema_version is 2/);
    expect(refusal((nb) => delete meta(nb.cells[2]).points)).toMatch(/needs points/);
    expect(refusal((nb) => (meta(nb.cells[1]).grade_id = "has space"))).toMatch(/may only hold letters/);
  });
});
