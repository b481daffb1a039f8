/** The wire format: frames in the spec's order, HMAC-SHA256 over the four JSON parts, and every malformed input refused. */
import { createHmac } from "node:crypto";
import { Message, Signer, WireError, decode, encode, newHeader, replyTo } from "../../src/kernel/wire";

const signer = new Signer("key");
const request: Message = { identities: [Buffer.from("peer")], header: newHeader("execute_request", "s1", "alice"), parent_header: {}, metadata: {}, content: { code: "1" }, buffers: [Buffer.from([7])] };

test("encode: identities, delimiter, HMAC of header/parent/metadata/content, the parts, buffers", () => {
  const frames = encode(request, signer);
  expect(frames.map((f) => f.toString())).toEqual(["peer", "<IDS|MSG>", expect.stringMatching(/^[0-9a-f]{64}$/), JSON.stringify(request.header), "{}", "{}", '{"code":"1"}', "\u0007"]);
  const hmac = createHmac("sha256", "key");
  frames.slice(3, 7).forEach((f) => hmac.update(f));
  expect(frames[2].toString()).toBe(hmac.digest("hex"));
});

test("decode inverts encode; buffers and identities survive", () => {
  const decoded = decode(encode(request, signer), signer);
  expect(decoded).toEqual({ ...request, identities: [Buffer.from("peer")] });
});

test.each([
  ["no delimiter", (f: Buffer[]) => f.filter((x) => x.toString() !== "<IDS|MSG>"), /delimiter/],
  ["a missing frame", (f: Buffer[]) => f.slice(0, 6), /at least 6 frames/],
  ["a wrong signature", (f: Buffer[]) => f.map((x, i) => (i === 2 ? Buffer.from("0".repeat(64)) : x)), /invalid signature/],
  ["no signature", (f: Buffer[]) => f.map((x, i) => (i === 2 ? Buffer.alloc(0) : x)), /missing signature/],
  ["changed content", (f: Buffer[]) => f.map((x, i) => (i === 6 ? Buffer.from('{"code":"2"}') : x)), /invalid signature/],
])("decode refuses %s", (_name, damage, message) => {
  expect(() => decode(damage(encode(request, signer)), signer)).toThrow(message);
  expect(() => decode(damage(encode(request, signer)), signer)).toThrow(WireError);
});

test("decode refuses signed parts that are not JSON objects, or a header without msg_type", () => {
  const signed = (parts: string[]) => {
    const buffers = parts.map((p) => Buffer.from(p));
    return [Buffer.from("<IDS|MSG>"), Buffer.from(signer.sign(buffers)), ...buffers];
  };
  expect(() => decode(signed(["{", "{}", "{}", "{}"]), signer)).toThrow(/not valid JSON/);
  expect(() => decode(signed(["[]", "{}", "{}", "{}"]), signer)).toThrow(/not a JSON object/);
  expect(() => decode(signed(["{}", "{}", "{}", "{}"]), signer)).toThrow(/msg_type/);
});

test("an empty key signs nothing and accepts anything (Jupyter's unsigned mode); other schemes are refused", () => {
  const open = new Signer("");
  expect(encode(request, open)[2].toString()).toBe("");
  expect(decode(encode(request, signer), open).content).toEqual({ code: "1" });
  expect(() => new Signer("k", "hmac-md5")).toThrow(/unsupported signature scheme/);
});

test("replyTo keeps the session, sets the parent and routes to the requester", () => {
  const reply = replyTo(request, "execute_reply", { status: "ok" });
  expect(reply.parent_header).toBe(request.header);
  expect(reply.header).toMatchObject({ msg_type: "execute_reply", session: "s1", username: "alice", version: "5.3" });
  expect(reply.identities).toEqual(request.identities);
});
