/**
 * A kernel killed at seeded random points of a run (counted in iopub messages: during startup
 * replies, mid-cell, between cells, at shutdown): runNotebook always resolves, reports the death
 * or the finished run, writes the notebook, and nothing in the runner's process becomes an
 * unhandled rejection (which would end `tsdl run` and lose a grading run).
 */
import { existsSync } from "node:fs";
import * as launch from "../../src/client/launch";
import { random } from "../../src/dl/random";
import { runNotebook } from "../../src/runner/run";
import { scratchCopy, withKernelSlot } from "./helpers";

jest.setTimeout(600_000);


const realLaunch = launch.launchKernel;

/** Launches kernels that SIGKILL themselves when the runner has seen `killAt` iopub messages. */
function killingAt(killAt: number) {
  return async (options?: launch.LaunchOptions) => {
    const kernel = await realLaunch(options);
    let seen = 0;
    const stop = kernel.client.onIopub(() => {
      if (++seen < killAt) return;
      stop();
      kernel.process.kill("SIGKILL");
    });
    return kernel;
  };
}

// outputs.ipynb makes about 20 iopub messages; points past the end let the run finish.
const draw = random(0xdead);
const KILL_POINTS = [1, ...Array.from({ length: 3 }, () => 2 + draw.int(24))];

test.concurrent.each(KILL_POINTS)("killed at iopub message %i: the run resolves with a verdict and a saved notebook", async (killAt) => {
  const input = scratchCopy("outputs.ipynb");
  const spy = jest.spyOn(launch, "launchKernel").mockImplementationOnce(killingAt(killAt));
  const result = await withKernelSlot(() => runNotebook({ input }));
  expect(spy).toHaveBeenCalled();
  expect(["kernel-died", "ok"]).toContain(result.status);
  if (result.status === "kernel-died") expect(result.failure?.message).toMatch(/the kernel died \(signal SIGKILL\)/);
  expect(existsSync(result.output)).toBe(true);
  // An unhandled rejection while the run goes on fails this test too (jest reports it as the test's error).
});
