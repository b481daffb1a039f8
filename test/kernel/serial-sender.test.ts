/** One send at a time per socket; a send that fails rejects its own promise and no later one. */
import type { Writable } from "zeromq";
import { SerialSender } from "../../src/kernel/serial-sender";

/** A socket that fails the sends listed in `failing` (by order) and records the others. */
function fakeSocket(failing: number[]) {
  const sent: string[] = [];
  let calls = 0;
  let busy = false;
  const socket = {
    async send(frames: Buffer[]) {
      if (busy) throw new Error("EBUSY: a send is already pending"); // what zeromq.js does
      busy = true;
      await new Promise((resolve) => setImmediate(resolve));
      busy = false;
      if (failing.includes(calls++)) throw new Error(`send ${calls - 1} failed`);
      sent.push(frames[0].toString());
    },
  };
  return { socket: socket as unknown as Writable, sent };
}

test("sends go out one at a time, in order", async () => {
  const { socket, sent } = fakeSocket([]);
  const sender = new SerialSender(socket);
  await Promise.all(["a", "b", "c"].map((s) => sender.send([Buffer.from(s)])));
  expect(sent).toEqual(["a", "b", "c"]);
});

test("a failed send rejects only its own promise; the sends after it still go out", async () => {
  const { socket, sent } = fakeSocket([1]);
  const sender = new SerialSender(socket);
  const results = await Promise.allSettled(["a", "b", "c", "d"].map((s) => sender.send([Buffer.from(s)])));
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
  expect(sent).toEqual(["a", "c", "d"]);
  await expect(sender.flushed()).resolves.toBeUndefined();
});
