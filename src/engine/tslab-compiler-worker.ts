/**
 * Worker thread running tslab's TypeScript converter: type-checks each cell against the
 * declarations of earlier cells and emits CommonJS. Kept off the main thread so the kernel stays
 * responsive while TypeScript works (its first program takes seconds to build).
 */
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type * as TS from "typescript";
import type { CompileResult, Completeness, Completion, QuickInfo } from "./compiler";
import { idleCollector } from "./idle-gc";
import { LockedName, keepLockedDeclarations } from "./locked-names";
import { rewriteCell } from "./source-rewrites";
import { loadTslabConverter } from "./tslab-lean-program";
import { withVarianceAnnotations } from "./variance-annotations";

export type CompilerRequest =
  | { id: number; op: "compile"; context: string; source: string }
  | { id: number; op: "complete"; context: string; source: string; position: number }
  | { id: number; op: "inspect"; context: string; source: string; position: number }
  | { id: number; op: "isComplete"; source: string };

export type CompilerResponse = { id: number; result: unknown } | { id: number; error: string } | { ready: true };

const { packageRoot, locked } = workerData as { packageRoot: string; locked: LockedName[] };
// tslab's converter is written against its own TypeScript fork; the same instance is used here.
const ts = require("@tslab/typescript-for-tslab") as typeof TS;
exposeKernelPackages(ts.sys, join(packageRoot, "node_modules"));
onlyNodeTypesFromKernel(ts.sys, join(packageRoot, "node_modules", "@types"));
readWithVarianceAnnotations(ts.sys);
const tslab = loadTslabConverter();
const collectGarbage = idleCollector();
const converter = tslab.createConverter();
parentPort!.postMessage({ ready: true } satisfies CompilerResponse);

parentPort!.on("message", (req: CompilerRequest) => {
  try {
    parentPort!.postMessage({ id: req.id, result: handle(req) } satisfies CompilerResponse);
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: String((e as Error)?.stack ?? e) } satisfies CompilerResponse);
  }
  setImmediate(collectGarbage);
});

function handle(req: CompilerRequest): unknown {
  switch (req.op) {
    case "compile":
      return compile(req.context, req.source);
    case "complete":
      return complete(req.context, req.source, req.position);
    case "inspect":
      return inspect(req.context, req.source, req.position);
    case "isComplete":
      return isComplete(req.source);
  }
}

function compile(context: string, source: string): CompileResult {
  const result = converter.convert(context, rewriteCell(ts, source));
  if (result.diagnostics.length > 0) {
    return {
      ok: false,
      diagnostics: result.diagnostics.map((d) => ({ line: d.start.line + 1, column: d.start.character + 1, code: d.code, message: flatten(d.messageText) })),
    };
  }
  return {
    ok: true,
    cell: { js: result.output ?? "", declarations: keepLockedDeclarations(ts, result.declOutput ?? "", locked), lastExpressionVar: result.lastExpressionVar },
  };
}

function flatten(text: string | TS.DiagnosticMessageChain): string {
  return typeof text === "string" ? text : ts.flattenDiagnosticMessageText(text, "\n");
}

function complete(context: string, source: string, position: number): Completion {
  const info = converter.complete(context, source, position);
  return { start: info.start, end: info.end, candidates: info.candidates };
}

function inspect(context: string, source: string, position: number): QuickInfo | null {
  const info = converter.inspect(context, source, position) as TS.QuickInfo | undefined;
  if (!info) return null;
  return { signature: ts.displayPartsToString(info.displayParts), documentation: ts.displayPartsToString(info.documentation) + tagsText(info.tags) };
}

function tagsText(tags: TS.JSDocTagInfo[] | undefined): string {
  return (tags ?? []).map((t) => `\n@${t.name} ${ts.displayPartsToString(t.text)}`).join("");
}

/** Unclosed brackets (tslab's check) or an open template literal mean "more lines to come". */
function isComplete(source: string): Completeness {
  const open = tslab.isCompleteCode(source);
  if (!open.completed) return { status: "incomplete", indent: open.indent ?? "" };
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, false);
  const errors = (file as unknown as { parseDiagnostics: TS.Diagnostic[] }).parseDiagnostics;
  if (errors.some((d) => d.code === 1160 /* Unterminated template literal */ || d.code === 1010 /* '*\/' expected */)) {
    return { status: "incomplete", indent: "" };
  }
  return { status: errors.length > 0 ? "invalid" : "complete" };
}

/**
 * A notebook folder without node_modules should still see the kernel's own packages (tfjs,
 * danfo, ...), as Node's `require` does through our fallback. Module lookups that reach the
 * filesystem root (`/node_modules/...`) are answered from the kernel's node_modules, under their
 * real paths so that the prelude's and the cell's imports are one and the same declaration file.
 * That includes the listing of `/node_modules/@types`, from which TypeScript adds global types
 * by itself: Node's (console, process, Buffer) come from the kernel's @types/node there.
 */
function exposeKernelPackages(sys: TS.System, kernelModules: string): void {
  const rootModules = "/node_modules/";
  const original = {
    fileExists: sys.fileExists.bind(sys),
    directoryExists: sys.directoryExists.bind(sys),
    getDirectories: sys.getDirectories.bind(sys),
    readFile: sys.readFile.bind(sys),
  };
  const realpath = sys.realpath?.bind(sys) ?? ((p: string) => p);
  const existsAsIs = (path: string) => original.fileExists(path) || original.directoryExists(path);
  /** The path to use: itself unless it is a missing `/node_modules/...` path. */
  const underRootModules = (path: string) => path.startsWith(rootModules) || path === rootModules.slice(0, -1);
  const resolve = (path: string) => (underRootModules(path) && !existsAsIs(path) ? join(kernelModules, path.slice(rootModules.length)) : path);
  sys.fileExists = (path) => original.fileExists(resolve(path));
  sys.directoryExists = (path) => original.directoryExists(resolve(path));
  sys.getDirectories = (path) => original.getDirectories(resolve(path));
  sys.readFile = (path, encoding) => original.readFile(resolve(path), encoding);
  sys.realpath = (path) => realpath(resolve(path));
}

/**
 * TypeScript adds every package under a type root as global types. The kernel's own
 * node_modules/@types also holds its build and test tooling's (jest's `describe` and `expect`,
 * babel's, yargs'...): globals that do not exist when a cell runs, and a third of the declarations
 * the checker holds in memory. From the kernel's folder, cells get Node's globals only; the types
 * a package needs come with its imports as before. A notebook folder's own @types stay whole.
 */
function onlyNodeTypesFromKernel(sys: TS.System, kernelTypes: string): void {
  const getDirectories = sys.getDirectories.bind(sys);
  const realpath = sys.realpath?.bind(sys) ?? ((p: string) => p);
  const kernelTypesReal = realpath(kernelTypes);
  sys.getDirectories = (path) => {
    const entries = getDirectories(path);
    return realpath(path) === kernelTypesReal ? entries.filter((name) => name === "node") : entries;
  };
}

function readWithVarianceAnnotations(sys: TS.System): void {
  const readFile = sys.readFile.bind(sys);
  sys.readFile = (path, encoding) => {
    const text = readFile(path, encoding);
    return text === undefined ? text : withVarianceAnnotations(path, text);
  };
}
