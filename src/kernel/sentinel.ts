/**
 * The sentinel: a worker thread that owns the heartbeat and control sockets, so both answer while
 * the main thread is stuck in a cell's synchronous loop. It interrupts the main thread itself
 * (inspector `Runtime.terminateExecution`) when the main thread does not answer a ping; other
 * control requests are forwarded to the main thread and their replies sent back from here.
 */
import { writeSync } from "node:fs";
import { Session } from "node:inspector";
import { parentPort, workerData } from "node:worker_threads";
import * as zmq from "zeromq";
import { ConnectionInfo, endpoint } from "./connection";
import { SerialSender } from "./serial-sender";
import { MAX_MESSAGE_BYTES, Signer, WireError, decode, encode, replyTo } from "./wire";
import { SentinelToMain, MainToSentinel, SHARED_CELL_RUNNING, SHARED_PING_ACKS, SHARED_SENTINEL_CLOSED } from "./sentinel-protocol";

const { info, shared } = workerData as { info: ConnectionInfo; shared: SharedArrayBuffer };
const flags = new Int32Array(shared);
const signer = new Signer(info.key, info.signature_scheme);
const port = parentPort!;
/** Written directly: the main thread, which logs everything else, may be the one that is stuck. */
const log = (text: string) => {
  try {
    writeSync(2, `[tsdl sentinel] ${text}\n`);
  } catch {
    // A full non-blocking stderr pipe (EAGAIN) loses the line rather than ending the control loop.
  }
};

/** How long a main thread may take to answer before it counts as stuck in synchronous code. */
const PING_TIMEOUT_MS = 250;
const ORPHAN_CHECK_MS = 2000;

const heartbeat = new zmq.Reply({ linger: 0 });
const control = new zmq.Router({ linger: 0, maxMessageSize: MAX_MESSAGE_BYTES });
const controlOut = new SerialSender(control);
const sendControl = (frames: Buffer[]) => controlOut.send(frames).catch((e) => log(`control send failed: ${e}`));
let inspector: Session | null = null;

async function main(): Promise<void> {
  await Promise.all([heartbeat.bind(endpoint(info, "hb")), control.bind(endpoint(info, "control"))]);
  port.on("message", onMainMessage);
  port.postMessage({ type: "ready" } satisfies SentinelToMain);
  exitWhenOrphaned();
  void echoHeartbeats();
  for await (const frames of control) onControl(frames);
}

/**
 * A kernel whose launcher died (a crashed runner, a killed test) would otherwise live on,
 * possibly spinning in a cell. As ipykernel does, it ends itself once it is orphaned; from
 * here, because the main thread may be the one spinning.
 */
function exitWhenOrphaned(): void {
  const parent = process.ppid;
  if (parent === 1) return; // started by init or a container entrypoint: nothing to watch
  setInterval(() => {
    if (process.ppid === parent) return;
    log(`parent process ${parent} is gone; exiting`);
    process.kill(process.pid, "SIGKILL");
  }, ORPHAN_CHECK_MS).unref();
}

/**
 * The main thread ends the process after a shutdown_request (the kernel command exits once the
 * kernel closed); if it cannot, because a cell keeps it busy, the process is ended from here
 * after this long, as a kernel manager would.
 */
const SHUTDOWN_STALL_MS = 2000;

function exitIfShutdownStalls(): void {
  setTimeout(() => {
    log(`shutdown_request not completed within ${SHUTDOWN_STALL_MS} ms (a cell keeps the main thread busy?); exiting`);
    process.kill(process.pid, "SIGKILL");
  }, SHUTDOWN_STALL_MS).unref();
}

async function echoHeartbeats(): Promise<void> {
  for await (const frames of heartbeat) await heartbeat.send(frames);
}

function onControl(frames: Buffer[]): void {
  let msgType: string;
  try {
    const msg = decode(frames, signer);
    msgType = msg.header.msg_type;
    if (msgType === "interrupt_request") {
      port.postMessage({ type: "interrupt", request: msg } satisfies SentinelToMain);
      interruptMainThread();
      void sendControl(encode(replyTo(msg, "interrupt_reply", { status: "ok" }), signer));
      return;
    }
    if (msgType === "shutdown_request") exitIfShutdownStalls();
  } catch (e) {
    // The main thread logs and drops it too; forwarding keeps one place that reports bad input.
    if (!(e instanceof WireError)) log(`control: ${e}`);
  }
  port.postMessage({ type: "control", frames } satisfies SentinelToMain);
}

/**
 * Stops JavaScript that keeps the main thread busy, if a cell runs and the thread is deaf.
 * First SIGINT: the engine runs cells under `breakOnSigint`, which stops a synchronous loop
 * cleanly. A loop in a microtask (`await null; while (true) {}`) is beyond that; only then
 * `Runtime.terminateExecution`, which unwinds the microtask (terminating a macrotask callback
 * instead would corrupt Node's async-context stack).
 */
function interruptMainThread(): void {
  if (!mainIsDeaf(PING_TIMEOUT_MS)) return;
  process.kill(process.pid, "SIGINT");
  if (!mainIsDeaf(2 * PING_TIMEOUT_MS)) return;
  if (!inspector) {
    inspector = new Session();
    inspector.connectToMainThread();
  }
  inspector.post("Runtime.terminateExecution", (err) => err && log(`terminateExecution failed: ${err.message}`));
}

/** True when a cell is running and the main thread does not answer a ping in time. */
function mainIsDeaf(timeoutMs: number): boolean {
  if (Atomics.load(flags, SHARED_CELL_RUNNING) === 0) return false;
  const acks = Atomics.load(flags, SHARED_PING_ACKS);
  port.postMessage({ type: "ping" } satisfies SentinelToMain);
  return Atomics.wait(flags, SHARED_PING_ACKS, acks, timeoutMs) === "timed-out" && Atomics.load(flags, SHARED_CELL_RUNNING) === 1;
}

async function onMainMessage(msg: MainToSentinel): Promise<void> {
  if (msg.type === "send") {
    await sendControl(msg.frames.map((f) => Buffer.from(f)));
  } else if (msg.type === "close") {
    await controlOut.flushed();
    inspector?.disconnect();
    heartbeat.close();
    control.close();
    port.postMessage({ type: "closed" } satisfies SentinelToMain);
    port.close();
  } else if (msg.type === "closeNow") {
    // The main thread waits on the flag, blocked in its exit handler: no flushing, no messages.
    heartbeat.close();
    control.close();
    Atomics.store(flags, SHARED_SENTINEL_CLOSED, 1);
    Atomics.notify(flags, SHARED_SENTINEL_CLOSED);
  }
}

main().catch((e) => {
  // A closed socket ends the loops; anything else is fatal for the kernel.
  if (!heartbeat.closed) log(`sentinel failed: ${e?.stack ?? e}`);
});
