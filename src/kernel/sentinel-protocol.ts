/** Messages between the main thread and the sentinel worker, and the shared flags' layout. */
import type { Message } from "./wire";

/** Int32 slots of the shared buffer. */
export const SHARED_CELL_RUNNING = 0;
export const SHARED_PING_ACKS = 1;
/** Set by the sentinel once its sockets are closed after a `closeNow`. */
export const SHARED_SENTINEL_CLOSED = 2;
export const SHARED_SLOTS = 3;

export type SentinelToMain =
  | { type: "ready" }
  | { type: "ping" }
  | { type: "interrupt"; request: Message }
  | { type: "control"; frames: Buffer[] }
  | { type: "closed" };

/** `close` is the orderly shutdown; `closeNow` comes from a process that is exiting (a cell called process.exit). */
export type MainToSentinel = { type: "send"; frames: Buffer[] } | { type: "close" } | { type: "closeNow" };
