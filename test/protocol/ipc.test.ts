/**
 * Jupyter's ipc transport: the kernel binds Unix sockets named `<ip>-<port>` (what a sandbox
 * without network is reached through), and answers on them as on TCP.
 */
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { launchKernel, RunningKernel } from "../../src/client/launch";
import { textOf } from "./helpers";

let kernel: RunningKernel;
beforeAll(async () => {
  kernel = await launchKernel({ transport: "ipc" });
}, 120_000);
afterAll(() => kernel?.shutdown());

test("the five channels are Unix sockets beside the connection file", () => {
  expect(kernel.info.transport).toBe("ipc");
  expect(dirname(kernel.info.ip)).toBe(dirname(kernel.connectionFile));
  for (const port of [kernel.info.shell_port, kernel.info.iopub_port, kernel.info.stdin_port, kernel.info.control_port, kernel.info.hb_port]) {
    expect(statSync(`${kernel.info.ip}-${port}`).isSocket()).toBe(true);
  }
});

test("requests, iopub, heartbeat and control work over them; shutdown removes them", async () => {
  const { reply, outputs } = await kernel.client.execute("console.log('over ipc'); 6 * 7");
  expect(reply.content.status).toBe("ok");
  expect(textOf(outputs)).toBe("over ipc\n42");
  expect(await kernel.client.heartbeat(5000)).toBe(true);
  const folder = dirname(kernel.connectionFile);
  await kernel.shutdown();
  await new Promise<void>((resolve) => setImmediate(resolve));
  expect(existsSync(folder)).toBe(false);
});
