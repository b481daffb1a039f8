/** Main-thread side of the compiler worker: a CellCompiler whose calls are messages. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { CellCompiler, CompileResult, Completeness, Completion, QuickInfo } from "./compiler";
import type { LockedName } from "./locked-names";
import type { CompilerRequest, CompilerResponse } from "./tslab-compiler-worker";

/**
 * The worker's young generation (V8's nursery), fixed at two semi-spaces of this size. A cell's
 * checker allocates 4-11 MB that live for one compile; the worker collects the nursery after every
 * request (tslab-compiler-worker.ts), so each compile starts with an empty one and its garbage dies
 * there without a scavenge on the critical path. (Before: a 384 MB young generation let V8 grow
 * the nursery to 2 x 128 MB, which it never gives back: ~250 MB of an idle kernel's resident
 * memory.) V8 sizes a young generation at three semi-spaces (two plus the new large-object space),
 * hence the factor in resourceLimits. Worker resourceLimits set only the maximum; the start size
 * is a process-wide V8 flag, so it is set while this worker's heap is created and reset once the
 * worker runs (`online`), before the kernel starts its other thread.
 */
const SEMI_SPACE_MB = 16;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type RequestBody = CompilerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export class WorkerCompiler implements CellCompiler {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  readonly typescriptVersion: string;
  /** Resolves once the worker thread runs: start other threads after it (SEMI_SPACE_MB). */
  readonly online: Promise<void>;

  /** `locked`: prelude names whose declaration every later cell keeps (see locked-names.ts). */
  constructor(packageRoot: string, locked: LockedName[] = []) {
    this.typescriptVersion = readTypescriptVersion(packageRoot);
    setFlagsFromString(`--min-semi-space-size=${SEMI_SPACE_MB}`);
    this.worker = new Worker(join(__dirname, "tslab-compiler-worker.js"), { workerData: { packageRoot, locked }, resourceLimits: { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } });
    this.online = new Promise((resolve) => {
      const restoreDefault = () => (setFlagsFromString("--min-semi-space-size=0"), resolve());
      this.worker.once("online", restoreDefault).once("error", restoreDefault);
    });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on("message", (msg: CompilerResponse) => ("ready" in msg ? resolve() : this.settle(msg)));
      this.worker.on("error", (e) => {
        reject(e);
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
    });
    this.ready.catch(() => undefined);
  }

  compile(context: string, source: string): Promise<CompileResult> {
    return this.call({ op: "compile", context, source }) as Promise<CompileResult>;
  }

  complete(context: string, source: string, position: number): Promise<Completion> {
    return this.call({ op: "complete", context, source, position }) as Promise<Completion>;
  }

  inspect(context: string, source: string, position: number): Promise<QuickInfo | null> {
    return this.call({ op: "inspect", context, source, position }) as Promise<QuickInfo | null>;
  }

  isComplete(source: string): Promise<Completeness> {
    return this.call({ op: "isComplete", source }) as Promise<Completeness>;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private async call(body: RequestBody): Promise<unknown> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id });
    });
  }

  private settle(msg: Exclude<CompilerResponse, { ready: true }>): void {
    const p = this.pending.get(msg.id);
    this.pending.delete(msg.id);
    if (!p) return;
    if ("error" in msg) p.reject(new Error(`TypeScript compiler failed: ${msg.error}`));
    else p.resolve(msg.result);
  }
}

function readTypescriptVersion(packageRoot: string): string {
  const path = require.resolve("@tslab/typescript-for-tslab/package.json", { paths: [packageRoot] });
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}
