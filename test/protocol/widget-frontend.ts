/**
 * What protocol tests of widgets share: a cell runner, and the messages @jupyter-widgets/base
 * sends as a widget manager (an update from a view, a button click), over the project's client.
 */
import type { RunningKernel } from "../../src/client/launch";
import type { Message } from "../../src/kernel/wire";
import { ofType, textOf } from "./helpers";

export const data = (m: Message) => m.content.data as Record<string, any>;

export function widgetFrontend(kernel: () => RunningKernel) {
  const run = async (code: string) => {
    const result = await kernel().client.execute(code, { timeoutMs: 60_000 });
    expect(result.reply.content).toMatchObject({ status: "ok" });
    return result.outputs;
  };
  return {
    run,
    /** The JSON value of an expression, evaluated in a cell. */
    value: async (expression: string) => JSON.parse(textOf(ofType(await run(`JSON.stringify(${expression})`), "execute_result")).replace(/^'|'$/g, "")),
    /** The model id of the widget a cell showed as its value. */
    viewOf: (outputs: Message[]): string => {
      const [result] = ofType(outputs, "execute_result");
      return (result.content.data as Record<string, any>)["application/vnd.jupyter.widget-view+json"].model_id;
    },
    /** A view's change, as a frontend sends it; resolves with what the kernel answered. */
    update: (commId: string, state: Record<string, unknown>) => kernel().client.notify("comm_msg", { comm_id: commId, data: { method: "update", state, buffer_paths: [] } }),
    click: (commId: string) => kernel().client.notify("comm_msg", { comm_id: commId, data: { method: "custom", content: { event: "click" } } }),
  };
}
