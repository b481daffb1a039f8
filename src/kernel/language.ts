/**
 * What the protocol layer needs from a language: everything TypeScript-specific lives behind
 * this interface (implemented in src/engine/), so the kernel never knows what it runs.
 */

/** A MIME bundle with optional metadata, as display_data/execute_result carry it. */
export interface Output {
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** The channel back to the frontend for one execute request. */
export interface KernelIO {
  stream(name: "stdout" | "stderr", text: string): void;
  display(output: Output, options: { displayId?: string; update?: boolean }): void;
  clearOutput(wait: boolean): void;
  /** Asks the frontend for a line of input over the stdin channel. */
  input(prompt: string, password: boolean): Promise<string>;
}

export interface ExecuteRequest {
  code: string;
  silent: boolean;
  storeHistory: boolean;
  executionCount: number;
}

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

export type ExecuteOutcome =
  | { status: "ok"; result?: Output; payload?: Record<string, unknown>[] }
  | ({ status: "error" } & ErrorContent);

export interface CompleteResult {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: Record<string, unknown>;
}

export interface InspectResult {
  found: boolean;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export type IsCompleteResult = { status: "complete" | "invalid" | "unknown" } | { status: "incomplete"; indent: string };

export interface LanguageInfo {
  implementation: string;
  implementation_version: string;
  language_info: Record<string, unknown> & { name: string; version: string; file_extension: string; mimetype: string };
  banner: string;
  help_links: { text: string; url: string }[];
}

export interface Language {
  info(): LanguageInfo;
  execute(request: ExecuteRequest, io: KernelIO): Promise<ExecuteOutcome>;
  complete(code: string, cursorPos: number): Promise<CompleteResult>;
  inspect(code: string, cursorPos: number, detailLevel: number): Promise<InspectResult>;
  isComplete(code: string): Promise<IsCompleteResult>;
  /** Ends the running cell with an error (called from the main event loop). */
  interrupt(): void;
  /** Where output that belongs to no request (late timers, rejections) goes. */
  setFallbackIO(io: KernelIO): void;
  shutdown(): Promise<void>;
}
