/**
 * The Jupyter kernel: sockets, one table from msg_type to handler, busy/idle around every request,
 * the execute queue with stop_on_error, stdin round-trips. Language-agnostic: it talks to a
 * `Language` and never looks inside code or values. Every reply goes out on the socket its
 * request came in on; shell requests run one at a time, and so do control requests.
 */
import { randomUUID } from "node:crypto";
import { writeSync } from "node:fs";
import { Worker } from "node:worker_threads";
import * as zmq from "zeromq";
import { CommMessageType, CommRegistry } from "./comms";
import { ConnectionInfo, endpoint } from "./connection";
import { codePointOfIndex, indexOfCodePoint } from "./cursor";
import { History } from "./history";
import { CommPayload, ExecuteOutcome, KernelIO, Language } from "./language";
import { SerialSender } from "./serial-sender";
import { MainToSentinel, SentinelToMain, SHARED_CELL_RUNNING, SHARED_PING_ACKS, SHARED_SENTINEL_CLOSED, SHARED_SLOTS } from "./sentinel-protocol";
import { Content, MAX_MESSAGE_BYTES, Message, PROTOCOL_VERSION, Signer, WireError, decode, encode, newHeader, replyTo } from "./wire";

type Channel = "shell" | "control";
type Handler = (msg: Message, channel: Channel) => Promise<void>;

export interface KernelSettings {
  /**
   * After a failed execute (stop_on_error), execute requests that arrive within this many
   * milliseconds are aborted too: they were sent before the client saw the error (a "Run all"
   * whose frames are still in flight). ipykernel's `stop_on_error_timeout`.
   */
  stopOnErrorTimeoutMs: number;
  /** shutdown_request: the longest the kernel spends closing before its process must end. */
  shutdownDeadlineMs: number;
}

export const DEFAULT_SETTINGS: KernelSettings = { stopOnErrorTimeoutMs: 5, shutdownDeadlineMs: 1000 };

export function log(text: string): void {
  // fd 2 directly: process.stderr may be redirected into a cell's output by the engine.
  try {
    writeSync(2, `[tsdl] ${text}\n`);
  } catch {
    // stderr may be a non-blocking pipe that nobody reads fast enough (EAGAIN) or closed (EPIPE).
    // The line is lost; throwing here would end the receive loop that logged it (a deaf kernel).
  }
}

export class Kernel {
  private readonly signer: Signer;
  /** The kernel's own session id, for messages that answer no request. */
  private readonly session = randomUUID();
  private readonly shell = new zmq.Router({ linger: 0, maxMessageSize: MAX_MESSAGE_BYTES });
  private readonly stdin = new zmq.Router({ linger: 0, maxMessageSize: MAX_MESSAGE_BYTES });
  private readonly iopub = new zmq.Publisher({ linger: 0 });
  private readonly out: Record<"shell" | "stdin" | "iopub", SerialSender>;
  private readonly shared = new Int32Array(new SharedArrayBuffer(SHARED_SLOTS * 4));
  private sentinel!: Worker;
  private sentinelRunning = false;
  private readonly queue: Message[] = [];
  private wakeProcessor: (() => void) | null = null;
  private readonly pendingInput = new Map<string, (value: string) => void>();
  private executionCount = 0;
  private readonly history = new History();
  readonly comms = new CommRegistry((type, content, payload) => this.publishComm(type, content, payload));
  /** The shell request handled last: the parent of comm messages the kernel sends (as ipykernel). */
  private lastShellRequest: Message | null = null;
  private readonly handlers: Record<string, Handler>;
  private readonly settings: KernelSettings;
  /** Control requests are handled one after another, each after the previous one's reply. */
  private controlQueue: Promise<void> = Promise.resolve();
  private closing = false;
  private exited!: Promise<void>;
  private resolveExited!: () => void;

  constructor(private readonly info: ConnectionInfo, private readonly language: Language, settings: Partial<KernelSettings> = {}) {
    this.signer = new Signer(info.key, info.signature_scheme);
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.out = { shell: new SerialSender(this.shell), stdin: new SerialSender(this.stdin), iopub: new SerialSender(this.iopub) };
    this.handlers = {
      kernel_info_request: (m, c) => this.kernelInfo(m, c),
      execute_request: (m, c) => this.execute(m, c),
      complete_request: (m, c) => this.complete(m, c),
      inspect_request: (m, c) => this.inspect(m, c),
      is_complete_request: (m, c) => this.isComplete(m, c),
      history_request: (m, c) => this.historyRequest(m, c),
      comm_info_request: (m, c) => this.commInfo(m, c),
      comm_open: (m) => this.commOpen(m),
      comm_msg: (m) => this.commMessage(m),
      comm_close: (m) => this.commClose(m),
      shutdown_request: (m, c) => this.shutdownRequest(m, c),
      // On control the sentinel answers it (see onSentinel); on shell, enqueue does, on arrival.
      interrupt_request: async () => undefined,
    };
  }

  /** Binds every socket; resolves once the kernel answers on all channels. */
  async start(): Promise<void> {
    this.exited = new Promise((r) => (this.resolveExited = r));
    await Promise.all([
      this.shell.bind(endpoint(this.info, "shell")),
      this.stdin.bind(endpoint(this.info, "stdin")),
      this.iopub.bind(endpoint(this.info, "iopub")),
      this.startSentinel(),
    ]);
    this.language.setFallbackIO(this.ioFor(null));
    this.language.setComms(this.comms);
    process.once("exit", () => this.closeSocketsAtExit());
    void this.receive(this.shell, (frames) => this.enqueue(frames));
    void this.receive(this.stdin, (frames) => this.onStdin(frames));
    void this.processShell();
    // Tell frontends that connect late (and the runner) the kernel is alive.
    this.publish(null, "status", { execution_state: "starting" });
  }

  /** Resolves when a shutdown_request has been handled and every socket is closed. */
  whenExited(): Promise<void> {
    return this.exited;
  }

  private startSentinel(): Promise<void> {
    this.sentinel = new Worker(require.resolve("./sentinel"), { workerData: { info: this.info, shared: this.shared.buffer } });
    this.sentinel.on("error", (e) => log(`sentinel crashed: ${e.stack ?? e}`));
    this.sentinel.on("exit", () => (this.sentinelRunning = false));
    return new Promise((resolve) => {
      this.sentinel.on("message", (msg: SentinelToMain) => {
        if (msg.type !== "ready") return this.onSentinel(msg);
        this.sentinelRunning = true;
        resolve();
      });
    });
  }

  private onSentinel(msg: SentinelToMain): void {
    switch (msg.type) {
      case "ping":
        Atomics.add(this.shared, SHARED_PING_ACKS, 1);
        Atomics.notify(this.shared, SHARED_PING_ACKS);
        break;
      case "interrupt":
        this.publish(msg.request, "status", { execution_state: "busy" });
        this.language.interrupt();
        this.publish(msg.request, "status", { execution_state: "idle" });
        break;
      case "control": {
        const frames = msg.frames.map((f) => Buffer.from(f));
        this.controlQueue = this.controlQueue.then(() => this.dispatch(frames, "control"));
        break;
      }
    }
  }

  private async receive(socket: zmq.Router, onFrames: (frames: Buffer[]) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        // One message that breaks its handler must not end the loop for all later ones.
        try {
          onFrames(frames);
        } catch (e) {
          log(`failed to take a message: ${(e as Error)?.stack ?? e}`);
        }
      }
    } catch (e) {
      if (!this.closing) log(`receive loop ended: ${e}`);
    }
  }

  private parse(frames: Buffer[], channel: string): Message | null {
    try {
      return decode(frames, this.signer);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      log(`dropped a message on ${channel}: ${e.message}`);
      return null;
    }
  }

  private enqueue(frames: Buffer[]): void {
    const msg = this.parse(frames, "shell");
    if (!msg) return;
    // An interrupt waits for nothing: queued behind the cell it means to stop, it would be useless.
    if (msg.header.msg_type === "interrupt_request") return this.interruptFromShell(msg);
    this.queue.push(msg);
    this.wakeProcessor?.();
  }

  /** interrupt_request on shell (before protocol 5.3 it had no control channel): stop what runs now, and reply. */
  private interruptFromShell(msg: Message): void {
    this.publish(msg, "status", { execution_state: "busy" });
    this.language.interrupt();
    this.reply(msg, "shell", "interrupt_reply", { status: "ok" });
    this.publish(msg, "status", { execution_state: "idle" });
  }

  /** Shell requests run one at a time, in arrival order. */
  private async processShell(): Promise<void> {
    while (!this.closing) {
      const msg = this.queue.shift();
      if (!msg) {
        await new Promise<void>((r) => (this.wakeProcessor = r));
        this.wakeProcessor = null;
        continue;
      }
      await this.handle(msg, "shell");
    }
  }

  private async dispatch(frames: Buffer[], channel: Channel): Promise<void> {
    const msg = this.parse(frames, channel);
    if (msg) await this.handle(msg, channel);
  }

  private async handle(msg: Message, channel: Channel): Promise<void> {
    // Own properties only: a signed msg_type such as "constructor" or "toString" must not reach Object.prototype.
    const handler = Object.hasOwn(this.handlers, msg.header.msg_type) ? this.handlers[msg.header.msg_type] : undefined;
    if (!handler) {
      log(`ignored unknown message type ${JSON.stringify(msg.header.msg_type).slice(0, 80)} on ${channel}`);
      return;
    }
    this.publish(msg, "status", { execution_state: "busy" });
    if (channel === "shell") this.lastShellRequest = msg;
    try {
      await handler(msg, channel);
    } catch (e) {
      log(`handler for ${msg.header.msg_type} failed: ${(e as Error)?.stack ?? e}`);
    } finally {
      this.publish(msg, "status", { execution_state: "idle" });
    }
  }

  private reply(request: Message, channel: Channel, msgType: string, content: Content): void {
    const frames = encode(replyTo(request, msgType, content), this.signer);
    if (channel === "control") this.postToSentinel({ type: "send", frames });
    else this.send("shell", frames);
  }

  /** A failed send is logged; it never blocks later sends nor ends the kernel. */
  private send(socket: keyof Kernel["out"], frames: Buffer[]): void {
    this.out[socket].send(frames).catch((e) => log(`${socket} send failed: ${e}`));
  }

  private postToSentinel(msg: MainToSentinel): void {
    this.sentinel.postMessage(msg);
  }

  /** Broadcasts on iopub; `parent` null for output that belongs to no request. */
  publish(parent: Message | null, msgType: string, content: Content, metadata: Record<string, unknown> = {}, buffers: Buffer[] = []): void {
    const msg: Message = {
      identities: [Buffer.from(msgType)],
      header: newHeader(msgType, parent?.header.session ?? this.session),
      parent_header: parent?.header ?? {},
      metadata,
      content,
      buffers,
    };
    this.send("iopub", encode(msg, this.signer));
  }

  // ---- handlers -------------------------------------------------------------------------

  private async kernelInfo(msg: Message, channel: Channel): Promise<void> {
    this.reply(msg, channel, "kernel_info_reply", { status: "ok", protocol_version: PROTOCOL_VERSION, ...this.language.info() });
  }

  private async execute(msg: Message, channel: Channel): Promise<void> {
    const code = String(msg.content.code ?? "");
    const silent = Boolean(msg.content.silent);
    const storeHistory = !silent && msg.content.store_history !== false;
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.publish(msg, "execute_input", { code, execution_count: count });
    if (storeHistory) this.history.add(count, code);

    const outcome = await this.runCell(msg, { code, silent, storeHistory, executionCount: count });
    if (outcome.status === "ok") {
      if (outcome.result && !silent) {
        this.publish(msg, "execute_result", { execution_count: count, data: outcome.result.data, metadata: outcome.result.metadata ?? {} });
        if (storeHistory) this.history.setOutput(count, String(outcome.result.data["text/plain"] ?? ""));
      }
      const userExpressions = await this.userExpressions(msg.content.user_expressions);
      this.reply(msg, channel, "execute_reply", { status: "ok", execution_count: count, payload: outcome.payload ?? [], user_expressions: userExpressions });
      return;
    }
    const error = { ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback };
    if (!silent) this.publish(msg, "error", error);
    // ipykernel's rule: a silent request's failure aborts nothing.
    if (!silent && msg.content.stop_on_error !== false) await this.abortQueuedExecutes();
    // As ipykernel: after an error, user_expressions are not evaluated.
    this.reply(msg, channel, "execute_reply", { status: "error", execution_count: count, ...error, payload: [], user_expressions: {} });
  }

  /** Each expression's MIME bundle or error, evaluated after the cell (content.user_expressions). */
  private async userExpressions(requested: unknown): Promise<Record<string, unknown>> {
    if (requested === undefined || requested === null) return {};
    if (typeof requested !== "object" || Array.isArray(requested)) {
      log("execute_request: user_expressions is not an object; none evaluated");
      return {};
    }
    const expressions: Record<string, string> = {};
    const invalid: Record<string, unknown> = {};
    for (const [name, expression] of Object.entries(requested)) {
      if (typeof expression === "string") expressions[name] = expression;
      else invalid[name] = { status: "error", ename: "TypeError", evalue: `user expression ${JSON.stringify(name)} is not a string`, traceback: [] };
    }
    return { ...(await this.language.userExpressions(expressions)), ...invalid };
  }

  private async runCell(msg: Message, request: Parameters<Language["execute"]>[0]): Promise<ExecuteOutcome> {
    Atomics.store(this.shared, SHARED_CELL_RUNNING, 1);
    try {
      return await this.language.execute(request, this.ioFor(msg));
    } finally {
      Atomics.store(this.shared, SHARED_CELL_RUNNING, 0);
    }
  }

  /**
   * After a failed cell, requests that were already sent (queued here or still in the socket)
   * are aborted, as ipykernel does; requests sent later run normally.
   */
  private async abortQueuedExecutes(): Promise<void> {
    // Let frames already in the socket reach the queue.
    await new Promise((r) => setTimeout(r, this.settings.stopOnErrorTimeoutMs));
    const keep: Message[] = [];
    for (const queued of this.queue.splice(0)) {
      if (queued.header.msg_type === "execute_request") {
        this.publish(queued, "status", { execution_state: "busy" });
        this.reply(queued, "shell", "execute_reply", { status: "aborted", execution_count: this.executionCount });
        this.publish(queued, "status", { execution_state: "idle" });
      } else keep.push(queued);
    }
    this.queue.push(...keep);
  }

  /**
   * complete and inspect take any cursor_pos (missing, negative, past the end, not a number):
   * it is clamped into the code. If the language still fails, the reply says so (status error).
   */
  private async complete(msg: Message, channel: Channel): Promise<void> {
    const code = String(msg.content.code ?? "");
    const content = await this.orError("complete", async () => {
      const result = await this.language.complete(code, indexOfCodePoint(code, msg.content.cursor_pos));
      return { status: "ok", ...result, cursor_start: codePointOfIndex(code, result.cursor_start), cursor_end: codePointOfIndex(code, result.cursor_end) };
    });
    this.reply(msg, channel, "complete_reply", content);
  }

  private async inspect(msg: Message, channel: Channel): Promise<void> {
    const code = String(msg.content.code ?? "");
    const detail = Number(msg.content.detail_level ?? 0) || 0;
    const content = await this.orError("inspect", async () => ({ status: "ok", ...(await this.language.inspect(code, indexOfCodePoint(code, msg.content.cursor_pos), detail)) }));
    this.reply(msg, channel, "inspect_reply", content);
  }

  private async orError(what: string, answer: () => Promise<Content>): Promise<Content> {
    try {
      return await answer();
    } catch (e) {
      log(`${what} failed: ${(e as Error)?.stack ?? e}`);
      const error = e as Error;
      return { status: "error", ename: error?.name ?? "Error", evalue: String(error?.message ?? e), traceback: [] };
    }
  }

  private async isComplete(msg: Message, channel: Channel): Promise<void> {
    this.reply(msg, channel, "is_complete_reply", { ...(await this.language.isComplete(String(msg.content.code ?? ""))) });
  }

  private async historyRequest(msg: Message, channel: Channel): Promise<void> {
    this.reply(msg, channel, "history_reply", { status: "ok", history: this.history.query(msg.content) });
  }

  private async commInfo(msg: Message, channel: Channel): Promise<void> {
    const target = msg.content.target_name as string | undefined;
    this.reply(msg, channel, "comm_info_reply", { status: "ok", comms: this.comms.list(target) });
  }

  /**
   * Comm messages run the language's callbacks: while they do, an interrupt may stop them, as it
   * stops a cell (the sentinel interrupts only while this flag is set).
   */
  private runningUserCode<T>(dispatch: () => T): T {
    Atomics.store(this.shared, SHARED_CELL_RUNNING, 1);
    try {
      return dispatch();
    } finally {
      Atomics.store(this.shared, SHARED_CELL_RUNNING, 0);
    }
  }

  private async commOpen(msg: Message): Promise<void> {
    const commId = String(msg.content.comm_id);
    const targetName = String(msg.content.target_name);
    if (!this.runningUserCode(() => this.comms.opened(commId, targetName, commPayload(msg), this.ioFor(msg)))) {
      log(`no comm target named ${JSON.stringify(targetName)}; closing comm ${commId}`);
      this.publish(msg, "comm_close", { comm_id: commId, data: {} });
    }
  }

  private async commMessage(msg: Message): Promise<void> {
    const commId = String(msg.content.comm_id);
    if (!this.runningUserCode(() => this.comms.message(commId, commPayload(msg), this.ioFor(msg)))) log(`comm_msg for unknown comm ${JSON.stringify(commId).slice(0, 80)}: ignored`);
  }

  private async commClose(msg: Message): Promise<void> {
    const commId = String(msg.content.comm_id);
    if (!this.runningUserCode(() => this.comms.closed(commId, commPayload(msg), this.ioFor(msg)))) log(`comm_close for unknown comm ${JSON.stringify(commId).slice(0, 80)}: ignored`);
  }

  private publishComm(msgType: CommMessageType, content: Content, payload: CommPayload): void {
    const buffers = (payload.buffers ?? []).map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    this.publish(this.lastShellRequest, msgType, content, payload.metadata ?? {}, buffers);
  }

  /**
   * With restart true or false the kernel ends: its process exits and the manager starts a new
   * one if it asked for a restart (what jupyter_client does).
   */
  private async shutdownRequest(msg: Message, channel: Channel): Promise<void> {
    const restart = Boolean(msg.content.restart);
    this.reply(msg, channel, "shutdown_reply", { status: "ok", restart });
    this.publish(msg, "shutdown_reply", { status: "ok", restart });
    setImmediate(() => void this.close());
  }

  /** Closes everything within `shutdownDeadlineMs`, whatever the language or the sentinel do. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const languageDone = this.language.shutdown().catch((e) => log(`language shutdown: ${e}`));
    const sentinelClosed = new Promise<void>((r) => this.sentinel.once("exit", () => r()));
    this.postToSentinel({ type: "close" });
    const flushed = Promise.all(Object.values(this.out).map((o) => o.flushed()));
    await Promise.race([Promise.all([languageDone, sentinelClosed, flushed]), delay(this.settings.shutdownDeadlineMs)]);
    this.wakeProcessor?.();
    for (const socket of [this.shell, this.stdin, this.iopub]) socket.close();
    this.resolveExited();
  }

  /**
   * A cell may end the process (`process.exit(3)`). ZeroMQ aborts a process that exits with
   * sockets open, which would turn the cell's exit code into SIGABRT, so every socket is closed
   * here, synchronously; the sentinel closes its own while this thread waits for its flag.
   */
  private closeSocketsAtExit(): void {
    if (this.sentinelRunning) {
      this.postToSentinel({ type: "closeNow" });
      Atomics.wait(this.shared, SHARED_SENTINEL_CLOSED, 0, 1000);
    }
    for (const socket of [this.shell, this.stdin, this.iopub]) socket.close();
  }

  // ---- io for one request ----------------------------------------------------------------

  /** The frontend channel for output of `request` (or of no request: parentless broadcasts). */
  private ioFor(request: Message | null): KernelIO {
    return {
      requestId: request?.header.msg_id ?? null,
      stream: (name, text) => this.publish(request, "stream", { name, text }),
      display: (output, { displayId, update }) => {
        const transient = displayId ? { display_id: displayId } : {};
        this.publish(request, update ? "update_display_data" : "display_data", { data: output.data, metadata: output.metadata ?? {}, transient });
      },
      clearOutput: (wait) => this.publish(request, "clear_output", { wait }),
      input: (prompt, password) => this.requestInput(request, prompt, password),
    };
  }

  private requestInput(request: Message | null, prompt: string, password: boolean): Promise<string> {
    if (!request || !request.content.allow_stdin) {
      return Promise.reject(new Error("input() is not available: this frontend does not support stdin (allow_stdin is false)"));
    }
    const ask = replyTo(request, "input_request", { prompt, password });
    return new Promise((resolve) => {
      this.pendingInput.set(ask.header.msg_id, resolve);
      this.send("stdin", encode(ask, this.signer));
    });
  }

  private onStdin(frames: Buffer[]): void {
    const msg = this.parse(frames, "stdin");
    if (!msg || msg.header.msg_type !== "input_reply") return;
    // jupyter_client sends input_reply without a parent header: then it answers the oldest request.
    const parentId = (msg.parent_header as { msg_id?: string }).msg_id;
    const key = parentId && this.pendingInput.has(parentId) ? parentId : this.pendingInput.keys().next().value;
    if (key === undefined) return log("input_reply with no pending input_request: ignored");
    const resolve = this.pendingInput.get(key)!;
    this.pendingInput.delete(key);
    resolve(String(msg.content.value ?? ""));
  }
}

/** data, metadata and buffers of a comm message from the frontend. */
function commPayload(msg: Message): CommPayload {
  const data = msg.content.data;
  return { data: data && typeof data === "object" && !Array.isArray(data) ? (data as Content) : {}, metadata: msg.metadata, buffers: msg.buffers };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
