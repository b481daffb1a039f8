/**
 * `tsdl init DIR`: puts the course notebooks into a student's folder (DIR/lecture, DIR/homework)
 * without ever losing the student's work.
 *
 * A file init wrote earlier and the student has not touched since is replaced by the new version.
 * A file the student edited is kept; if the course has a newer version, it is written beside it as
 * NAME.new.ipynb (NAME.new-2.ipynb, ... when that one was edited too). What init wrote is remembered in
 * DIR/.tsdl-init.json (path -> SHA-256), so running it again changes nothing.
 * Homework is copied only from a release folder and only when no notebook in it still holds an
 * assignment's solutions or hidden tests.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { writeFileAtomic } from "../runner/notebook";
import { assertReleased } from "./released";

export interface CourseFile {
  /** Where it goes, relative to the student's folder, e.g. "lecture/01-tf-keras-mnist.ipynb". */
  target: string;
  /** The file to copy. */
  source: string;
}

export interface InitEntry {
  /** The course file's place, relative to the folder. */
  target: string;
  /** Where its current version is: `target`, or NAME.new.ipynb beside the student's edited copy. */
  writtenTo: string;
  /** What happened at `writtenTo`; "kept": the student edited it and the course has nothing newer. */
  action: "copied" | "updated" | "unchanged" | "kept";
}

export const MANIFEST = ".tsdl-init.json";

type Manifest = Record<string, string>;

/** The lecture notebooks under lecture/, the release folder's notebooks under homework/. */
export function courseFiles(lectureNotebooks: string[], releaseDir?: string): CourseFile[] {
  const lecture = lectureNotebooks.map((source) => ({ source, target: join("lecture", basename(source)) }));
  if (!releaseDir) return lecture;
  const homework = notebooksUnder(releaseDir).map((source) => ({ source, target: join("homework", relative(releaseDir, source)) }));
  homework.forEach((file) => assertReleased(file.source));
  return [...lecture, ...homework];
}

function notebooksUnder(dir: string): string[] {
  if (!statSync(dir).isDirectory()) throw new Error(`${dir}: the homework release folder is not a directory`);
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ipynb") && !name.split(/[\\/]/).some((part) => part.startsWith(".")))
    .sort()
    .map((name) => join(dir, name));
}

export function initFolder(dir: string, files: CourseFile[]): InitEntry[] {
  mkdirSync(dir, { recursive: true });
  const manifest = readManifest(dir);
  const entries = files.map((file) => placeFile(dir, file, manifest));
  writeFileAtomic(join(dir, MANIFEST), JSON.stringify(manifest, null, 1) + "\n");
  return entries;
}

function placeFile(dir: string, file: CourseFile, manifest: Manifest): InitEntry {
  const content = readFileSync(file.source);
  const hash = sha256(content);
  for (const target of candidateNames(file.target)) {
    const path = join(dir, target);
    const existing = existsSync(path) ? sha256(readFileSync(path)) : undefined;
    if (existing === hash) {
      manifest[target] = hash;
      return { target: file.target, writtenTo: target, action: "unchanged" };
    }
    if (existing === undefined || existing === manifest[target]) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, content.toString("utf8"));
      manifest[target] = hash;
      return { target: file.target, writtenTo: target, action: existing === undefined ? "copied" : "updated" };
    }
    if (manifest[target] === hash) return { target: file.target, writtenTo: target, action: "kept" };
  }
  throw new Error("unreachable: candidateNames never ends");
}

/** NAME.ipynb, then NAME.new.ipynb, NAME.new-2.ipynb, ... */
function* candidateNames(target: string): Generator<string> {
  yield target;
  const stem = target.replace(/\.ipynb$/, "");
  yield `${stem}.new.ipynb`;
  for (let n = 2; ; n++) yield `${stem}.new-${n}.ipynb`;
}

/** A damaged or hand-edited manifest only makes init more careful: every differing file is kept. */
function readManifest(dir: string): Manifest {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Manifest) : {};
  } catch {
    return {};
  }
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
