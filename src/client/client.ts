/**
 * A Jupyter client over ZeroMQ: the one the notebook runner and the protocol tests use.
 * Sends signed requests, matches replies and iopub messages to their request by parent msg_id,
 * and answers input_request through a callback. Every failure (a send that fails, a socket that
 * breaks, an input callback that throws) rejects the request it belongs to, never the process:
 * a runner survives a kernel that dies at any moment.
 */
import { randomUUID } from "node:crypto";
import * as zmq from "zeromq";
import { ConnectionInfo, endpoint } from "../kernel/connection";
import { SerialSender } from "../kernel/serial-sender";
import { Content, Message, Signer, decode, encode, newHeader } from "../kernel/wire";

export type RequestChannel = "shell" | "control";

export interface ExecuteOptions {
  silent?: boolean;
  storeHistory?: boolean;
  stopOnError?: boolean;
  /** Answers input()/password() in the cell; without it, allow_stdin is false. */
  onInput?: (prompt: string, password: boolean) => string | Promise<string>;
  /** Sees each iopub message of this execution as it arrives. */
  onOutput?: (msg: Message) => void;
  /** Rejects with ExecuteTimeout after this long (the kernel keeps running the cell). */
  timeoutMs?: number;
  /** Evaluated after the cell; their results are in the reply's `user_expressions`. */
  userExpressions?: Record<string, string>;
  /** How long to wait for iopub's idle once the reply came (nbclient's iopub_timeout); default 10 s. */
  idleAfterReplyMs?: number;
}

export interface ExecuteResult {
  reply: Message;
  /** iopub messages of the request, in order, without status and execute_input. */
  outputs: Message[];
  /**
   * The reply came but iopub's idle did not, within `idleAfterReplyMs`: ZeroMQ drops iopub
   * messages when a subscriber falls more than its high-water mark behind, so outputs may be missing.
   */
  idleMissing?: boolean;
}

/** nbclient waits 4 s by default; a loaded 2-core machine needs more. */
const IDLE_AFTER_REPLY_MS = 10_000;

export class ExecuteTimeout extends Error {
  constructor(readonly msgId: string, readonly outputs: Message[], ms: number) {
    super(`no reply within ${ms / 1000} s`);
  }
}

interface Waiter {
  /** `channel` is the socket the reply came in on. */
  onReply?: (msg: Message, channel: RequestChannel) => void;
  onIopub?: (msg: Message) => void;
  onStdin?: (msg: Message) => void;
  /** Called when the client closes first: stop timers, reject. */
  onClose: (error: Error) => void;
}

export class KernelClient {
  readonly session = randomUUID();
  private readonly signer: Signer;
  private readonly shell: zmq.Dealer;
  private readonly control: zmq.Dealer;
  private readonly stdin: zmq.Dealer;
  private readonly iopub = new zmq.Subscriber({ linger: 0 });
  private readonly senders: Record<"shell" | "control" | "stdin", SerialSender>;
  private readonly waiters = new Map<string, Waiter>();
  private readonly iopubListeners = new Set<(msg: Message) => void>();
  private closed = false;

  constructor(private readonly info: ConnectionInfo) {
    this.signer = new Signer(info.key, info.signature_scheme);
    // The kernel routes input_request to the shell peer's identity, so stdin shares it.
    const routingId = this.session.slice(0, 32);
    this.shell = new zmq.Dealer({ linger: 0, routingId });
    this.stdin = new zmq.Dealer({ linger: 0, routingId });
    this.control = new zmq.Dealer({ linger: 0 });
    this.senders = { shell: new SerialSender(this.shell), control: new SerialSender(this.control), stdin: new SerialSender(this.stdin) };
  }

  /** Connects every channel and waits until the kernel answers and iopub delivers. */
  static async connect(info: ConnectionInfo, timeoutMs = 30_000): Promise<KernelClient> {
    const client = new KernelClient(info);
    client.shell.connect(endpoint(info, "shell"));
    client.control.connect(endpoint(info, "control"));
    client.stdin.connect(endpoint(info, "stdin"));
    client.iopub.connect(endpoint(info, "iopub"));
    client.iopub.subscribe();
    for (const [socket, route] of [
      [client.shell, "shell"],
      [client.control, "control"],
      [client.stdin, "stdin"],
      [client.iopub, "iopub"],
    ] as const) {
      void client.listen(socket, route);
    }
    try {
      await client.waitForReady(timeoutMs);
    } catch (e) {
      client.close();
      throw e;
    }
    return client;
  }

  /** Sends a request; resolves with its reply, which must come back on the same channel. */
  request(channel: RequestChannel, msgType: string, content: Content = {}, timeoutMs = 30_000): Promise<Message> {
    const msg = this.message(msgType, content);
    const id = msg.header.msg_id;
    return new Promise((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        this.waiters.delete(id);
        reject(e);
      };
      const timer = setTimeout(() => fail(new Error(`${msgType}: no reply within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiters.set(id, {
        onReply: (reply, replyChannel) => {
          if (replyChannel !== channel) return fail(new Error(`${msgType} was sent on ${channel} but answered on ${replyChannel}`));
          clearTimeout(timer);
          this.waiters.delete(id);
          resolve(reply);
        },
        onClose: fail,
      });
      this.senders[channel].send(encode(msg, this.signer)).catch(fail);
    });
  }

  /**
   * Executes code; resolves once the reply arrived and the kernel went idle for it, or, if the
   * idle never comes (dropped on iopub), `idleAfterReplyMs` after the reply with `idleMissing`.
   */
  execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    const msg = this.message("execute_request", {
      code,
      silent: options.silent ?? false,
      store_history: options.storeHistory ?? !options.silent,
      user_expressions: options.userExpressions ?? {},
      allow_stdin: options.onInput !== undefined,
      stop_on_error: options.stopOnError ?? true,
    });
    const id = msg.header.msg_id;
    const outputs: Message[] = [];
    return new Promise((resolve, reject) => {
      let reply: Message | null = null;
      let idle = false;
      let idleWait: NodeJS.Timeout | undefined;
      const fail = (e: Error) => {
        clearTimeout(timer);
        clearTimeout(idleWait);
        this.waiters.delete(id);
        reject(e);
      };
      const finish = (idleMissing = false) => {
        if (!reply || !(idle || idleMissing)) return;
        clearTimeout(timer);
        clearTimeout(idleWait);
        this.waiters.delete(id);
        resolve(idleMissing ? { reply, outputs, idleMissing } : { reply, outputs });
      };
      const replied = (r: Message) => {
        reply = r;
        if (!idle) idleWait = setTimeout(() => finish(true), options.idleAfterReplyMs ?? IDLE_AFTER_REPLY_MS);
        finish();
      };
      const timer = options.timeoutMs ? setTimeout(() => fail(new ExecuteTimeout(id, outputs, options.timeoutMs!)), options.timeoutMs) : undefined;
      this.waiters.set(id, {
        onClose: fail,
        onReply: (r, channel) => (channel === "shell" ? replied(r) : fail(new Error(`execute_request answered on ${channel}`))),
        onIopub: (m) => {
          if (m.header.msg_type === "status") {
            idle ||= m.content.execution_state === "idle";
            return finish();
          }
          if (m.header.msg_type === "execute_input") return;
          outputs.push(m);
          options.onOutput?.(m);
        },
        onStdin: (m) => this.answerInput(m, options.onInput).catch(fail),
      });
      this.senders.shell.send(encode(msg, this.signer)).catch(fail);
    });
  }

  /**
   * Sends a shell message that has no reply (comm_open, comm_msg, comm_close: what a widget
   * frontend sends); resolves with the iopub messages it caused once the kernel is idle again.
   */
  notify(msgType: string, content: Content, options: { buffers?: Uint8Array[]; metadata?: Record<string, unknown>; timeoutMs?: number } = {}): Promise<Message[]> {
    const msg = this.message(msgType, content);
    msg.metadata = options.metadata ?? {};
    msg.buffers = (options.buffers ?? []).map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    const id = msg.header.msg_id;
    const outputs: Message[] = [];
    const timeoutMs = options.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        this.waiters.delete(id);
        reject(e);
      };
      const timer = setTimeout(() => fail(new Error(`${msgType}: the kernel did not go idle within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiters.set(id, {
        onClose: fail,
        onIopub: (m) => {
          if (m.header.msg_type !== "status") return void outputs.push(m);
          if (m.content.execution_state !== "idle") return;
          clearTimeout(timer);
          this.waiters.delete(id);
          resolve(outputs);
        },
      });
      this.senders.shell.send(encode(msg, this.signer)).catch(fail);
    });
  }

  /** Answers an input_request; a callback that throws still unblocks the kernel (with ""), then fails the request. */
  private async answerInput(request: Message, onInput: ExecuteOptions["onInput"]): Promise<void> {
    const { prompt, password } = request.content as { prompt: string; password: boolean };
    let value = "";
    let failure: unknown;
    try {
      value = onInput ? await onInput(prompt, password) : "";
    } catch (e) {
      failure = e;
    }
    const answer = this.message("input_reply", { value });
    answer.parent_header = request.header;
    await this.senders.stdin.send(encode(answer, this.signer));
    if (failure !== undefined) throw failure;
  }

  /** Sends frames as they are (tests of malformed input). */
  sendRaw(channel: "shell" | "control" | "stdin", frames: Buffer[]): Promise<void> {
    return this.senders[channel].send(frames);
  }

  /** A signed message, for callers that need to tamper with it before `sendRaw`. */
  encode(msgType: string, content: Content): { msg: Message; frames: Buffer[] } {
    const msg = this.message(msgType, content);
    return { msg, frames: encode(msg, this.signer) };
  }

  onIopub(listener: (msg: Message) => void): () => void {
    this.iopubListeners.add(listener);
    return () => this.iopubListeners.delete(listener);
  }

  /** True when the heartbeat echoes within the timeout. */
  async heartbeat(timeoutMs = 1000): Promise<boolean> {
    const hb = new zmq.Request({ linger: 0, receiveTimeout: timeoutMs, sendTimeout: timeoutMs });
    hb.connect(endpoint(this.info, "hb"));
    try {
      await hb.send("ping");
      const [echo] = await hb.receive();
      return echo.toString() === "ping";
    } catch {
      return false;
    } finally {
      hb.close();
    }
  }

  /** Closes the sockets; requests still waiting for the kernel are rejected. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiters.values()) waiter.onClose(new Error("the client was closed before the kernel answered"));
    this.waiters.clear();
    for (const socket of [this.shell, this.control, this.stdin, this.iopub]) socket.close();
  }

  private message(msgType: string, content: Content): Message {
    return { identities: [], header: newHeader(msgType, this.session, "tsdl-client"), parent_header: {}, metadata: {}, content, buffers: [] };
  }

  /** Never rejects: a socket that breaks fails every request still waiting. */
  private async listen(socket: zmq.Dealer | zmq.Subscriber, route: RequestChannel | "stdin" | "iopub"): Promise<void> {
    try {
      for await (const frames of socket) {
        const msg = this.parse(frames);
        if (msg) this.route(msg, route);
      }
    } catch (e) {
      if (this.closed) return;
      for (const waiter of [...this.waiters.values()]) waiter.onClose(new Error(`the ${route} socket failed: ${(e as Error)?.message ?? e}`));
    }
  }

  /** A callback that throws (onOutput, an iopub listener) fails its own request; the socket keeps listening. */
  private route(msg: Message, route: RequestChannel | "stdin" | "iopub"): void {
    const waiter = this.waiters.get((msg.parent_header as { msg_id?: string }).msg_id ?? "");
    try {
      if (route === "iopub") {
        for (const listener of this.iopubListeners) listener(msg);
        waiter?.onIopub?.(msg);
      } else if (route === "stdin") waiter?.onStdin?.(msg);
      else waiter?.onReply?.(msg, route);
    } catch (e) {
      waiter?.onClose(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Messages that are not well-formed, signed Jupyter messages are ignored. */
  private parse(frames: Buffer[]): Message | null {
    try {
      return decode(frames, this.signer);
    } catch {
      return null;
    }
  }

  /** Repeats kernel_info until its reply and an iopub status for it arrive (the "slow joiner" of SUB). */
  private async waitForReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const msg = this.message("kernel_info_request", {});
      const heard = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 500);
        this.waiters.set(msg.header.msg_id, {
          onIopub: () => {
            clearTimeout(timer);
            resolve(true);
          },
          onClose: () => (clearTimeout(timer), resolve(false)),
        });
      });
      this.senders.shell.send(encode(msg, this.signer)).catch(() => undefined); // retried until the deadline
      const ok = await heard;
      this.waiters.delete(msg.header.msg_id);
      if (ok) return;
    }
    throw new Error(`kernel did not answer within ${timeoutMs / 1000} s`);
  }
}
