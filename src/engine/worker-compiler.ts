/** Main-thread side of the compiler worker: a CellCompiler whose calls are messages. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { CellCompiler, CompileResult, Completeness, Completion, QuickInfo } from "./compiler";
import type { CompilerRequest, CompilerResponse } from "./tslab-compiler-worker";

/**
 * Each cell's checker allocates tens of MB that live for one cell. With V8's default young
 * generation they survive a scavenge or two and are copied and promoted, and scavenges took
 * 20-50 ms each; a young generation this size lets them die young (tf-typed cell compile
 * ~70 -> ~45 ms here) for about 150 MB more resident memory.
 */
const YOUNG_GENERATION_MB = 384;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type RequestBody = CompilerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export class WorkerCompiler implements CellCompiler {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  readonly typescriptVersion: string;

  constructor(packageRoot: string) {
    this.typescriptVersion = readTypescriptVersion(packageRoot);
    this.worker = new Worker(join(__dirname, "tslab-compiler-worker.js"), { workerData: { packageRoot }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
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
