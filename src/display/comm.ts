/**
 * Comms for cells and libraries (ipywidgets' transport): open a comm to a frontend target,
 * send and receive JSON with binary buffers, register targets the frontend opens comms to, close.
 * Like the display sink, the host is installed by the kernel's language; outside a kernel there
 * is none, and opening a comm says so.
 */

/** What one comm message carries: JSON data, optional metadata and binary buffers. */
export interface CommMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  buffers: Uint8Array[];
}

export interface CommSendOptions {
  metadata?: Record<string, unknown>;
  buffers?: Uint8Array[];
}

export interface Comm {
  readonly id: string;
  readonly targetName: string;
  readonly closed: boolean;
  send(data: Record<string, unknown>, options?: CommSendOptions): void;
  close(data?: Record<string, unknown>, options?: CommSendOptions): void;
  /** Called for each message from the frontend (replaces an earlier callback). */
  onMessage(callback: (message: CommMessage) => void): void;
  /** Called when the frontend closes the comm. */
  onClose(callback: (message: CommMessage) => void): void;
}

export interface CommOpenOptions extends CommSendOptions {
  /** The comm's id; default a fresh uuid (ipywidgets uses it as the model id). */
  commId?: string;
}

/** What the kernel's language provides. */
export interface CommHost {
  open(targetName: string, data: Record<string, unknown>, options: CommOpenOptions): Comm;
  registerTarget(targetName: string, onOpen: (comm: Comm, message: CommMessage) => void): void;
  unregisterTarget(targetName: string): void;
  /** msg_id of the request now being answered (a cell's execute_request, or a frontend comm message). */
  currentRequestId(): string | null;
  /** What a cell's error shows: the message, then stack frames with cell lines. */
  traceback(error: unknown): string[];
}

let host: CommHost | null = null;

export function setCommHost(next: CommHost | null): void {
  host = next;
}

/** The host, or null outside a kernel. */
export function commHost(): CommHost | null {
  return host;
}

function requireHost(): CommHost {
  if (!host) throw new Error("comms need a Jupyter kernel: run this in a tsdl notebook");
  return host;
}

/** The comm API cells see as `comms`. */
export const comms = {
  /** Opens a comm to a frontend target (a comm_open the frontend's target handler receives). */
  open(targetName: string, data: Record<string, unknown> = {}, options: CommOpenOptions = {}): Comm {
    return requireHost().open(targetName, data, options);
  },
  /** The frontend may open comms to `targetName`; `onOpen` receives each one with its first message. */
  registerTarget(targetName: string, onOpen: (comm: Comm, message: CommMessage) => void): void {
    requireHost().registerTarget(targetName, onOpen);
  },
  unregisterTarget(targetName: string): void {
    requireHost().unregisterTarget(targetName);
  },
};
