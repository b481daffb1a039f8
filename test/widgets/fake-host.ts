/** A comm host without a kernel: records what widgets send, and delivers frontend messages. */
import { Comm, CommHost, CommMessage, setCommHost } from "../../src/display/comm";

export interface Sent {
  kind: "open" | "msg" | "close";
  commId: string;
  data: Record<string, any>;
  metadata: Record<string, unknown>;
  buffers: Uint8Array[];
}

export class FakeHost implements CommHost {
  readonly sent: Sent[] = [];
  readonly targets = new Map<string, (comm: Comm, message: CommMessage) => void>();
  private readonly handlers = new Map<string, { message?: (m: CommMessage) => unknown; close?: (m: CommMessage) => unknown }>();
  requestId: string | null = "request-1";

  static install(): FakeHost {
    const host = new FakeHost();
    setCommHost(host);
    return host;
  }

  open(targetName: string, data: Record<string, unknown>, options: { commId?: string; metadata?: Record<string, unknown>; buffers?: Uint8Array[] }): Comm {
    const commId = options.commId ?? `comm-${this.sent.length}`;
    this.sent.push({ kind: "open", commId, data: { target: targetName, ...data }, metadata: options.metadata ?? {}, buffers: options.buffers ?? [] });
    return this.comm(commId, targetName);
  }

  registerTarget(targetName: string, onOpen: (comm: Comm, message: CommMessage) => void): void {
    this.targets.set(targetName, onOpen);
  }

  unregisterTarget(targetName: string): void {
    this.targets.delete(targetName);
  }

  currentRequestId(): string | null {
    return this.requestId;
  }

  traceback(error: unknown): string[] {
    return [String(error)];
  }

  /** A message from the frontend; returns what the handler returned (a promise for async observers). */
  deliver(commId: string, data: Record<string, unknown>, buffers: Uint8Array[] = []): unknown {
    return this.handlers.get(commId)?.message?.({ data, metadata: {}, buffers });
  }

  /** The frontend opens a comm to a registered target. */
  frontendOpen(targetName: string, commId: string, metadata: Record<string, unknown> = {}): void {
    this.targets.get(targetName)!(this.comm(commId, targetName), { data: {}, metadata, buffers: [] });
  }

  /** Messages sent on one comm since `from`. */
  messages(commId: string, from = 0): Sent[] {
    return this.sent.slice(from).filter((s) => s.commId === commId && s.kind === "msg");
  }

  private comm(commId: string, targetName: string): Comm {
    const handlers: { message?: (m: CommMessage) => unknown; close?: (m: CommMessage) => unknown } = {};
    this.handlers.set(commId, handlers);
    let closed = false;
    return {
      id: commId,
      targetName,
      get closed() {
        return closed;
      },
      send: (data, options = {}) => void this.sent.push({ kind: "msg", commId, data, metadata: options.metadata ?? {}, buffers: options.buffers ?? [] }),
      close: (data = {}) => {
        closed = true;
        this.sent.push({ kind: "close", commId, data, metadata: {}, buffers: [] });
      },
      onMessage: (cb) => void (handlers.message = cb),
      onClose: (cb) => void (handlers.close = cb),
    };
  }
}
