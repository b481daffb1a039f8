/**
 * `reproduce`: runs notebooks one after another (a failure does not stop the others), saves the
 * executed copies, and reports every notebook's status and slide claims.
 */
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { packageRoot } from "../version";
import { collectClaims } from "./claims";
import { writeFileAtomic } from "./notebook";
import { CellProgress } from "./progress";
import { markdownReport, NotebookReport, Reproduction } from "./report";
import { runNotebook } from "./run";

export interface ReproduceOptions {
  notebooks: string[];
  outDir: string;
  quick?: boolean;
  timeoutSeconds?: number;
  onNotebook?: (path: string) => void;
  onProgress?: (progress: CellProgress) => void;
}

/** The lecture notebooks shipped in the package, sorted. */
export function shippedNotebooks(): string[] {
  const dir = join(packageRoot, "notebooks");
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((n) => n.endsWith(".ipynb") && !n.endsWith(".out.ipynb"));
  return names.sort().map((n) => join(dir, n));
}

export async function reproduce(options: ReproduceOptions): Promise<Reproduction> {
  mkdirSync(options.outDir, { recursive: true });
  const notebooks: NotebookReport[] = [];
  for (const path of options.notebooks) {
    options.onNotebook?.(path);
    notebooks.push(await reproduceOne(path, options));
  }
  const reproduction = { notebooks };
  writeFileAtomic(join(options.outDir, "reproduction.json"), JSON.stringify(reproduction, null, 2) + "\n");
  writeFileAtomic(join(options.outDir, "REPRODUCTION.md"), markdownReport(reproduction));
  return reproduction;
}

async function reproduceOne(path: string, options: ReproduceOptions): Promise<NotebookReport> {
  const started = Date.now();
  const shown = relative(process.cwd(), resolve(path));
  try {
    const result = await runNotebook({
      input: path,
      output: join(options.outDir, basename(path)),
      quick: options.quick,
      timeoutSeconds: options.timeoutSeconds,
      onProgress: options.onProgress,
    });
    const { failure } = result;
    const error = failure && `cell ${failure.index} (${failure.firstLine}): ${failure.message}`;
    return { path: shown, status: result.status, seconds: result.seconds, ...(error && { error }), claims: collectClaims(result.notebook) };
  } catch (e) {
    // Unreadable notebook or a kernel that would not start: reported like a failing cell.
    return { path: shown, status: "failed", seconds: (Date.now() - started) / 1000, error: (e as Error).message, claims: [] };
  }
}
