/**
 * Runs compiled cells. Every cell reads and writes one shared `exports` object (tslab's emit),
 * which is how declarations persist. A cell runs from its own setImmediate callback so that an
 * interrupt that terminates JavaScript (see kernel/sentinel.ts) unwinds only the cell's frames;
 * the cell's promise is then settled by `interrupt()`. Constructing one changes no global state:
 * several executors may live in one process (tests).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { types } from "node:util";
import { runInThisContext, Script } from "node:vm";

export class InterruptedError extends Error {
  constructor(message = "the cell was interrupted") {
    super(message);
    this.name = "Interrupted";
  }
}

/** Where a running script finds its executor's `exports` and `require`, for the moment it starts. */
const CELL_SCOPE = Symbol.for("tsdl.cellScope");
/** The global object cells run against (not this module's, when it was loaded inside a vm context, as jest does). */
const CELL_GLOBAL = runInThisContext("globalThis") as Record<symbol, unknown>;

export class Executor {
  /** Names defined by cells (and the prelude), shared by all cells. */
  readonly exports: Record<string, unknown>;
  private readonly target: Record<string, unknown> = {};
  private readonly require: NodeRequire;
  private readonly setScope: (scope: CellScope | undefined) => void;
  private abortCurrent: ((e: Error) => void) | null = null;

  /** `hardened`: no cell can take over the scope later cells start with (set while grading). */
  constructor(notebookDir: string, packageRoot: string, hardened = false) {
    this.exports = new Proxy(this.target, {
      // TypeScript emits named imports as getters; store values so later cells may reassign them.
      defineProperty: (target, name, attrs) => {
        if (name === "__esModule") return true;
        target[name as string] = attrs.get ? attrs.get() : attrs.value;
        return true;
      },
    });
    this.require = cellRequire(notebookDir, packageRoot);
    this.setScope = hardened ? lockedScopeSlot() : openScopeSlot;
  }

  /** Defines a name every cell sees, loaded on first use; a cell may still redeclare it, unless it is locked. */
  definePrelude(name: string, get: () => unknown, locked = false): void {
    if (locked) return this.defineLocked(name, get);
    Object.defineProperty(this.target, name, {
      configurable: true,
      enumerable: false,
      get,
      set: (value) => Object.defineProperty(this.target, name, { value, writable: true, configurable: true, enumerable: true }),
    });
  }

  /** A name no cell can rebind or delete: assignments are ignored, with a note in the cell's output. */
  private defineLocked(name: string, get: () => unknown): void {
    Object.defineProperty(this.target, name, {
      configurable: false,
      enumerable: false,
      get,
      set: (value) => {
        if (value !== undefined) console.warn(`note: "${name}" is the grading helper and cannot be redefined while grading; later cells use the real one`);
      },
    });
  }

  /**
   * Runs a cell; resolves when it (and its top-level awaits) finish. Cells always run as async
   * functions: top-level await needs it, and code before the first await still runs inside
   * runInThisContext, where breakOnSigint can stop a synchronous loop.
   */
  run(js: string, filename: string): Promise<void> {
    const scope = `globalThis[Symbol.for("tsdl.cellScope")]`;
    // The wrapper shares the first line with the cell so line numbers in stacks stay the cell's.
    const script = `(async function (exports, require) { ${js}\n})(${scope}.exports, ${scope}.require)`;
    return new Promise<void>((resolve, reject) => {
      this.abortCurrent = reject;
      setImmediate(() => {
        // The script reads its scope synchronously, before its first await: set only around that.
        this.setScope({ exports: this.exports, require: this.require });
        try {
          (runInThisContext(script, { filename, breakOnSigint: true }) as Promise<void>).then(() => resolve(), reject);
        } catch (e) {
          reject(isSigintBreak(e) ? new InterruptedError() : e);
        } finally {
          this.setScope(undefined);
        }
      });
    }).finally(() => (this.abortCurrent = null));
  }

  /** Ends the running cell now; its code may still be pending (an awaited promise that never settles). */
  interrupt(): void {
    this.abortCurrent?.(new InterruptedError());
  }

  take(name: string): unknown {
    const value = this.target[name];
    delete this.target[name];
    return value;
  }
}

interface CellScope {
  exports: Record<string, unknown>;
  require: NodeRequire;
}

function openScopeSlot(scope: CellScope | undefined): void {
  if (scope) CELL_GLOBAL[CELL_SCOPE] = scope;
  else delete CELL_GLOBAL[CELL_SCOPE];
}

/**
 * The scope's slot on the global as a property no cell can redefine, delete or assign: a cell
 * that defined its own getter there would hand every later cell (the tests, while grading) its
 * own `exports`. One per process; the kernel has one executor.
 */
function lockedScopeSlot(): (scope: CellScope | undefined) => void {
  let current: CellScope | undefined;
  Object.defineProperty(CELL_GLOBAL, CELL_SCOPE, { get: () => current, set: () => undefined, configurable: false, enumerable: false });
  return (scope) => (current = scope);
}

/** Where `runInterruptibly` puts the function for the moment its script calls it. */
const CALLBACK = Symbol.for("tsdl.callback");
const CALL_CALLBACK = new Script(`globalThis[Symbol.for("tsdl.callback")]()`, { filename: "[tsdl callback]" });

/**
 * Calls `fn` where an interrupt (SIGINT, sent by the sentinel) can stop a synchronous loop in it,
 * as in a cell: a frontend-driven callback (a widget's observer, interact's function) stuck in a
 * loop then throws an InterruptedError instead of hanging the kernel.
 */
export function runInterruptibly<T>(fn: () => T): T {
  const previous = CELL_GLOBAL[CALLBACK];
  CELL_GLOBAL[CALLBACK] = fn;
  try {
    return CALL_CALLBACK.runInThisContext({ breakOnSigint: true }) as T;
  } catch (e) {
    throw isSigintBreak(e) ? new InterruptedError("the callback was interrupted") : e;
  } finally {
    CELL_GLOBAL[CALLBACK] = previous;
  }
}

function isSigintBreak(e: unknown): boolean {
  return types.isNativeError(e) && (e as { code?: string }).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED";
}

/** `require` for cells: the notebook's folder first, then the kernel's own packages. */
function cellRequire(notebookDir: string, packageRoot: string): NodeRequire {
  const fromNotebook = createRequire(join(notebookDir, "[notebook]"));
  const fromKernel = createRequire(join(packageRoot, "[kernel]"));
  const require = ((id: string) => {
    try {
      return fromNotebook(id);
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_REQUIRE_ESM") throw esmNeedsNewerNode(id, e);
      if ((e as { code?: string }).code !== "MODULE_NOT_FOUND" || !isMissing(e, id)) throw e;
      return fromKernel(id);
    }
  }) as NodeRequire;
  return Object.assign(require, { resolve: fromNotebook.resolve, cache: fromNotebook.cache, main: undefined, extensions: fromNotebook.extensions });
}

/** Cells' imports become require(); an ES-module-only package loads that way from Node 20.19 / 22.12 on. */
function esmNeedsNewerNode(id: string, cause: unknown): Error {
  return new Error(`${id} is an ES module only; importing it from a cell needs Node 20.19 or later (this is ${process.version})`, { cause });
}

/** True when the failure is about `id` itself, not a module that `id` requires. */
function isMissing(e: unknown, id: string): boolean {
  return String((e as Error).message).includes(`'${id}'`) && (e as { requireStack?: string[] }).requireStack?.length === 1;
}
