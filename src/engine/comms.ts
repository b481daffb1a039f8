/**
 * The kernel's comms as cells see them (display/comm's CommHost). A frontend message runs its
 * callback with output routed to that message, as ipykernel does, so what a callback prints or
 * displays answers the message that caused it (and an ipywidgets Output capturing that message's
 * id shows it). A callback that throws, now or in a promise it returns, prints its stack on
 * stderr and in the kernel's log; the kernel and every other comm go on. An interrupt stops a
 * callback stuck in a synchronous loop, as it stops a cell.
 */
import type { Comm, CommHost, CommMessage, CommOpenOptions } from "../display/comm";
import type { Comm as KernelComm, CommPayload, KernelComms, KernelIO } from "../kernel/language";
import { runInterruptibly } from "./executor";
import type { OutputRouter } from "./output";

type Callback = (message: CommMessage) => unknown;

export class EngineComms implements CommHost {
  /** @param traceback turns what a callback threw into lines (cell lines mapped, internals dropped) */
  constructor(private readonly kernel: KernelComms, private readonly output: OutputRouter, private readonly describe: (error: unknown) => string[]) {}

  open(targetName: string, data: Record<string, unknown>, options: CommOpenOptions): Comm {
    const comm = this.kernel.open(targetName, { data, metadata: options.metadata, buffers: options.buffers }, options.commId);
    return this.wrap(comm);
  }

  registerTarget(targetName: string, onOpen: (comm: Comm, message: CommMessage) => void): void {
    this.kernel.registerTarget(targetName, (comm, payload, io) => {
      const wrapped = this.wrap(comm);
      this.run(io, `comm target ${targetName}`, () => onOpen(wrapped, message(payload)));
    });
  }

  unregisterTarget(targetName: string): void {
    this.kernel.unregisterTarget(targetName);
  }

  currentRequestId(): string | null {
    return this.output.requestId;
  }

  traceback(error: unknown): string[] {
    return this.describe(error);
  }

  private wrap(comm: KernelComm): Comm {
    const callbacks: { message?: Callback; close?: Callback } = {};
    comm.onMessage = (payload, io) => callbacks.message && this.run(io, `comm ${comm.id} (${comm.targetName})`, () => callbacks.message!(message(payload)));
    comm.onClose = (payload, io) => callbacks.close && this.run(io, `comm ${comm.id} (${comm.targetName}) close`, () => callbacks.close!(message(payload)));
    return {
      id: comm.id,
      targetName: comm.targetName,
      get closed() {
        return comm.closed;
      },
      send: (data, options = {}) => comm.send({ data, metadata: options.metadata, buffers: options.buffers }),
      close: (data = {}, options = {}) => comm.close({ data, metadata: options.metadata, buffers: options.buffers }),
      onMessage: (callback) => void (callbacks.message = callback),
      onClose: (callback) => void (callbacks.close = callback),
    };
  }

  /** Runs a frontend-driven callback with output going to its message; reports what it throws. */
  private run(io: KernelIO, what: string, callback: () => unknown): void {
    this.output.attach(io);
    const report = (e: unknown) => this.output.callbackError(what, this.describe(e));
    try {
      const result = runInterruptibly(callback);
      if (result instanceof Promise) result.catch(report);
    } catch (e) {
      report(e);
    } finally {
      // What it printed belongs before the kernel's idle for this message, as with ipykernel.
      this.output.flush();
    }
  }
}

function message(payload: CommPayload): CommMessage {
  return { data: payload.data ?? {}, metadata: payload.metadata ?? {}, buffers: payload.buffers ?? [] };
}
