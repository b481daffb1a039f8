/**
 * TypeScript for the kernel: compiles a cell (CellCompiler, off the main thread), runs it
 * (Executor), shows its last value through the display protocol, and keeps the declarations
 * that the next cell is checked against.
 */
import { version as tsdlVersion } from "../version";
import { setCommHost } from "../display/comm";
import { renderValue } from "../display/protocol";
import { isRendering } from "../display/rendering";
import type { CompleteResult, ExecuteOutcome, ExecuteRequest, ExpressionResult, InspectResult, IsCompleteResult, KernelComms, KernelIO, Language, LanguageInfo } from "../kernel/language";
import { EngineComms } from "./comms";
import type { CellCompiler } from "./compiler";
import { compileError, runtimeError } from "./errors";
import { Executor, InterruptedError } from "./executor";
import { helpTarget } from "./help";
import { CellLineMap } from "./line-map";
import { OutputRouter } from "./output";
import { PreludeEntry, declarationsUsedBy, preludeDeclarations, preludeEntries, nameBeingTyped } from "./prelude";

export class TypeScriptLanguage implements Language {
  private readonly output = new OutputRouter();
  private readonly executor: Executor;
  private readonly prelude: Map<string, PreludeEntry>;
  /** Declare-on-use prelude names already in the context. */
  private readonly declaredOnUse = new Set<string>();
  private readonly loading = new Map<string, Promise<unknown>>();
  private readonly loadedValues = new Map<string, unknown>();
  private readonly cells = new Map<string, CellLineMap>();
  /** Declarations of everything defined so far: the type context of the next cell. */
  private context: string;
  private anonymousCells = 0;
  private executing = false;
  private interruptRequested = false;
  /** Ends what the cell is waiting for after its code ran (async displays); set while it waits. */
  private abortWait: ((e: Error) => void) | null = null;

  /** `locked`: prelude names no cell may rebind (the compiler must keep their declarations too). */
  constructor(private readonly compiler: CellCompiler, notebookDir: string, packageRoot: string, private readonly banner: string, locked: readonly string[] = []) {
    this.executor = new Executor(notebookDir, packageRoot, locked.length > 0);
    const entries = preludeEntries(packageRoot, this.output);
    this.prelude = new Map(entries.map((e) => [e.name, e]));
    this.context = preludeDeclarations(entries);
    for (const entry of entries) this.executor.definePrelude(entry.name, () => this.preludeValue(entry), locked.includes(entry.name));
    // Locked helpers load now, capturing the built-ins they use before any cell can patch them.
    for (const name of locked) if (this.prelude.has(name)) this.preludeValue(this.prelude.get(name)!);
  }

  /**
   * Takes over what is process-wide: console, process.stdout/stderr, display() and late errors
   * (unhandled rejections, throwing timers) all go to the frontend. The kernel command calls it
   * once; a TypeScriptLanguage used in-process (tests) works without it.
   */
  installGlobals(): void {
    this.output.install();
  }

  info(): LanguageInfo {
    return {
      implementation: "tsdl",
      implementation_version: tsdlVersion,
      language_info: {
        name: "typescript",
        version: this.compiler.typescriptVersion,
        mimetype: "text/typescript",
        file_extension: ".ts",
        codemirror_mode: "typescript",
        pygments_lexer: "typescript",
      },
      banner: this.banner,
      help_links: [
        { text: "tsdl", url: "https://www.npmjs.com/package/tsdl" },
        { text: "TensorFlow.js API", url: "https://js.tensorflow.org/api/latest/" },
        { text: "danfo.js", url: "https://danfo.jsdata.org/" },
        { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/" },
      ],
    };
  }

  setFallbackIO(io: KernelIO): void {
    this.output.attach(io);
  }

  setComms(comms: KernelComms): void {
    setCommHost(new EngineComms(comms, this.output, (e) => runtimeError(e, this.cells).traceback));
  }

  async execute(request: ExecuteRequest, io: KernelIO): Promise<ExecuteOutcome> {
    this.output.attach(io);
    this.output.startCell();
    this.interruptRequested = false;
    this.executing = true;
    try {
      return await this.executeCell(request);
    } catch (e) {
      if (e instanceof InterruptedError) return interrupted(e);
      // The compiler worker failed, or a prelude library did not load: still a reply, with the stack.
      return { status: "error", ename: "KernelError", evalue: String((e as Error)?.message ?? e), traceback: String((e as Error)?.stack ?? e).split("\n") };
    } finally {
      this.executing = false;
      this.output.abandonCell();
      this.output.flush();
    }
  }

  /** An interrupt that arrives while the cell compiles or loads the prelude stops it before it runs. */
  private checkInterrupt(): void {
    if (this.interruptRequested) throw new InterruptedError();
  }

  private async executeCell(request: ExecuteRequest): Promise<ExecuteOutcome> {
    const help = helpTarget(request.code);
    if (help !== null) return this.page(help);
    const cellName = request.silent ? `[silent ${++this.anonymousCells}]` : `[cell ${request.executionCount}]`;
    const compiled = await this.compiler.compile(this.contextFor(request.code), request.code);
    this.checkInterrupt();
    if (!compiled.ok) return { status: "error", ...compileError(cellName, request.code, compiled.diagnostics) };
    const { js, declarations, lastExpressionVar } = compiled.cell;
    this.cells.set(cellName, new CellLineMap(request.code.split("\n"), js.split("\n")));
    try {
      await this.loadPreludeUsedBy(js);
      this.checkInterrupt();
      await this.executor.run(js, cellName);
    } catch (e) {
      // What the cell declared before failing exists at runtime, so later cells may use it.
      this.context = declarations;
      if (e instanceof InterruptedError) return interrupted(e);
      return { status: "error", ...runtimeError(e, this.cells) };
    }
    this.context = declarations;
    const value = lastExpressionVar ? this.executor.take(lastExpressionVar) : undefined;
    return this.outcomeOf(value, request.silent);
  }

  /**
   * The cell's code ran: wait for the displays it started (async display methods), then show its
   * value. A display method that throws or rejects fails the cell with a DisplayError.
   */
  private async outcomeOf(value: unknown, silent: boolean): Promise<ExecuteOutcome> {
    try {
      // A cell ending in `display(x)`: its output is that display, not the promise it returned.
      if (isRendering(value)) await this.untilInterrupted(value.then(() => (value = undefined)));
      const failed = await this.untilInterrupted(this.output.finishCell());
      if (failed) return { status: "error", ...runtimeError(failed.error, this.cells) };
      if (value === undefined || silent) return { status: "ok" };
      return { status: "ok", result: await this.untilInterrupted(Promise.resolve(renderValue(value))) };
    } catch (e) {
      if (e instanceof InterruptedError) return interrupted(e);
      return { status: "error", ...runtimeError(e, this.cells) };
    }
  }

  /** `work`, or an InterruptedError as soon as the cell is interrupted. */
  private untilInterrupted<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.abortWait = reject;
      work.then(resolve, reject);
    }).finally(() => (this.abortWait = null));
  }

  async userExpressions(expressions: Record<string, string>): Promise<Record<string, ExpressionResult>> {
    const results: Record<string, ExpressionResult> = {};
    for (const [name, expression] of Object.entries(expressions)) results[name] = await this.evaluate(expression);
    return results;
  }

  /** One user expression, checked against the session's declarations; it declares nothing. */
  private async evaluate(expression: string): Promise<ExpressionResult> {
    const name = `[expression ${++this.anonymousCells}]`;
    // Parenthesised, so only an expression compiles (as in ipykernel, where statements are SyntaxErrors).
    const source = `(${expression}\n)`;
    try {
      const compiled = await this.compiler.compile(this.contextFor(source), source);
      if (!compiled.ok) return { status: "error", ...compileError(name, source, compiled.diagnostics) };
      const { js, lastExpressionVar } = compiled.cell;
      this.cells.set(name, new CellLineMap(source.split("\n"), js.split("\n")));
      await this.loadPreludeUsedBy(js);
      await this.executor.run(js, name);
      const value = lastExpressionVar ? this.executor.take(lastExpressionVar) : undefined;
      return { status: "ok", metadata: {}, ...(await renderValue(value)) };
    } catch (e) {
      return { status: "error", ...runtimeError(e, this.cells) };
    }
  }

  private async page(target: string): Promise<ExecuteOutcome> {
    const info = await this.compiler.inspect(this.contextFor(target), target, target.length);
    const text = info ? [info.signature, info.documentation].filter(Boolean).join("\n\n") : `no information about ${target}`;
    return { status: "ok", payload: [{ source: "page", data: { "text/plain": text }, start: 0 }] };
  }

  /** The context, plus the declarations of prelude names `source` is first to mention (kept for later cells). */
  private contextFor(source: string): string {
    this.context += declarationsUsedBy([...this.prelude.values()], source, this.declaredOnUse);
    return this.context;
  }

  /** Heavy prelude names (tf, dfd, ...) load before the first cell that uses them runs. */
  private async loadPreludeUsedBy(js: string): Promise<void> {
    const used = [...this.prelude.keys()].filter((name) => new RegExp(`\\bexports\\.${name}\\b`).test(js));
    await Promise.all(used.map((name) => this.ensureLoaded(this.prelude.get(name)!)));
  }

  private ensureLoaded(entry: PreludeEntry): Promise<unknown> {
    let promise = this.loading.get(entry.name);
    if (!promise) {
      promise = Promise.resolve()
        .then(() => entry.load())
        .then((value) => (this.loadedValues.set(entry.name, value), value));
      this.loading.set(entry.name, promise);
      promise.catch(() => this.loading.delete(entry.name)); // a failed load may be retried by the next cell
    }
    return promise;
  }

  /** The getter behind a prelude name: loaded values, or a synchronous load for light entries. */
  private preludeValue(entry: PreludeEntry): unknown {
    if (this.loadedValues.has(entry.name)) return this.loadedValues.get(entry.name);
    const value = entry.load();
    if (value instanceof Promise) throw new Error(`${entry.name} is still loading; run the cell again`);
    this.loadedValues.set(entry.name, value);
    return value;
  }

  async complete(code: string, cursorPos: number): Promise<CompleteResult> {
    const typing = nameBeingTyped([...this.prelude.values()], code.slice(0, cursorPos));
    const c = await this.compiler.complete(this.contextFor(typing ? `${code}\n${typing}` : code), code, cursorPos);
    return { matches: c.candidates, cursor_start: c.start, cursor_end: c.end, metadata: {} };
  }

  async inspect(code: string, cursorPos: number): Promise<InspectResult> {
    const info = await this.compiler.inspect(this.contextFor(code), code, cursorPos);
    if (!info) return { found: false, data: {}, metadata: {} };
    const text = [info.signature, info.documentation].filter(Boolean).join("\n\n");
    return { found: true, data: { "text/plain": text, "text/markdown": "```typescript\n" + info.signature + "\n```\n\n" + info.documentation }, metadata: {} };
  }

  async isComplete(code: string): Promise<IsCompleteResult> {
    return this.compiler.isComplete(code);
  }

  interrupt(): void {
    if (this.executing) this.interruptRequested = true;
    this.abortWait?.(new InterruptedError());
    this.executor.interrupt();
  }

  async shutdown(): Promise<void> {
    this.output.flush();
    await this.compiler.close();
  }
}

function interrupted(e: InterruptedError): ExecuteOutcome {
  return { status: "error", ename: e.name, evalue: e.message, traceback: [`${e.name}: ${e.message}`] };
}
