/** Messages between the main thread and the sentinel worker, and the shared flags' layout. */
import type { Message } from "./wire";

/** Int32 slots of the shared buffer. */
export const SHARED_CELL_RUNNING = 0;
export const SHARED_PING_ACKS = 1;
export const SHARED_SLOTS = 2;

export type SentinelToMain =
  | { type: "ready" }
  | { type: "ping" }
  | { type: "interrupt"; request: Message }
  | { type: "control"; frames: Buffer[] }
  | { type: "closed" };

export type MainToSentinel = { type: "send"; frames: Buffer[] } | { type: "close" };
