/**
 * What the protocol layer needs from a language: everything TypeScript-specific lives behind
 * this interface (implemented in src/engine/), so the kernel never knows what it runs.
 */

/** A MIME bundle with optional metadata, as display_data/execute_result carry it. */
export interface Output {
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** The channel back to the frontend for one request (an execute_request, or a comm message). */
export interface KernelIO {
  /** msg_id of the request this output answers (null: output of no request). */
  readonly requestId: string | null;
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

/** One user_expressions entry of an execute_reply: the value's MIME bundle, or its error. */
export type ExpressionResult = ({ status: "ok" } & Output) | ({ status: "error" } & ErrorContent);

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

/** What a comm message carries besides its comm_id (Jupyter's comm_open / comm_msg / comm_close). */
export interface CommPayload {
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  buffers?: Uint8Array[];
}

/** One comm, opened by either side. Its owner sets the handlers; the kernel calls them. */
export interface Comm {
  readonly id: string;
  readonly targetName: string;
  /** True once either side closed it; sending then throws. */
  readonly closed: boolean;
  send(payload: CommPayload): void;
  close(payload?: CommPayload): void;
  /** A comm_msg from the frontend; `io` answers that message (its output, its parent header). */
  onMessage: ((payload: CommPayload, io: KernelIO) => void) | null;
  /** The frontend closed the comm. */
  onClose: ((payload: CommPayload, io: KernelIO) => void) | null;
}

/** A comm_open from the frontend on a registered target. */
export type CommTargetHandler = (comm: Comm, payload: CommPayload, io: KernelIO) => void;

/**
 * The kernel's comms, offered to the language. Messages the kernel sends have the last shell
 * request as parent (as ipykernel's comms do), so an update sent while a frontend message is
 * handled is a reply to it.
 */
export interface KernelComms {
  registerTarget(name: string, handler: CommTargetHandler): void;
  unregisterTarget(name: string): void;
  /** Opens a comm from the kernel side (comm_open on iopub); `commId` defaults to a fresh uuid. */
  open(targetName: string, payload?: CommPayload, commId?: string): Comm;
}

export interface Language {
  info(): LanguageInfo;
  execute(request: ExecuteRequest, io: KernelIO): Promise<ExecuteOutcome>;
  complete(code: string, cursorPos: number): Promise<CompleteResult>;
  inspect(code: string, cursorPos: number, detailLevel: number): Promise<InspectResult>;
  isComplete(code: string): Promise<IsCompleteResult>;
  /** Evaluates each expression after a cell ran (execute_request's user_expressions); never throws. */
  userExpressions(expressions: Record<string, string>): Promise<Record<string, ExpressionResult>>;
  /** Ends the running cell with an error (called from the main event loop). */
  interrupt(): void;
  /** Where output that belongs to no request (late timers, rejections) goes. */
  setFallbackIO(io: KernelIO): void;
  /** Gives the language the kernel's comms (called once, before the first request). */
  setComms(comms: KernelComms): void;
  shutdown(): Promise<void>;
}
