/**
 * Jupyter wire protocol v5.3: framing and HMAC-SHA256 signing of messages.
 * https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
 * Used by both ends (the kernel and the project's client), in any thread.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
/** Largest message a kernel socket accepts (a 10 MB cell fits; beyond this it is refused, not parsed). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const DELIMITER = "<IDS|MSG>";

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export type Content = Record<string, unknown>;

export interface Message<C = Content> {
  /** ZeroMQ routing identities (ROUTER sockets), opaque. */
  identities: Buffer[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** Why an incoming multipart message was rejected. */
export class WireError extends Error {}

export class Signer {
  private readonly key: Buffer;
  constructor(key: string, private readonly scheme = "hmac-sha256") {
    if (key && scheme !== "hmac-sha256") throw new WireError(`unsupported signature scheme ${scheme}`);
    this.key = Buffer.from(key, "utf8");
  }

  get enabled(): boolean {
    return this.key.length > 0;
  }

  sign(parts: Buffer[]): string {
    if (!this.enabled) return "";
    const hmac = createHmac("sha256", this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }

  verify(signature: Buffer, parts: Buffer[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(parts), "utf8");
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
}

export function newHeader(msgType: string, session: string, username = "tsdl"): Header {
  return { msg_id: randomUUID(), session, username, date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION };
}

/** Frames of a message ready for `socket.send`. */
export function encode(msg: Message<unknown>, signer: Signer): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p), "utf8"));
  return [...msg.identities, Buffer.from(DELIMITER), Buffer.from(signer.sign(parts)), ...parts, ...msg.buffers];
}

/** Parses and authenticates received frames; throws WireError on anything malformed or unsigned. */
export function decode(frames: Buffer[], signer: Signer): Message {
  const at = frames.findIndex((f) => f.length === DELIMITER.length && f.toString("latin1") === DELIMITER);
  if (at < 0) throw new WireError("no <IDS|MSG> delimiter");
  if (frames.length < at + 6) throw new WireError(`expected at least 6 frames after the delimiter, got ${frames.length - at - 1}`);
  const [signature, ...rest] = frames.slice(at + 1);
  const parts = rest.slice(0, 4);
  if (!signer.verify(signature, parts)) throw new WireError(signature.length ? "invalid signature" : "missing signature");
  const [header, parent, metadata, content] = parts.map(parseJsonObject);
  if (typeof header.msg_type !== "string" || typeof header.msg_id !== "string") throw new WireError("header lacks msg_type/msg_id");
  return {
    identities: frames.slice(0, at),
    header: header as unknown as Header,
    parent_header: parent as Message["parent_header"],
    metadata,
    content,
    buffers: rest.slice(4),
  };
}

function parseJsonObject(frame: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString("utf8"));
  } catch {
    throw new WireError("a frame is not valid JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new WireError("a frame is not a JSON object");
  return value as Record<string, unknown>;
}

/** A reply or broadcast derived from a request: same session, parent set, routed to the same peer. */
export function replyTo<C>(request: Message<unknown>, msgType: string, content: C, identities = request.identities): Message<C> {
  return {
    identities,
    header: newHeader(msgType, request.header.session, request.header.username),
    parent_header: request.header,
    metadata: {},
    content,
    buffers: [],
  };
}
