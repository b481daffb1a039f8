/** The comm registry in-process: targets by name, comms by id whichever side opened them, routing and closing. */
import { CommMessageType, CommRegistry } from "../../src/kernel/comms";
import type { KernelIO } from "../../src/kernel/language";

const io = {} as KernelIO; // the registry only passes it on to handlers

function registry() {
  const published: { type: CommMessageType; content: Record<string, unknown> }[] = [];
  return { registry: new CommRegistry((type, content) => void published.push({ type, content })), published };
}

test("a frontend comm opens only for a registered target, then gets its messages and its close", () => {
  const { registry: comms } = registry();
  const events: string[] = [];
  comms.registerTarget("echo", (comm, payload) => {
    events.push(`open ${comm.id} ${JSON.stringify(payload.data)}`);
    comm.onMessage = (p) => void events.push(`msg ${comm.id} ${JSON.stringify(p.data)}`);
    comm.onClose = () => void events.push(`close ${comm.id}`);
  });
  expect(comms.has("echo")).toBe(true);
  expect(comms.opened("c1", "nobody", {}, io)).toBe(false);
  expect(comms.opened("c1", "echo", { data: { a: 1 } }, io)).toBe(true);
  expect(comms.message("c1", { data: { b: 2 } }, io)).toBe(true);
  expect(comms.message("c9", {}, io)).toBe(false);
  expect(comms.list()).toEqual({ c1: { target_name: "echo" } });
  expect(comms.list("other")).toEqual({});
  expect(comms.closed("c1", {}, io)).toBe(true);
  expect(comms.closed("c1", {}, io)).toBe(false); // twice: no second event
  expect(comms.list()).toEqual({});
  expect(events).toEqual(['open c1 {"a":1}', 'msg c1 {"b":2}', "close c1"]);
});

test("a kernel-side comm publishes comm_open, comm_msg and comm_close, and refuses to send once closed", () => {
  const { registry: comms, published } = registry();
  const comm = comms.open("jupyter.widget", { data: { state: {} } }, "k1");
  comm.send({ data: { method: "update" } });
  comm.close();
  expect(() => comm.send({ data: {} })).toThrow(/closed/);
  expect(() => comms.open("jupyter.widget", {}, "k2") && comms.open("jupyter.widget", {}, "k2")).toThrow(/already open/);
  expect(published.map((p) => [p.type, p.content.comm_id])).toEqual([["comm_open", "k1"], ["comm_msg", "k1"], ["comm_close", "k1"], ["comm_open", "k2"]]);
});
