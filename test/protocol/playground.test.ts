/**
 * The live Playground (notebook 30's last cell) in a real kernel, with the project's client as
 * JupyterLab's widget manager: Step and a knob redraw the decision boundary, Play trains in slices
 * while the kernel keeps answering cells and controls, redraws stay at most two a second, and
 * Pause stops training.
 */
import type { RunningKernel } from "../../src/client/launch";
import type { Message } from "../../src/kernel/wire";
import { WidgetStates } from "../../src/runner/widget-state";
import { startKernel } from "./helpers";
import { data, widgetFrontend } from "./widget-frontend";

let kernel: RunningKernel;
let frontend: WidgetStates;

beforeAll(async () => {
  kernel = await startKernel();
  await kernel.client.execute("dl.playground", { timeoutMs: 170_000 }); // loads the prelude
  frontend = new WidgetStates();
  kernel.client.onIopub((m) => frontend.fold(m));
}, 180_000);
afterAll(() => kernel?.shutdown());

const { run, value, update, click } = widgetFrontend(() => kernel);

/** The epoch a status picture shows ("000,012" -> 12). */
const epochIn = (statusHtml: string) => Number(/font-size:22px">([\d,]+)</.exec(statusHtml)![1].replace(/,/g, ""));
/** Updates in `answers` that set the value of the widget `id`. */
const valueUpdates = (answers: Message[], id: string) => answers.filter((m) => m.content.comm_id === id && data(m).method === "update" && "value" in data(m).state);

test("Step and the knobs redraw the boundary; Play trains while cells and controls are answered; Pause stops", async () => {
  const outputs = await run("const live = dl.playground.live({ seed: 1 }, { tickMs: 1 });\nlive");
  const models = outputs.filter((m) => m.header.msg_type === "comm_open").map((m) => ({ id: String(m.content.comm_id), state: data(m).state }));
  const html = models.filter((m) => m.state._model_name === "HTMLModel");
  // Pictures are opened empty and drawn by updates: find them by what the frontend now shows.
  const picture = (marker: string) => html.find((m) => String(frontend.state(m.id)?.value).includes(marker))!.id;
  const [heatmap, status] = [picture('alt="network output"'), picture(">Epoch<")];
  const button = (description: string) => models.find((m) => m.state._model_name === "ButtonModel" && m.state.description === description)!.id;
  const dropdown = (description: string) => models.find((m) => m.state._model_name === "DropdownModel" && m.state.description === description)!;
  const [play, step] = [button("Play"), button("Step")];
  const shown = () => ({ epoch: epochIn(String(frontend.state(status)!.value)), heatmap: String(frontend.state(heatmap)!.value) });
  expect(shown().epoch).toBe(0);

  // Step: one epoch, and a new boundary.
  const initial = shown().heatmap;
  const stepped = await click(step);
  expect(valueUpdates(stepped, heatmap)).toHaveLength(1);
  expect(shown()).toEqual({ epoch: 1, heatmap: expect.not.stringMatching(initial) });

  // A network knob starts the network over and redraws at once.
  const activation = dropdown("Activation");
  expect(activation.state._options_labels).toEqual(["ReLU", "Tanh", "Sigmoid", "Linear"]);
  const before = shown().heatmap;
  const relu = await update(activation.id, { index: 0 });
  expect(valueUpdates(relu, heatmap)).toHaveLength(1);
  expect(shown()).toEqual({ epoch: 0, heatmap: expect.not.stringMatching(before) });
  expect(await value("live.session.spec.activation")).toBe("relu");

  // Play: epochs advance in the background; a cell and a control are answered meanwhile.
  let heatmapRedraws = 0;
  const countRedraws = kernel.client.onIopub((m) => void (valueUpdates([m], heatmap).length && heatmapRedraws++));
  const started = Date.now();
  await click(play);
  expect(frontend.state(play)?.description).toBe("Pause");
  const trained = new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`the status never showed epoch 30 (last ${shown().epoch})`)), 120_000);
    const stop = kernel.client.onIopub(() => {
      if (shown().epoch < 30) return;
      clearTimeout(timeout);
      stop();
      resolve();
    });
  });
  expect(await value("live.isPlaying")).toBe(true);
  const learningRate = dropdown("Learning rate");
  const faster = await update(learningRate.id, { index: learningRate.state._options_labels.indexOf("0.1") });
  expect(faster.map((m) => data(m)?.method)).toContain("echo_update");
  expect(await value("[live.session.spec.learningRate, live.isPlaying]")).toEqual([0.1, true]);
  await trained;

  // Pause: no epoch after it.
  await click(play);
  const elapsed = Date.now() - started;
  countRedraws();
  expect(frontend.state(play)?.description).toBe("Play");
  const paused = await value("live.session.epoch");
  expect(paused).toBeGreaterThanOrEqual(30);
  expect(shown().epoch).toBe(paused);
  expect(await value("[live.isPlaying, live.session.epoch]")).toEqual([false, paused]);
  // At most two redraws a second, besides the immediate ones (the learning rate, Pause).
  expect(heatmapRedraws).toBeLessThanOrEqual(Math.floor(elapsed / 500) + 3);
  await run("live.close();");
});
