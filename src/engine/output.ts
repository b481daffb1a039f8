/**
 * Routes everything a cell prints or displays to the frontend: console, process.stdout/stderr,
 * display(), and errors that surface after a cell ended (late rejections, throwing timers).
 * Output goes to the request being executed or, once it finished, to the last one, as in IPython.
 */
import { Console } from "node:console";
import { writeSync } from "node:fs";
import { Writable } from "node:stream";
import { inspect, types } from "node:util";
import { DisplaySink, RichOutput, setDisplaySink } from "../display/protocol";
import type { KernelIO } from "../kernel/language";

type StreamName = "stdout" | "stderr";

interface TrackedRendering {
  settled: Promise<void>;
  observed: () => boolean;
  failure?: { error: unknown };
}

/** Streams are batched so a loop of console.log calls becomes a few messages, not thousands. */
const FLUSH_DELAY_MS = 20;
const FLUSH_SIZE = 64 * 1024;

export class OutputRouter implements DisplaySink {
  private io: KernelIO | null = null;
  private readonly pending: Record<StreamName, string> = { stdout: "", stderr: "" };
  private flushTimer: NodeJS.Timeout | null = null;
  /** Async displays started by the running cell; null between cells. */
  private renderings: TrackedRendering[] | null = null;
  readonly interactive = true;
  readonly console: Console;

  constructor() {
    this.console = new Console({ stdout: this.writable("stdout"), stderr: this.writable("stderr"), colorMode: false });
  }

  /** Takes over console, process.stdout/stderr, display() and late errors for the whole process. */
  install(): void {
    globalThis.console = this.console;
    for (const name of ["stdout", "stderr"] as const) {
      const stream = process[name] as NodeJS.WriteStream & { write: (...a: unknown[]) => boolean };
      stream.write = (chunk: unknown, ...rest: unknown[]) => {
        this.write(name, typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
        const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
        callback?.();
        return true;
      };
    }
    setDisplaySink(this);
    process.on("unhandledRejection", (reason) => this.lateError("Unhandled promise rejection", reason));
    process.on("uncaughtException", (error) => this.lateError("Uncaught exception", error));
  }

  /** msg_id of the request output goes to now. */
  get requestId(): string | null {
    return this.io?.requestId ?? null;
  }

  /**
   * A frontend-driven callback (a widget's observer, a button's onClick) threw: its stack goes to
   * the message that triggered it (JupyterLab's log console shows it) and to the kernel's log.
   */
  callbackError(what: string, traceback: string[]): void {
    const text = `Error in ${what}:\n${traceback.join("\n")}\n`;
    this.write("stderr", text);
    this.flush();
    try {
      writeSync(2, `[tsdl] ${text}`);
    } catch {
      // The kernel's stderr may be closed or full; the frontend still got the error.
    }
  }

  /** Output from now on belongs to this request. */
  attach(io: KernelIO): void {
    this.flush();
    this.io = io;
  }

  /** A cell starts: async displays it starts are awaited before it ends (finishCell). */
  startCell(): void {
    this.renderings = [];
  }

  /** Waits for the cell's async displays; returns the first failure the cell did not handle itself. */
  async finishCell(): Promise<{ error: unknown } | undefined> {
    const started = this.renderings ?? [];
    await Promise.all(started.map((r) => r.settled));
    this.renderings = null;
    return started.find((r) => r.failure && !r.observed())?.failure;
  }

  /** The cell ended without waiting for its displays (it failed or was interrupted): later failures are late errors. */
  abandonCell(): void {
    this.renderings = null;
  }

  trackRendering(rendering: Promise<void>, observed: () => boolean): void {
    const tracked: TrackedRendering = { observed, settled: Promise.resolve() };
    tracked.settled = rendering.then(
      () => undefined,
      (error) => {
        tracked.failure = { error };
        // After its cell ended nobody waits for it: report it like a late error, unless handled.
        if (!this.renderings?.includes(tracked) && !observed()) this.lateError("Display failed", error);
      },
    );
    this.renderings?.push(tracked);
  }

  write(name: StreamName, text: string): void {
    if (!text) return;
    this.pending[name] += text;
    if (this.pending[name].length >= FLUSH_SIZE) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS).unref();
  }

  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const name of ["stdout", "stderr"] as const) {
      const text = this.pending[name];
      this.pending[name] = "";
      if (text) this.io?.stream(name, text);
    }
  }

  display(output: RichOutput, options: { displayId?: string; update?: boolean }): void {
    this.flush();
    this.io?.display(output, options);
  }

  clearOutput(wait: boolean): void {
    this.flush();
    this.io?.clearOutput(wait);
  }

  input(prompt: string, password: boolean): Promise<string> {
    this.flush();
    if (!this.io) return Promise.reject(new Error("input() needs a running cell"));
    return this.io.input(prompt, password);
  }

  private writable(name: StreamName): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.write(name, chunk.toString("utf8"));
        done();
      },
    });
  }

  private lateError(what: string, reason: unknown): void {
    const text = types.isNativeError(reason) || reason instanceof Error ? (reason as Error).stack ?? String(reason) : inspect(reason);
    this.write("stderr", `${what}: ${text}\n`);
  }
}
