/**
 * The rest of issue 14's widgets over the real protocol (a kernel over ZeroMQ, the project's
 * client as JupyterLab's widget manager): FloatLogSlider, HBox/VBox/Tab and jslink as models a
 * frontend can build, interactManual and continuous_update, Output capturing a cell's console
 * and display() output, and callbacks whose errors show in an Output or on stderr while the
 * kernel goes on.
 */
import type { RunningKernel } from "../../src/client/launch";
import type { Message } from "../../src/kernel/wire";
import { WidgetStates } from "../../src/runner/widget-state";
import { ofType, startKernel, textOf } from "./helpers";
import { data, widgetFrontend } from "./widget-frontend";

let kernel: RunningKernel;
let frontend: WidgetStates;

beforeAll(async () => {
  kernel = await startKernel();
  // The first cell loads the prelude (slow on a loaded machine); tests then time their own cells.
  await kernel.client.execute("widgets.Output", { timeoutMs: 170_000 });
  frontend = new WidgetStates();
  kernel.client.onIopub((m) => {
    frontend.fold(m);
  });
}, 180_000);
afterAll(() => kernel?.shutdown());

const { run, value, viewOf, update, click } = widgetFrontend(() => kernel);
/** Model name -> comm ids, in the order the cell opened them. */
const openedModels = (outputs: Message[]) => ofType(outputs, "comm_open").map((m) => ({ id: String(m.content.comm_id), name: data(m).state._model_name as string, state: data(m).state }));
/** The next stderr text matching `pattern`, from any message; fails after 30 s. */
const stderrWith = (pattern: RegExp) =>
  new Promise<string>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`no stderr matching ${pattern}`)), 30_000);
    const stop = kernel.client.onIopub((m) => {
      if (m.header.msg_type !== "stream" || m.content.name !== "stderr" || !pattern.test(String(m.content.text))) return;
      clearTimeout(timeout);
      stop();
      resolve(String(m.content.text));
    });
  });
const ref = (id: string) => `IPY_MODEL_${id}`;

test("FloatLogSlider, HBox, VBox, Tab and jslink: every referenced model is opened before the model that refers to it", async () => {
  const outputs = await run(
    'const lr = new widgets.FloatLogSlider({ value: 0.01, min: -4, max: 0, description: "lr" });\n' +
      "const play = new widgets.Play({ max: 5 });\n" +
      'const epoch = new widgets.IntSlider({ max: 5, description: "epoch" });\n' +
      'const link = widgets.jslink([play, "value"], [epoch, "value"]);\n' +
      'const tabs = new widgets.Tab([new widgets.HBox([play, epoch]), new widgets.VBox([lr])], { titles: ["run", "rate"] });\n' +
      "tabs",
  );
  const models = openedModels(outputs);
  const seen = new Set<string>();
  for (const { id, state } of models) {
    for (const match of JSON.stringify(state).matchAll(/IPY_MODEL_(\w+)/g)) expect(seen).toContain(match[1]);
    seen.add(id);
  }
  const one = (name: string) => models.filter((m) => m.name === name);
  const [logSlider] = one("FloatLogSliderModel");
  expect(logSlider.state).toMatchObject({ _view_name: "FloatLogSliderView", value: 0.01, base: 10, min: -4, max: 0, description: "lr", readout_format: ".3g" });
  const [playModel] = one("PlayModel");
  const epochModel = one("IntSliderModel").find((m) => m.state.description === "epoch")!;
  expect(one("LinkModel").map((m) => [m.state.source, m.state.target, m.state._view_name])).toEqual([[[ref(playModel.id), "value"], [ref(epochModel.id), "value"], null]]);
  const [hbox] = one("HBoxModel");
  const [vbox] = one("VBoxModel");
  expect(hbox.state.children).toEqual([ref(playModel.id), ref(epochModel.id)]);
  expect(vbox.state.children).toEqual([ref(logSlider.id)]);
  const [tab] = one("TabModel");
  expect(tab.state).toMatchObject({ _view_name: "TabView", children: [ref(hbox.id), ref(vbox.id)], titles: ["run", "rate"], selected_index: 0 });
  expect(viewOf(outputs)).toBe(tab.id);

  // The frontend picks a tab, drags the log slider (to a value and past its bound) and plays:
  // jslink moves the linked slider in the browser, which sends its own update.
  await update(tab.id, { selected_index: 1 });
  await update(logSlider.id, { value: 0.1 });
  expect(await value("[tabs.selectedIndex, lr.value]")).toEqual([1, 0.1]);
  const corrected = await update(logSlider.id, { value: 100 });
  expect(corrected.map((m) => data(m))).toEqual([
    { method: "echo_update", state: { value: 100 }, buffer_paths: [] },
    { method: "update", state: { value: 1 }, buffer_paths: [] },
  ]);
  await update(playModel.id, { value: 3 });
  await update(epochModel.id, { value: 3 });
  expect(await value("[play.value, epoch.value]")).toEqual([3, 3]);
  // Unlinking closes the link model, so the frontend stops linking.
  const unlinked = await run("link.unlink();");
  expect(ofType(unlinked, "comm_close").map((m) => m.content.comm_id)).toEqual([one("LinkModel")[0].id]);
});

test("interactManual runs only on its Run button, and its sliders send a value only when a drag ends", async () => {
  const outputs = await run('const trained: number[] = [];\nwidgets.interactManual(({ n }) => { trained.push(n); console.log("trained", n); }, { n: [0, 10] });');
  const models = openedModels(outputs);
  const slider = models.find((m) => m.name === "IntSliderModel")!;
  const button = models.find((m) => m.name === "ButtonModel")!;
  const out = models.find((m) => m.name === "OutputModel")!;
  expect(slider.state).toMatchObject({ continuous_update: false, value: 5, description: "n" });
  expect(button.state.description).toBe("Run Interact");
  expect(await value("trained")).toEqual([]);
  const dragged = await update(slider.id, { value: 3 });
  expect(dragged.map((m) => data(m)?.method)).toEqual(["echo_update"]);
  expect(await value("trained")).toEqual([]);
  const clicked = await click(button.id);
  const clickId = clicked[0].parent_header.msg_id;
  expect(clicked.filter((m) => m.content.comm_id === out.id).map((m) => data(m).state)).toEqual([{ msg_id: clickId }, { msg_id: "" }]);
  expect(textOf(ofType(clicked, "stream"))).toBe("trained 3\n");
  expect(await value("trained")).toEqual([3]);
});

test("interact's continuousUpdate: false reaches its sliders and text boxes; it still runs on every change", async () => {
  const outputs = await run('const heard: unknown[] = [];\nwidgets.interact(({ lr, name }) => { heard.push([lr, name]); }, { lr: [0.001, 1, 0.001], name: "mlp" }, { continuousUpdate: false });');
  const models = openedModels(outputs);
  const slider = models.find((m) => m.name === "FloatSliderModel")!;
  const text = models.find((m) => m.name === "TextModel")!;
  expect([slider.state.continuous_update, text.state.continuous_update]).toEqual([false, false]);
  await update(slider.id, { value: 0.25 });
  await update(text.id, { value: "cnn" });
  expect(await value("heard")).toEqual([[0.5, "mlp"], [0.25, "mlp"], [0.25, "cnn"]]);
});

test("an Output captures a cell's console and display() output, and an error thrown inside it", async () => {
  const outputs = await run(
    "const out = new widgets.Output();\n" +
      "display(out);\n" +
      'out.capture(() => { console.log("into the widget"); display.html("<b>bold</b>"); throw new Error("shown inside"); });\n' +
      'console.log("into the cell");',
  );
  const [opened] = openedModels(outputs).filter((m) => m.name === "OutputModel");
  const cellId = outputs[0].parent_header.msg_id;
  const kinds = outputs.map((m) => [m.header.msg_type, m.content.comm_id === opened.id ? data(m).state?.msg_id : m.content.name ?? Object.keys(m.content.data ?? {}).join()]);
  // The frontend routes what arrives while msg_id names the cell into the widget.
  const captureStart = kinds.findIndex(([type, id]) => type === "comm_msg" && id === cellId);
  const captureEnd = kinds.findIndex(([type, id], i) => i > captureStart && type === "comm_msg" && id === "");
  expect(captureStart).toBeGreaterThan(0);
  expect(kinds.slice(captureStart + 1, captureEnd)).toEqual([
    ["stream", "stdout"],
    ["display_data", "text/html,text/plain"],
    ["stream", "stderr"],
  ]);
  const inside = outputs.slice(captureStart + 1, captureEnd);
  expect(textOf(inside)).toMatch(/^into the widget\n<HTML>Error: shown inside\n +at \[cell \d+\], line 3/);
  expect(textOf(outputs.slice(captureEnd))).toBe("into the cell\n");
});

describe("callbacks a frontend drives", () => {
  test("a function that throws on a drag shows its error in the interact's Output; the next drag runs", async () => {
    const outputs = await run('widgets.interact(({ n }) => { if (n === 13) throw new Error("unlucky " + n); return n * 2; }, { n: [0, 20] });');
    const models = openedModels(outputs);
    const slider = models.find((m) => m.name === "IntSliderModel")!;
    const out = models.find((m) => m.name === "OutputModel")!;
    const failed = await update(slider.id, { value: 13 });
    const dragId = failed[0].parent_header.msg_id;
    const captured = failed.slice(failed.findIndex((m) => m.content.comm_id === out.id && data(m).state.msg_id === dragId));
    expect(captured.map((m) => m.header.msg_type)).toEqual(["comm_msg", "clear_output", "stream", "comm_msg"]);
    expect(captured[2].content.name).toBe("stderr");
    expect(textOf([captured[2]])).toMatch(/^Error: unlucky 13\n +at .*\[cell \d+\], line 1/);
    const next = await update(slider.id, { value: 14 });
    expect(ofType(next, "display_data").map((m) => data(m)["text/plain"])).toEqual(["28"]);
  });

  test("an async observer's rejection and a throwing timer it starts print on stderr; the kernel and the widget go on", async () => {
    const id = viewOf(
      await run(
        "const lazy = new widgets.IntSlider();\n" +
          'lazy.observe(async (c) => { await Promise.resolve(); throw new Error("rejected " + c.new); }, "value");\n' +
          'lazy.observe((c) => { setTimeout(() => { throw new Error("timer " + c.new); }, 0); }, "value");\n' +
          "lazy",
      ),
    );
    const reported = Promise.all([stderrWith(/rejected 6/), stderrWith(/timer 6/)]);
    await update(id, { value: 6 });
    const [rejected, timer] = await reported;
    expect(rejected).toMatch(/^Error in comm \w+ \(jupyter\.widget\):\nError: rejected 6\n +at .*\[cell \d+\], line 2/);
    expect(timer).toMatch(/^Uncaught exception: Error: timer 6\n/);
    await update(id, { value: 7 });
    expect(await value("lazy.value")).toBe(7);
  });

  test("an interrupt stops an observer stuck in a synchronous loop; the widget and the kernel go on", async () => {
    const id = viewOf(await run('const stuck = new widgets.IntSlider();\nstuck.observe((c) => { while (c.new === 99) {} }, "value");\nstuck'));
    let settled = false;
    const answered = update(id, { value: 99 }).finally(() => (settled = true));
    // The interrupt stops only running code: repeat it until the loop has started and ended.
    for (let i = 0; i < 60 && !settled; i++) {
      await kernel.client.request("control", "interrupt_request", {});
      await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    }
    const answers = await answered;
    expect(textOf(ofType(answers, "stream"))).toMatch(/^Error in comm \w+ \(jupyter\.widget\):\nInterrupted: the callback was interrupted/);
    await update(id, { value: 5 });
    expect(await value("stuck.value")).toBe(5);
  });
});
