/**
 * A kernel busy in a long synchronous loop stays alive to the frontend: the heartbeat answers
 * (it lives in the sentinel thread), and both interrupt paths stop the loop with state intact.
 */
import type { RunningKernel } from "../../src/client/launch";
import { startKernel, textOf } from "./helpers";

const TEN_SECOND_LOOP = "const end = Date.now() + 10000; while (Date.now() < end) {}";

let kernel: RunningKernel;
beforeAll(async () => {
  kernel = await startKernel();
  await kernel.client.execute("const survivor = 42;");
}, 120_000);
afterAll(() => kernel?.shutdown());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the loop and gives the kernel time to compile the cell and enter it. The pending
 * execution is wrapped: an async function returning a bare promise would wait for it.
 */
async function startLoop() {
  const running = kernel.client.execute(TEN_SECOND_LOOP, { timeoutMs: 60_000 });
  await sleep(2000);
  return { running };
}

async function expectStateSurvived(): Promise<void> {
  expect(textOf((await kernel.client.execute("survivor", { timeoutMs: 60_000 })).outputs)).toBe("42");
}

test("the heartbeat answers within 1 s while a cell loops synchronously for 10 s", async () => {
  const { running } = await startLoop();
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    expect(await kernel.client.heartbeat(1000)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(1000);
    await sleep(500);
  }
  expect((await running).reply.content.status).toBe("ok");
  await expectStateSurvived();
}, 90_000);

test("interrupt_request stops the 10-s loop with ename Interrupted", async () => {
  const { running } = await startLoop();
  await kernel.client.request("control", "interrupt_request", {}, 30_000);
  const { reply } = await running;
  // Interrupted, not finished: a loop that ran to its end would reply status "ok".
  expect(reply.content).toMatchObject({ status: "error", ename: "Interrupted" });
  await expectStateSurvived();
}, 90_000);

test("SIGINT to the kernel process stops the 10-s loop with ename Interrupted", async () => {
  const { running } = await startLoop();
  kernel.process.kill("SIGINT");
  const { reply } = await running;
  expect(reply.content).toMatchObject({ status: "error", ename: "Interrupted" });
  await expectStateSurvived();
  expect(await kernel.client.heartbeat(5000)).toBe(true);
}, 90_000);
