/**
 * ZeroMQ drops iopub messages when a subscriber falls more than its high-water mark behind; a
 * full reproduction once hung for 25 minutes on a cell whose reply had come but whose idle status
 * was dropped. Now the client waits for the idle only a grace period after the reply (as
 * nbclient's iopub_timeout does), and the runner finishes the run and marks the cell.
 */
import type { KernelClient } from "../../src/client/client";
import * as launch from "../../src/client/launch";
import type { Message } from "../../src/kernel/wire";
import type { CellProgress } from "../../src/runner/progress";
import { runNotebook } from "../../src/runner/run";
import { scratchCopy, withKernelSlot } from "./helpers";

jest.setTimeout(300_000);

type Route = (msg: Message, route: string) => void;

/** Makes the client lose the next `count` idle statuses of execute requests, as an overflowing iopub queue would. */
function dropIdles(client: KernelClient, count: number): void {
  const internals = client as unknown as { route: Route };
  const route = internals.route.bind(client);
  let left = count;
  internals.route = (msg, channel) => {
    const parent = msg.parent_header as { msg_type?: string };
    const idle = channel === "iopub" && msg.header.msg_type === "status" && msg.content.execution_state === "idle";
    if (idle && parent.msg_type === "execute_request" && left > 0) return void left--;
    route(msg, channel);
  };
}

test("execute resolves after the reply when its idle is lost, with the outputs that came and idleMissing; the next request is normal", () =>
  withKernelSlot(async () => {
    const kernel = await launch.launchKernel();
    try {
      dropIdles(kernel.client, 1);
      const lost = await kernel.client.execute("display('before'); 6 * 7", { idleAfterReplyMs: 500 });
      expect(lost.idleMissing).toBe(true);
      expect(lost.reply.content.status).toBe("ok");
      expect(lost.outputs.map((m) => m.header.msg_type)).toEqual(["display_data", "execute_result"]);
      const next = await kernel.client.execute("1 + 1", { idleAfterReplyMs: 500 });
      expect(next.idleMissing).toBeUndefined();
      expect(next.outputs.map((m) => (m.content.data as Record<string, unknown>)["text/plain"])).toEqual(["2"]);
    } finally {
      await kernel.shutdown();
    }
  }));

test("a run whose first cell's idle is lost finishes, warns on that cell's progress line and marks it in the notebook", () =>
  withKernelSlot(async () => {
    const input = scratchCopy("outputs.ipynb");
    const realLaunch = launch.launchKernel;
    jest.spyOn(launch, "launchKernel").mockImplementationOnce(async (options) => {
      const kernel = await realLaunch(options);
      dropIdles(kernel.client, 1);
      return kernel;
    });
    const progress: CellProgress[] = [];
    const result = await runNotebook({ input, onProgress: (p) => progress.push(p) });
    expect(result.status).toBe("ok");
    expect(progress[0].outputsIncomplete).toBe(true);
    expect(progress.slice(1).every((p) => !p.outputsIncomplete)).toBe(true);
    const cells = result.notebook.cells.filter((c) => c.cell_type === "code");
    expect((cells[0].metadata.tsdl as { outputs_incomplete?: boolean }).outputs_incomplete).toBe(true);
    expect(cells.slice(1).some((c) => (c.metadata.tsdl as { outputs_incomplete?: boolean } | undefined)?.outputs_incomplete)).toBe(false);
  }));
