/** Interrupts stop the three kinds of runaway cell; the kernel survives with its state. */
import type { RunningKernel } from "../../src/client/launch";
import { startKernel, textOf } from "./helpers";

let kernel: RunningKernel;
beforeAll(async () => {
  kernel = await startKernel();
  await kernel.client.execute("const survivor = 99;");
}, 120_000);
afterAll(() => kernel?.shutdown());

async function interruptAfter(code: string, how: "message" | "signal") {
  const running = kernel.client.execute(code, { timeoutMs: 30_000 });
  await new Promise((r) => setTimeout(r, 700));
  if (how === "message") await kernel.client.request("control", "interrupt_request", {});
  else kernel.process.kill("SIGINT");
  return running;
}

const cases: [string, string, "message" | "signal"][] = [
  ["a synchronous loop (message)", "while (true) {}", "message"],
  ["a pending promise (message)", "await new Promise(() => {})", "message"],
  ["a loop after await (message)", "await null;\nwhile (true) {}", "message"],
  ["a synchronous loop (SIGINT)", "while (true) {}", "signal"],
  ["a pending promise (SIGINT)", "await new Promise(() => {})", "signal"],
];

test.each(cases)("interrupting %s ends the cell with Interrupted and keeps state", async (_name, code, how) => {
  const { reply } = await interruptAfter(code, how);
  expect(reply.content).toMatchObject({ status: "error", ename: "Interrupted" });
  expect(textOf((await kernel.client.execute("survivor")).outputs)).toBe("99");
  expect(await kernel.client.heartbeat(2000)).toBe(true);
});

test("heartbeat answers within a second while a cell loops synchronously", async () => {
  const running = kernel.client.execute("const end = Date.now() + 3000; while (Date.now() < end) {}");
  await new Promise((r) => setTimeout(r, 500));
  const t0 = Date.now();
  expect(await kernel.client.heartbeat(1000)).toBe(true);
  expect(Date.now() - t0).toBeLessThan(1000);
  expect((await running).reply.content.status).toBe("ok");
});

test("shutdown_request ends the process", async () => {
  const reply = await kernel.client.request("control", "shutdown_request", { restart: false });
  expect(reply.content).toMatchObject({ status: "ok", restart: false });
  await expect(kernel.exited).resolves.toBe(0);
});
