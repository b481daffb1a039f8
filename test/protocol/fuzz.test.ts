/**
 * Hostile input against a live kernel with state: forged signatures, broken framing, bad JSON,
 * unknown message types and a seeded fuzzer, on shell, control and stdin. Every forged code
 * payload would leave a file in `evidenceDir` if it ever ran; the checks wait for a control and a
 * shell round-trip (each channel is handled in order, the two are not ordered with each other)
 * before looking, and the last test proves none ran and that the kernel still works.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zmq from "zeromq";
import { launchKernel, RunningKernel } from "../../src/client/launch";
import { endpoint } from "../../src/kernel/connection";
import { Message, Signer, encode, newHeader } from "../../src/kernel/wire";
import { ofType, textOf } from "./helpers";
import { random } from "../../src/dl/random";

type Channel = "shell" | "control" | "stdin";
const DELIMITER = Buffer.from("<IDS|MSG>");
const evidenceDir = mkdtempSync(join(tmpdir(), "tsdl-fuzz-"));

let kernel: RunningKernel;
let signer: Signer;
/** The kernel's stderr: drained continuously (a full pipe would block the kernel's log writes). */
let kernelLog = "";

beforeAll(async () => {
  kernel = await launchKernel({ stderr: "pipe" });
  kernel.process.stderr!.on("data", (chunk: Buffer) => {
    if (kernelLog.length < 4_000_000) kernelLog += chunk.toString("utf8");
  });
  signer = new Signer(kernel.info.key, kernel.info.signature_scheme);
  await kernel.client.execute("const state = 7;");
}, 120_000);
afterAll(() => kernel?.shutdown());

/** Code that writes a file named `tag` into evidenceDir if it ever runs. */
function evidence(tag: string): string {
  return `require("fs").writeFileSync(${JSON.stringify(join(evidenceDir, tag))}, "ran");`;
}

function message(msgType: string, content: Record<string, unknown>, session: string = kernel.client.session): Message {
  return { identities: [], header: newHeader(msgType, session), parent_header: {}, metadata: {}, content, buffers: [] };
}

const executeContent = (code: string) => ({ code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });

/** Validly signed frames (no identities): [delimiter, signature, header, parent, metadata, content]. */
function signedExecute(tag: string): Buffer[] {
  return encode(message("execute_request", executeContent(evidence(tag))), signer);
}

/** Frames with a correct signature over whatever JSON parts are given (even invalid ones). */
function signedParts(parts: string[]): Buffer[] {
  const buffers = parts.map((p) => Buffer.from(p));
  return [DELIMITER, Buffer.from(signer.sign(buffers)), ...buffers];
}

async function sendEverywhere(frames: Buffer[]): Promise<void> {
  for (const channel of ["shell", "control", "stdin"] as const) await kernel.client.sendRaw(channel, frames);
}

/**
 * Valid requests after forged ones, on control and on shell: once both are answered, the forged
 * ones sent before them on those channels were handled.
 */
async function stateIsStill7(): Promise<void> {
  expect((await kernel.client.request("control", "kernel_info_request", {}, 60_000)).content.status).toBe("ok");
  const { reply, outputs } = await kernel.client.execute("state", { timeoutMs: 60_000 });
  expect(reply.content.status).toBe("ok");
  expect(textOf(outputs)).toBe("7");
}

test("missing, wrong, foreign and other-content signatures are dropped", async () => {
  const unsigned = signedExecute("unsigned");
  unsigned[1] = Buffer.from("");
  const wrong = signedExecute("wrong-signature");
  wrong[1] = Buffer.from(randomBytes(32).toString("hex"));
  // The signature of a harmless message pasted onto a different one.
  const harmless = encode(message("execute_request", executeContent("1")), signer);
  const otherContent = [...signedExecute("signature-over-other-content")];
  otherContent[1] = harmless[1];
  // A message captured from another kernel session (its own key and session id), replayed here.
  const foreign = encode(message("execute_request", executeContent(evidence("replayed-foreign")), "another-session"), new Signer(randomBytes(32).toString("hex")));
  for (const frames of [unsigned, wrong, otherContent, foreign]) await sendEverywhere(frames);
  await stateIsStill7();
});

test("too few frames after the delimiter are dropped; extra frames are buffers of a signed message", async () => {
  const full = signedExecute("too-few");
  for (let keep = 0; keep < 6; keep++) await sendEverywhere(full.slice(0, keep));
  // Four JSON parts, correctly signed, but one short: no content frame at all.
  await sendEverywhere(signedParts(["{}", "{}", "{}"]));
  // An extra frame between signature and header shifts the signed parts: dropped.
  const shifted = signedExecute("extra-frame-inside");
  shifted.splice(2, 0, Buffer.from("{}"));
  await sendEverywhere(shifted);
  // Extra frames after content are binary buffers (protocol 5.x): the signed request runs.
  const withBuffers = encode(message("execute_request", executeContent("state * 2")), signer);
  const result = resultOf(withBuffers[2]);
  await kernel.client.sendRaw("shell", [...withBuffers, Buffer.from([1, 2, 3]), Buffer.alloc(0)]);
  expect(await result).toBe("14");
  await stateIsStill7();
});

/** The text/plain execute_result published for the request whose header frame is given. */
function resultOf(headerFrame: Buffer): Promise<string> {
  const msgId = JSON.parse(headerFrame.toString()).msg_id;
  return new Promise((resolve) => {
    const stop = kernel.client.onIopub((m) => {
      if ((m.parent_header as { msg_id?: string }).msg_id !== msgId || m.header.msg_type !== "execute_result") return;
      stop();
      resolve(String((m.content.data as Record<string, unknown>)["text/plain"]));
    });
  });
}

test("invalid or non-object JSON in any of the four parts is dropped, even when signed", async () => {
  const header = JSON.stringify(newHeader("execute_request", kernel.client.session));
  const content = (tag: string) => JSON.stringify(executeContent(evidence(tag)));
  const badValues = ["{", "", "not json", "[]", "null", "42", '"text"', "\u00ff\u00fe"];
  for (const [i, bad] of badValues.entries()) {
    for (let slot = 0; slot < 4; slot++) {
      const parts = [header, "{}", "{}", content(`bad-json-${i}-${slot}`)];
      parts[slot] = bad;
      await sendEverywhere(signedParts(parts));
    }
  }
  // A header without msg_type / msg_id.
  await sendEverywhere(signedParts(["{}", "{}", "{}", content("header-without-type")]));
  await stateIsStill7();
  expect(kernelLog).toMatch(/dropped a message on shell: a frame is not valid JSON/);
  expect(kernelLog).toMatch(/dropped a message on control: a frame is not a JSON object/);
});

/** A DEALER of our own, so that any reply the kernel sends is seen (the client only keeps awaited ones). */
async function withRawPeer<T>(channel: "shell" | "control", body: (peer: zmq.Dealer, replies: Buffer[][], firstReply: Promise<void>) => Promise<T>): Promise<T> {
  const peer = new zmq.Dealer({ linger: 0 });
  peer.connect(endpoint(kernel.info, channel));
  const replies: Buffer[][] = [];
  let replied!: () => void;
  const firstReply = new Promise<void>((resolve) => (replied = resolve));
  void (async () => {
    for await (const frames of peer) {
      replies.push(frames);
      replied();
    }
  })().catch(() => undefined);
  try {
    return await body(peer, replies, firstReply);
  } finally {
    peer.close();
  }
}

test("unknown message types are logged and ignored: no reply, no busy status", async () => {
  // Names of Object.prototype members must not reach a handler either.
  const unknown = ["no_such_request", "execute_reply", "toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"];
  const sentIds = new Set<string>();
  const iopubParents = new Set<string>();
  const stop = kernel.client.onIopub((m) => iopubParents.add((m.parent_header as { msg_id?: string }).msg_id ?? ""));
  for (const channel of ["shell", "control"] as const) {
    const replies = await withRawPeer(channel, async (peer, replies, firstReply) => {
      for (const type of unknown) {
        const msg = message(type, {});
        sentIds.add(msg.header.msg_id);
        await peer.send(encode(msg, signer));
      }
      // Proof of order: a kernel_info sent last is answered, so the unknown ones were handled
      // (each channel's requests are handled in order, and a reply to them would have come first).
      await peer.send(encode(message("kernel_info_request", {}), signer));
      await firstReply;
      return replies;
    });
    const types = replies.map((frames) => JSON.parse(frames[frames.indexOf(frames.find((f) => f.equals(DELIMITER))!) + 2].toString()).msg_type);
    expect(types).toEqual(["kernel_info_reply"]);
  }
  stop();
  for (const type of unknown) expect(kernelLog).toContain(`ignored unknown message type ${JSON.stringify(type)}`);
  expect([...sentIds].filter((id) => iopubParents.has(id))).toEqual([]);
  await stateIsStill7();
});

// ---- the seeded fuzzer -------------------------------------------------------------------

class Fuzzer {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = random(seed); // seeded, so a failing run can be replayed
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bytes(n: number): Buffer {
    return Buffer.from(Array.from({ length: n }, () => this.int(256)));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** 0..8 frames of random bytes, sometimes with a delimiter among them. */
  randomFrames(): Buffer[] {
    const frames = Array.from({ length: this.int(9) }, () => this.bytes(this.int(80)));
    if (frames.length && this.int(2)) frames[this.int(frames.length)] = DELIMITER;
    return frames;
  }

  /**
   * A valid signed message, then changed so that it can no longer be authentic: bytes flipped
   * (XOR with a non-zero value, so they really change) in the delimiter, signature or a JSON part,
   * a signed frame truncated or dropped, or a frame inserted among the signed ones. Identities
   * (before the delimiter) and buffers (after content) are unsigned by design, so never touched.
   */
  mutated(valid: Buffer[]): Buffer[] {
    const frames = valid.map((f) => Buffer.from(f));
    const target = this.int(6); // delimiter, signature, header, parent, metadata, content
    switch (this.int(4)) {
      case 0:
      case 1: {
        const frame = frames[target];
        for (let flips = 1 + this.int(3); flips > 0; flips--) frame[this.int(frame.length)] ^= 1 + this.int(255);
        break;
      }
      case 2:
        if (this.int(2)) frames[target] = frames[target].subarray(0, this.int(frames[target].length));
        else frames.splice(target, 1);
        break;
      default:
        frames.splice(1 + this.int(5), 0, this.bytes(this.int(40)));
    }
    return frames;
  }
}

test("1,200 seeded random and mutated messages on shell, control and stdin execute nothing", async () => {
  const fuzz = new Fuzzer(0x75d1);
  const forgeable = ["execute_request", "shutdown_request", "interrupt_request", "kernel_info_request", "input_reply", "comm_open"];
  for (let i = 0; i < 1200; i++) {
    const channel = fuzz.pick<Channel>(["shell", "control", "stdin"]);
    const type = fuzz.pick(forgeable);
    const content = type === "execute_request" ? executeContent(evidence(`fuzz-${i}`)) : { code: evidence(`fuzz-${i}`), restart: false, value: "x" };
    const frames = fuzz.int(4) === 0 ? fuzz.randomFrames() : fuzz.mutated(encode(message(type, content), signer));
    if (frames.length) await kernel.client.sendRaw(channel, frames);
    // Let this process read the kernel's stderr now and then, as a real frontend's log reader would.
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  await stateIsStill7();
}, 120_000);

test("150 seeded complete/inspect requests at any cursor_pos, in code with syntax errors and astral characters, reply ok or error", async () => {
  const fuzz = new Fuzzer(0xc0de);
  const snippets = [
    "const x = tf.", "obj.al", "function f(a: number) { return a.", "let s = `${", "😀.le", "x.\uD83D", "\uDE00y.", "class { ",
    "", "\n\n  ", "Math.max(1, ", 'import { n } from "', "/* open comment", "'unterminated", "a\u0301b.", ")))", "const 😀 = 1;",
    "state.", "?Math.", "<div>", "@decorator\nclass", "for await (const x of ",
  ];
  for (let i = 0; i < 150; i++) {
    const code = Array.from({ length: 1 + fuzz.int(3) }, () => fuzz.pick(snippets)).join(fuzz.pick(["", "\n", " "]));
    const points = [...code].length;
    const cursor = fuzz.pick<unknown>([-1000, -1, 0, fuzz.int(points + 1), fuzz.int(points + 1), points, points + 1, 2 ** 40, 0.5, "3", null, undefined, code.length]);
    const type = fuzz.pick(["complete_request", "inspect_request"]);
    const reply = await kernel.client.request(fuzz.pick(["shell", "control"] as const), type, { code, cursor_pos: cursor, detail_level: fuzz.int(2) }, 60_000);
    const content = reply.content as { status: string; cursor_start?: number; cursor_end?: number };
    expect(["ok", "error"]).toContain(content.status);
    if (type === "complete_request" && content.status === "ok") {
      for (const c of [content.cursor_start!, content.cursor_end!]) expect(Number.isInteger(c) && c >= 0 && c <= points).toBe(true);
    }
  }
  await stateIsStill7();
  expect(kernelLog).not.toMatch(/Debug Failure/);
}, 180_000);

test("a validly signed 10 MB cell runs (MAX_MESSAGE_BYTES in wire.ts is 64 MB) and a later cell still works", async () => {
  const tenMB = 10 * 1024 * 1024;
  const { reply, outputs } = await kernel.client.execute(`let big = "${"x".repeat(tenMB)}";\nbig.length`, { timeoutMs: 120_000 });
  expect(reply.content.status).toBe("ok");
  expect(textOf(ofType(outputs, "execute_result"))).toBe(String(tenMB));
  const later = await kernel.client.execute("big = \"\"; state + 1", { timeoutMs: 60_000 });
  expect(textOf(later.outputs)).toBe("8");
}, 180_000);

test("after the barrage: nothing forged ran; kernel_info, heartbeat and state are intact", async () => {
  expect((await kernel.client.request("shell", "kernel_info_request", {}, 60_000)).content.status).toBe("ok");
  expect((await kernel.client.request("control", "kernel_info_request", {}, 60_000)).content.status).toBe("ok");
  expect(await kernel.client.heartbeat(5000)).toBe(true);
  await stateIsStill7();
  expect(readdirSync(evidenceDir)).toEqual([]);
  expect(kernel.process.exitCode).toBeNull();
}, 120_000);
