/** The drop folder: submissions are written privately, collected per student (latest wins), owners checked. */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { collect, submit, SUBMISSION_MODE } from "../../src/classroom/drop-folder";

let scratch: string;
let drop: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "tsdl-drop-test-"));
  drop = join(scratch, "drop");
  mkdirSync(drop);
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const me = userInfo().username;
const asMe = () => me;

function notebookFile(name: string, source: string): string {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", source, metadata: {}, outputs: [], execution_count: null }] }));
  return path;
}

test("submit writes STUDENT+NAME+TIMESTAMP+RANDOM.ipynb with mode 0640 whatever the umask, and nothing else", () => {
  const source = notebookFile("hw1.ipynb", "// v1");
  chmodSync(source, 0o644);
  const s = submit(source, drop, me, new Date("2025-01-31T12:00:00.000Z"));
  expect(s.submittedAt).toBe("2025-01-31T12:00:00.000Z");
  expect(readdirSync(drop)).toEqual([expect.stringMatching(new RegExp(`^${me}\\+hw1\\+20250131T120000\\.000Z\\+[0-9a-f]{16}\\.ipynb$`))]);
  expect(statSync(s.file).mode & 0o777).toBe(SUBMISSION_MODE);
  expect(readFileSync(s.file, "utf8")).toBe(readFileSync(source, "utf8"));
});

test("submit refuses what is not a notebook, and user names collect could not parse", () => {
  writeFileSync(join(scratch, "notes.ipynb"), "not json");
  expect(() => submit(join(scratch, "notes.ipynb"), drop, me)).toThrow(/not a JSON notebook/);
  expect(() => submit(notebookFile("hw1.ipynb", ""), drop, "a+b")).toThrow(/cannot be submitted under/);
  expect(() => submit(notebookFile("hw1.ipynb", ""), join(scratch, "missing"), me)).toThrow(/ENOENT/);
  expect(readdirSync(drop)).toEqual([]);
});

test("collect keeps each student's latest version of each notebook as OUT/STUDENT/NAME.ipynb", () => {
  submit(notebookFile("hw1.ipynb", "// first"), drop, me, new Date("2025-01-31T12:00:00Z"));
  submit(notebookFile("hw1.ipynb", "// last"), drop, me, new Date("2025-01-31T13:00:00Z"));
  submit(notebookFile("hw1.ipynb", "// middle"), drop, me, new Date("2025-01-31T12:30:00Z"));
  submit(notebookFile("hw2.ipynb", "// other"), drop, me, new Date("2025-01-31T12:00:00Z"));
  const out = join(scratch, "submitted");
  const { collected, rejected } = collect(drop, out, { userName: asMe });
  expect(rejected).toEqual([]);
  expect(collected.map((c) => [c.collected, c.submittedAt, c.earlier])).toEqual([
    [join(out, me, "hw1.ipynb"), "2025-01-31T13:00:00.000Z", 2],
    [join(out, me, "hw2.ipynb"), "2025-01-31T12:00:00.000Z", 0],
  ]);
  expect(readFileSync(join(out, me, "hw1.ipynb"), "utf8")).toContain("// last");
});

test("collect refuses impersonation, links, strange names; skips files still being written", () => {
  const real = submit(notebookFile("hw1.ipynb", "// mine"), drop, me);
  writeFileSync(join(drop, `mallory+hw1+20990101T000000.000Z+00aa.ipynb`), readFileSync(real.file));
  symlinkSync(real.file, join(drop, `${me}+hw3+20990101T000000.000Z+00bb.ipynb`));
  writeFileSync(join(drop, `${me}+..+20990101T000000.000Z+00cc.ipynb`), "{}");
  writeFileSync(join(drop, "notes.txt"), "");
  writeFileSync(join(drop, `.${me}+hw1+20990101T000000.000Z+00dd.ipynb.partial`), "");
  const { collected, rejected } = collect(drop, join(scratch, "out"), { userName: asMe });
  expect(collected.map((c) => c.notebook)).toEqual(["hw1"]);
  expect(readFileSync(collected[0].collected, "utf8")).toContain("// mine");
  expect(rejected.map((r) => r.reason).sort()).toEqual([
    "cannot be opened (ELOOP; a link?)",
    `claims to come from mallory but belongs to ${me}`,
    "not a submission name (STUDENT+NAME+TIMESTAMP+RANDOM.ipynb)",
    "not a submission name (STUDENT+NAME+TIMESTAMP+RANDOM.ipynb)",
  ]);
  expect(collect(drop, join(scratch, "out2"), { userName: asMe, checkOwner: false }).collected.map((c) => c.student).sort()).toEqual(["mallory", me]);
});
