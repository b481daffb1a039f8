/**
 * zeromq.js allows one pending send per socket (a second one while the first waits fails with
 * EBUSY), so every socket's sends go through one promise chain.
 */
import type { Writable } from "zeromq";

export class SerialSender {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly socket: Writable, private readonly onError: (e: unknown) => void) {}

  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(() => this.socket.send(frames)).catch(this.onError);
    return this.tail;
  }

  flushed(): Promise<void> {
    return this.tail;
  }
}
