/** Shared helpers of runner tests: the real CLI in a child process, fixtures in a scratch dir, nbformat checks. */
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv-draft-04";

const ROOT = join(__dirname, "..", "..");
export const FIXTURES = join(ROOT, "test", "fixtures", "notebooks");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * At most two kernel runs at a time: a cell's first compile is CPU-bound, and on a loaded
 * machine more concurrent kernels only make every run slower.
 */
const KERNEL_SLOTS = 2;
let running = 0;
const queue: (() => void)[] = [];

export async function withKernelSlot<T>(run: () => Promise<T>): Promise<T> {
  if (running >= KERNEL_SLOTS) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await run();
  } finally {
    running--;
    queue.shift()?.();
  }
}

export function runCli(args: string[], cwd = ROOT): Promise<CliResult> {
  return withKernelSlot(() => new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, "bin", "tsdl.js"), ...args], { cwd, timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  }));
}

/** A copy of a fixture in a fresh directory, so executed notebooks land beside it, not in the repo. */
export function scratchCopy(name: string, dir = mkdtempSync(join(tmpdir(), "tsdl-runner-test-"))): string {
  const path = join(dir, name);
  copyFileSync(join(FIXTURES, name), path);
  return path;
}

export function readJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

// Vendored from Debian's python3-nbformat 5.5.0:
// /usr/lib/python3/dist-packages/nbformat/v4/nbformat.v4.5.schema.json (a draft-04 schema).
const schema = readJson(join(ROOT, "test", "fixtures", "nbformat.v4.5.schema.json"));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

/** The schema errors of a notebook; [] when valid. */
export function schemaErrors(notebook: unknown): string[] {
  if (validate(notebook)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Throws with nbformat's message when the official Python validator rejects the file. */
export function pythonValidate(path: string): void {
  const script = "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], 4))";
  execFileSync("/usr/bin/python3", ["-c", script, path], { stdio: "pipe" });
}

export function textOf(cell: any): string {
  return (cell.outputs ?? [])
    .map((o: any) => (o.output_type === "stream" ? [].concat(o.text).join("") : o.output_type === "error" ? `${o.ename}: ${o.evalue}` : [].concat(o.data?.["text/plain"] ?? []).join("")))
    .join("|");
}
