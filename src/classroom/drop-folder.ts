/**
 * Homework hand-in through a drop folder, as nbgrader's exchange does it.
 *
 * The instructor owns the folder; students may create files in it but not list or read it
 * (mode 3773: setgid so submissions belong to the instructors' group, sticky so nobody removes
 * another's file, others -wx). `submit` writes `STUDENT+NAME+TIMESTAMP+RANDOM.ipynb` (mode 0640,
 * the random part makes names unguessable) through a hidden temporary name, so a half-written
 * file is never collected. `collect` keeps each student's latest version of each notebook as
 * `OUT/STUDENT/NAME.ipynb`, the layout `tsdl grade --by-folder` reads, after checking that the
 * file's Unix owner is the student its name claims.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { readNotebook } from "../runner/notebook";

export const SUBMISSION_MODE = 0o640;

export interface Submission {
  student: string;
  /** The notebook's name without .ipynb. */
  notebook: string;
  /** UTC, e.g. 2025-01-31T12:00:00.000Z. */
  submittedAt: string;
  /** The file in the drop folder. */
  file: string;
}

/** Copies `notebookPath` into the drop folder; returns the submission as written. */
export function submit(notebookPath: string, dropDir: string, student: string, now = new Date()): Submission {
  readNotebook(notebookPath); // refuses what is not a notebook before anything is written
  const bytes = readFileSync(notebookPath);
  if (!statSync(dropDir).isDirectory()) throw new Error(`${dropDir}: the drop folder is not a directory`);
  const notebook = basename(notebookPath).replace(/\.ipynb$/, "");
  if (student.includes("+") || student.startsWith(".")) throw new Error(`user name ${JSON.stringify(student)} cannot be submitted under: it holds "+" or starts with "."`);
  if (notebook.startsWith(".")) throw new Error(`${notebookPath}: rename the notebook so that its name does not start with "."`);
  const submittedAt = now.toISOString();
  const name = `${student}+${notebook}+${fileTimestamp(submittedAt)}+${randomBytes(8).toString("hex")}.ipynb`;
  const file = join(dropDir, name);
  const partial = join(dropDir, `.${name}.partial`);
  try {
    writePrivately(partial, bytes);
    renameSync(partial, file);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return { student, notebook, submittedAt, file };
}

/** Created with SUBMISSION_MODE whatever the umask (copyFile would copy the source's mode); never replaces a file. */
function writePrivately(target: string, bytes: Buffer): void {
  const fd = openSync(target, "wx", SUBMISSION_MODE);
  try {
    fchmodSync(fd, SUBMISSION_MODE);
    writeFileSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

/** 2025-01-31T12:00:00.000Z -> 20250131T120000.000Z: sortable, no characters a shell or Windows dislikes. */
function fileTimestamp(iso: string): string {
  return iso.replace(/[-:]/g, "");
}

function isoTimestamp(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(stamp)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ""}Z`;
}

/** Neither the student nor the notebook part may start with "." (no "..", no hidden names in OUT). */
const SUBMISSION_NAME = /^([^+.][^+]*)\+([^.].*)\+(\d{8}T\d{6}(?:\.\d+)?Z)\+([0-9a-f]+)\.ipynb$/;

interface Received extends Submission {
  bytes: Buffer;
}

export interface Collected extends Submission {
  /** Where collect put it: OUT/STUDENT/NAME.ipynb. */
  collected: string;
  /** Earlier submissions of the same notebook by the same student, not collected. */
  earlier: number;
}

export interface Rejected {
  file: string;
  reason: string;
}

export interface CollectOptions {
  /** Refuse a file whose Unix owner is not the student named in it (default true). */
  checkOwner?: boolean;
  /** uid -> user name; default the system's user database (getent). */
  userName?: (uid: number) => string | undefined;
}

export function collect(dropDir: string, outDir: string, options: CollectOptions = {}): { collected: Collected[]; rejected: Rejected[] } {
  const { accepted, rejected } = readSubmissions(dropDir, options);
  const latest = new Map<string, Received[]>();
  for (const s of accepted) {
    const key = `${s.student}/${s.notebook}`;
    latest.set(key, [...(latest.get(key) ?? []), s]);
  }
  const collected = [...latest.values()].map((versions) => {
    const newest = versions.reduce((a, b) => (b.submittedAt > a.submittedAt ? b : a));
    const target = join(outDir, newest.student, `${newest.notebook}.ipynb`);
    mkdirSync(join(outDir, newest.student), { recursive: true });
    writeFileSync(target, newest.bytes);
    const { bytes: _bytes, ...submission } = newest;
    return { ...submission, collected: target, earlier: versions.length - 1 };
  });
  return { collected: collected.sort((a, b) => a.collected.localeCompare(b.collected)), rejected };
}

function readSubmissions(dropDir: string, options: CollectOptions): { accepted: Received[]; rejected: Rejected[] } {
  const userName = options.userName ?? systemUserName;
  const accepted: Received[] = [];
  const rejected: Rejected[] = [];
  for (const name of readdirSync(dropDir).sort()) {
    if (name.startsWith(".")) continue; // being written, or not ours
    const file = join(dropDir, name);
    const match = SUBMISSION_NAME.exec(name);
    if (!match) {
      rejected.push({ file, reason: "not a submission name (STUDENT+NAME+TIMESTAMP+RANDOM.ipynb)" });
      continue;
    }
    const [, student, notebook, stamp] = match;
    const read = readOwnFile(file, options.checkOwner === false ? undefined : student, userName);
    if (typeof read === "string") rejected.push({ file, reason: read });
    else accepted.push({ student, notebook, submittedAt: isoTimestamp(stamp), file, bytes: read });
  }
  return { accepted, rejected };
}

/**
 * The file's bytes, or why it is refused. Checked and read through one descriptor opened
 * without following links: a student cannot swap in a link to someone else's file meanwhile.
 */
function readOwnFile(file: string, student: string | undefined, userName: (uid: number) => string | undefined): Buffer | string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    return `cannot be opened (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; a link?)`;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return "not a regular file";
    const owner = userName(stat.uid) ?? `uid ${stat.uid}`;
    if (student !== undefined && owner !== student) return `claims to come from ${student} but belongs to ${owner}`;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

const userNames = new Map<number, string | undefined>();

/** The name for `uid` in the system's user database (files, LDAP, ... through getent). */
export function systemUserName(uid: number): string | undefined {
  if (!userNames.has(uid)) {
    try {
      userNames.set(uid, execFileSync("getent", ["passwd", String(uid)], { encoding: "utf8" }).split(":")[0] || undefined);
    } catch {
      userNames.set(uid, undefined);
    }
  }
  return userNames.get(uid);
}
