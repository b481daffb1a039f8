/** `tsdl init`: copies course notebooks, never loses a student's edits, and is idempotent. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { courseFiles, initFolder, MANIFEST } from "../../src/classroom/init";
import { shippedNotebooks } from "../../src/runner/reproduce";

let scratch: string;
beforeEach(() => (scratch = mkdtempSync(join(tmpdir(), "tsdl-init-test-"))));
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const notebook = (source: string) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: "a", cell_type: "code", source, metadata: {}, outputs: [], execution_count: null }] });

function course(version: string): { dir: string; files: ReturnType<typeof courseFiles> } {
  const dir = join(scratch, `course-${version}`);
  mkdirSync(join(dir, "release", "hw1"), { recursive: true });
  writeFileSync(join(dir, "01-intro.ipynb"), notebook(`// lecture ${version}`));
  writeFileSync(join(dir, "release", "hw1", "hw1.ipynb"), notebook(`// YOUR CODE HERE ${version}`));
  return { dir, files: courseFiles([join(dir, "01-intro.ipynb")], join(dir, "release")) };
}

const read = (student: string, file: string) => readFileSync(join(student, file), "utf8");

test("copies the lecture into lecture/ and the release into homework/, keeping the release's folders", () => {
  const student = join(scratch, "alice");
  const entries = initFolder(student, course("v1").files);
  expect(entries).toEqual([
    { target: join("lecture", "01-intro.ipynb"), writtenTo: join("lecture", "01-intro.ipynb"), action: "copied" },
    { target: join("homework", "hw1", "hw1.ipynb"), writtenTo: join("homework", "hw1", "hw1.ipynb"), action: "copied" },
  ]);
  expect(read(student, "lecture/01-intro.ipynb")).toContain("lecture v1");
  expect(read(student, "homework/hw1/hw1.ipynb")).toContain("YOUR CODE HERE v1");
  expect(existsSync(join(student, MANIFEST))).toBe(true);
});

test("a second run changes nothing (idempotent)", () => {
  const student = join(scratch, "alice");
  const { files } = course("v1");
  initFolder(student, files);
  const before = readdirSync(student, { recursive: true }).sort();
  expect(initFolder(student, files).map((e) => e.action)).toEqual(["unchanged", "unchanged"]);
  expect(readdirSync(student, { recursive: true }).sort()).toEqual(before);
});

test("an untouched copy is updated; an edited one is kept and the new version goes beside it, once", () => {
  const student = join(scratch, "alice");
  initFolder(student, course("v1").files);
  writeFileSync(join(student, "lecture", "01-intro.ipynb"), notebook("// my own work"));
  const v2 = course("v2").files;

  expect(initFolder(student, v2)).toEqual([
    { target: join("lecture", "01-intro.ipynb"), writtenTo: join("lecture", "01-intro.new.ipynb"), action: "copied" },
    { target: join("homework", "hw1", "hw1.ipynb"), writtenTo: join("homework", "hw1", "hw1.ipynb"), action: "updated" },
  ]);
  expect(read(student, "lecture/01-intro.ipynb")).toContain("my own work");
  expect(read(student, "lecture/01-intro.new.ipynb")).toContain("lecture v2");
  expect(read(student, "homework/hw1/hw1.ipynb")).toContain("YOUR CODE HERE v2");

  expect(initFolder(student, v2).map((e) => [e.writtenTo, e.action])).toEqual([
    [join("lecture", "01-intro.new.ipynb"), "unchanged"],
    [join("homework", "hw1", "hw1.ipynb"), "unchanged"],
  ]);
});

test("an edited copy with no newer course version is kept and nothing is written beside it", () => {
  const student = join(scratch, "alice");
  const { files } = course("v1");
  initFolder(student, files);
  writeFileSync(join(student, "lecture", "01-intro.ipynb"), notebook("// my own work"));
  expect(initFolder(student, files)[0]).toEqual({ target: join("lecture", "01-intro.ipynb"), writtenTo: join("lecture", "01-intro.ipynb"), action: "kept" });
  expect(readdirSync(join(student, "lecture"))).toEqual(["01-intro.ipynb"]);
  expect(read(student, "lecture/01-intro.ipynb")).toContain("my own work");
});

test("a NAME.new.ipynb the student edited too is kept; the next version goes to NAME.new-2.ipynb", () => {
  const student = join(scratch, "alice");
  initFolder(student, course("v1").files);
  writeFileSync(join(student, "lecture", "01-intro.ipynb"), notebook("// my work"));
  initFolder(student, course("v2").files);
  writeFileSync(join(student, "lecture", "01-intro.new.ipynb"), notebook("// more of my work"));
  const [lecture] = initFolder(student, course("v3").files);
  expect(lecture.writtenTo).toBe(join("lecture", "01-intro.new-2.ipynb"));
  expect(read(student, "lecture/01-intro.ipynb")).toContain("my work");
  expect(read(student, "lecture/01-intro.new.ipynb")).toContain("more of my work");
  expect(read(student, "lecture/01-intro.new-2.ipynb")).toContain("lecture v3");
});

test("a file that was there before init ever ran, or a damaged record, counts as the student's: kept", () => {
  const student = join(scratch, "alice");
  mkdirSync(join(student, "lecture"), { recursive: true });
  writeFileSync(join(student, "lecture", "01-intro.ipynb"), notebook("// mine"));
  writeFileSync(join(student, MANIFEST), "{not json");
  const [lecture] = initFolder(student, course("v1").files);
  expect(lecture.writtenTo).toBe(join("lecture", "01-intro.new.ipynb"));
  expect(read(student, "lecture/01-intro.ipynb")).toContain("mine");
});

test("refuses an assignment's source (solutions or hidden tests): nothing is copied", () => {
  const release = join(scratch, "release");
  mkdirSync(release);
  writeFileSync(join(release, "ok.ipynb"), notebook("// YOUR CODE HERE"));
  writeFileSync(join(release, "hw2.ipynb"), notebook("let x = 1;\n// BEGIN SOLUTION\nx = 42;\n// END SOLUTION\n"));
  expect(() => courseFiles([], release)).toThrow(/hw2\.ipynb is an assignment's source \(solutions or hidden tests in cell 0\)/);
  writeFileSync(join(release, "hw2.ipynb"), notebook("### BEGIN HIDDEN TESTS\nassert(true)\n### END HIDDEN TESTS\n"));
  expect(() => courseFiles([], release)).toThrow(/assignment's source/);
});

test("the shipped lecture notebooks are all copied, none is mistaken for an assignment's source", () => {
  const files = courseFiles(shippedNotebooks());
  expect(files.length).toBeGreaterThanOrEqual(16);
  expect(files.every((f) => f.target.startsWith("lecture"))).toBe(true);
});
