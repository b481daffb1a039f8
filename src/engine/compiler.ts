/**
 * The cell compiler contract: TypeScript cell in, checked JavaScript out. tslab's converter
 * implements it today (in a worker thread, see tslab-compiler-worker.ts); anything that keeps
 * these semantics can replace it.
 */

export interface CellDiagnostic {
  /** 1-based line and column in the cell. */
  line: number;
  column: number;
  code: number;
  message: string;
}

export interface CompiledCell {
  /** CommonJS body: reads earlier cells' names from `exports`, writes its own there. */
  js: string;
  /** Declarations of every name defined so far, the context for the next cell. */
  declarations: string;
  /** Name under `exports` holding the value of the cell's last expression, if any. */
  lastExpressionVar?: string;
}

export type CompileResult = { ok: true; cell: CompiledCell } | { ok: false; diagnostics: CellDiagnostic[] };

export interface Completion {
  start: number;
  end: number;
  candidates: string[];
}

export interface QuickInfo {
  /** Signature or type, e.g. `(method) Math.max(...values: number[]): number`. */
  signature: string;
  documentation: string;
}

export type Completeness = { status: "complete" | "invalid" } | { status: "incomplete"; indent: string };

export interface CellCompiler {
  /** `context` is the `declarations` of the last executed cell ("" at first). */
  compile(context: string, source: string): Promise<CompileResult>;
  complete(context: string, source: string, position: number): Promise<Completion>;
  inspect(context: string, source: string, position: number): Promise<QuickInfo | null>;
  isComplete(source: string): Promise<Completeness>;
  /** The TypeScript version that checks cells. */
  readonly typescriptVersion: string;
  close(): Promise<void>;
}
