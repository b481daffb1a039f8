/** Forged or malformed messages are dropped and never executed; the kernel keeps its state. */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningKernel } from "../../src/client/launch";
import { Signer, encode } from "../../src/kernel/wire";
import { startKernel, textOf } from "./helpers";

let kernel: RunningKernel;
const dir = mkdtempSync(join(tmpdir(), "tsdl-forged-"));
beforeAll(async () => {
  kernel = await startKernel();
  await kernel.client.execute("const state = 7;");
}, 120_000);
afterAll(() => kernel?.shutdown());

/** Code that leaves evidence if it ever runs. */
const evidence = (name: string) => `require("fs").writeFileSync(${JSON.stringify(join(dir, name))}, "ran")`;

test("messages with a missing, wrong or stale signature are never executed", async () => {
  const { client } = kernel;
  const unsigned = client.encode("execute_request", { code: evidence("unsigned"), silent: false });
  unsigned.frames[unsigned.frames.findIndex((f) => f.toString() === "<IDS|MSG>") + 1] = Buffer.from("");
  const wrongKey = encode(client.encode("execute_request", { code: evidence("wrong-key") }).msg, new Signer("not-the-key"));
  const swapped = client.encode("execute_request", { code: "1" });
  const tampered = [...swapped.frames];
  tampered[tampered.length - 1] = Buffer.from(JSON.stringify({ code: evidence("tampered"), silent: false }));
  for (const frames of [unsigned.frames, wrongKey, tampered]) {
    await client.sendRaw("shell", frames);
    await client.sendRaw("control", frames);
  }
  // A valid request sent afterwards is answered after the forged ones were seen and dropped.
  const { outputs } = await client.execute("state");
  expect(textOf(outputs)).toBe("7");
  for (const name of ["unsigned", "wrong-key", "tampered"]) expect(existsSync(join(dir, name))).toBe(false);
});

test("malformed frames and unknown message types are ignored", async () => {
  const { client } = kernel;
  const garbage: Buffer[][] = [
    [Buffer.from("no delimiter")],
    [Buffer.from("<IDS|MSG>"), Buffer.from("sig")],
    [Buffer.from("<IDS|MSG>"), Buffer.from(""), Buffer.from("{"), Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}")],
  ];
  for (const frames of garbage) await client.sendRaw("shell", frames);
  const unknown = await Promise.race([
    client.request("shell", "no_such_request", {}, 1500).then(() => "answered", () => "ignored"),
  ]);
  expect(unknown).toBe("ignored");
  expect((await client.request("shell", "kernel_info_request")).content.status).toBe("ok");
  expect(textOf((await client.execute("state + 1")).outputs)).toBe("8");
});
