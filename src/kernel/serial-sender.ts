/**
 * zeromq.js allows one pending send per socket (a second one while the first waits fails with
 * EBUSY), so every socket's sends go through one queue. A send that fails rejects its own
 * promise only: the sends queued after it still go out.
 */
import type { Writable } from "zeromq";

export class SerialSender {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly socket: Writable) {}

  /** Resolves once these frames are handed to ZeroMQ; rejects if that failed. */
  send(frames: Buffer[]): Promise<void> {
    const sent = this.tail.then(() => this.socket.send(frames));
    this.tail = sent.catch(() => undefined);
    return sent;
  }

  /** Resolves when every send queued so far has finished (or failed). */
  flushed(): Promise<void> {
    return this.tail;
  }
}
