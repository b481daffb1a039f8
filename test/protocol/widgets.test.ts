/**
 * Jupyter widgets over the real protocol: a kernel process spoken to over ZeroMQ by the project's
 * client, playing the part of JupyterLab's widget manager (protocol 2.1.0): models opened with
 * their full state, updates from either side, echo_update, request_state, custom messages with
 * buffers, close, request_states after a reload, and callbacks that throw or follow an interrupt.
 */
import type { RunningKernel } from "../../src/client/launch";
import type { Message } from "../../src/kernel/wire";
import { WidgetStates } from "../../src/runner/widget-state";
import { ofType, startKernel, textOf } from "./helpers";
import { data, widgetFrontend } from "./widget-frontend";

let kernel: RunningKernel;
/** Every iopub message of the session, and the models a widget manager would hold. */
const iopub: Message[] = [];
let frontend: WidgetStates;

beforeAll(async () => {
  kernel = await startKernel();
  frontend = new WidgetStates();
  kernel.client.onIopub((m) => {
    iopub.push(m);
    frontend.fold(m);
  });
}, 120_000);
afterAll(() => kernel?.shutdown());

const { run, value, viewOf, update: frontendUpdate } = widgetFrontend(() => kernel);

describe("a slider", () => {
  let modelId: string;
  let opened: Message[];

  beforeAll(async () => {
    const outputs = await run(
      'const slider = new widgets.IntSlider({ value: 3, min: 0, max: 10, description: "layers" });\n' +
        "const seen: number[] = [];\n" +
        'slider.observe((change) => { seen.push(change.new); }, "value");\n' +
        "slider",
    );
    opened = ofType(outputs, "comm_open");
    modelId = viewOf(outputs);
  });

  test("opens its layout, its style, then itself on jupyter.widget, protocol 2.1.0, full state", () => {
    expect(opened.map((m) => data(m).state._model_name)).toEqual(["LayoutModel", "SliderStyleModel", "IntSliderModel"]);
    for (const m of opened) {
      expect(m.content.target_name).toBe("jupyter.widget");
      expect(m.metadata).toEqual({ version: "2.1.0" });
      expect(data(m).buffer_paths).toEqual([]);
    }
    const [layout, style, slider] = opened.map((m) => data(m).state);
    expect(layout).toMatchObject({ _model_module: "@jupyter-widgets/base", _model_module_version: "2.0.0", _view_name: "LayoutView", width: null });
    expect(style).toMatchObject({ _model_module: "@jupyter-widgets/controls", _view_module: "@jupyter-widgets/base", _view_name: "StyleView", description_width: "", handle_color: null });
    expect(slider).toEqual({
      _model_module: "@jupyter-widgets/controls",
      _model_module_version: "2.0.0",
      _model_name: "IntSliderModel",
      _view_module: "@jupyter-widgets/controls",
      _view_module_version: "2.0.0",
      _view_name: "IntSliderView",
      _view_count: null,
      _dom_classes: [],
      behavior: "drag-tap",
      continuous_update: true,
      description: "layers",
      description_allow_html: false,
      disabled: false,
      layout: `IPY_MODEL_${opened[0].content.comm_id}`,
      max: 10,
      min: 0,
      orientation: "horizontal",
      readout: true,
      readout_format: "d",
      step: 1,
      style: `IPY_MODEL_${opened[1].content.comm_id}`,
      tabbable: null,
      tooltip: null,
      value: 3,
    });
  });

  test("shows as a widget view (version 2.0) with a text fallback", async () => {
    expect(modelId).toBe(opened[2].content.comm_id);
    const [result] = ofType(await run("display(slider)"), "display_data");
    expect(result.content.data).toEqual({
      "application/vnd.jupyter.widget-view+json": { version_major: 2, version_minor: 0, model_id: modelId },
      "text/plain": 'IntSlider(description: "layers", value: 3, max: 10)',
    });
  });

  test("a frontend update is echoed to every frontend, reaches observers, and is not sent back", async () => {
    const answers = await frontendUpdate(modelId, { value: 7 });
    expect(answers.map((m) => [m.header.msg_type, data(m)])).toEqual([["comm_msg", { method: "echo_update", state: { value: 7 }, buffer_paths: [] }]]);
    expect(await value("[slider.value, seen]")).toEqual([7, [7]]);
    expect(frontend.state(modelId)?.value).toBe(7);
  });

  test("a kernel-side change sends an update with just that trait", async () => {
    const outputs = await run("slider.value = 9; slider.description = 'depth';");
    expect(ofType(outputs, "comm_msg").map((m) => [m.content.comm_id, data(m)])).toEqual([
      [modelId, { method: "update", state: { value: 9 }, buffer_paths: [] }],
      [modelId, { method: "update", state: { description: "depth" }, buffer_paths: [] }],
    ]);
    expect(frontend.state(modelId)).toMatchObject({ value: 9, description: "depth" });
  });

  test("a frontend value out of range is echoed, then corrected by an update (validation)", async () => {
    const answers = await frontendUpdate(modelId, { value: 50 });
    expect(answers.map((m) => data(m))).toEqual([
      { method: "echo_update", state: { value: 50 }, buffer_paths: [] },
      { method: "update", state: { value: 10 }, buffer_paths: [] },
    ]);
    expect(await value("slider.value")).toBe(10);
  });

  test("request_state is answered with the full state", async () => {
    const [answer] = await kernel.client.notify("comm_msg", { comm_id: modelId, data: { method: "request_state" } });
    expect(data(answer).method).toBe("update");
    expect(data(answer).state).toMatchObject({ _model_name: "IntSliderModel", value: 10, description: "depth", max: 10 });
  });

  test("setState sends several traits in one update; holdSync batches", async () => {
    const outputs = await run("slider.setState({ max: 20, value: 15 });");
    expect(ofType(outputs, "comm_msg").map((m) => data(m).state)).toEqual([{ max: 20, value: 15 }]);
  });
});

test("custom messages carry binary buffers both ways", async () => {
  const outputs = await run(
    "const probe = new widgets.IntSlider();\n" +
      "probe.onMsg((content, buffers) => probe.send({ got: content, sizes: buffers.map((b) => b.length) }, [Uint8Array.from(buffers[0]).reverse()]));\n" +
      "probe",
  );
  const id = viewOf(outputs);
  const answers = await kernel.client.notify("comm_msg", { comm_id: id, data: { method: "custom", content: { ask: 1 } } }, { buffers: [new Uint8Array([1, 2, 3]), new Uint8Array(5)] });
  expect(answers).toHaveLength(1);
  expect(data(answers[0])).toEqual({ method: "custom", content: { got: { ask: 1 }, sizes: [3, 5] } });
  expect([...answers[0].buffers[0]]).toEqual([3, 2, 1]);
});

test("closing a widget closes its comm; comm_info lists only open widgets", async () => {
  const id = viewOf(await run("const doomed = new widgets.IntSlider();\ndoomed"));
  const before = await kernel.client.request("shell", "comm_info_request", { target_name: "jupyter.widget" });
  expect(before.content.comms).toHaveProperty(id, { target_name: "jupyter.widget" });
  const outputs = await run("doomed.close(); doomed.isOpen");
  expect(ofType(outputs, "comm_close").map((m) => m.content.comm_id)).toEqual([id]);
  expect(textOf(ofType(outputs, "execute_result"))).toBe("false");
  const after = await kernel.client.request("shell", "comm_info_request", { target_name: "jupyter.widget" });
  expect(after.content.comms).not.toHaveProperty(id);
  expect(frontend.state(id)).toBeUndefined();
});

test("a frontend comm_close detaches the widget; setting it later sends nothing", async () => {
  const id = viewOf(await run("const dropped = new widgets.IntSlider();\ndropped"));
  expect(await kernel.client.notify("comm_close", { comm_id: id, data: {} })).toEqual([]);
  const outputs = await run("dropped.value = 4; dropped.isOpen");
  expect(ofType(outputs, "comm_msg")).toEqual([]);
  expect(textOf(ofType(outputs, "execute_result"))).toBe("false");
});

test("after a page reload, request_states on jupyter.widget.control returns every live widget", async () => {
  const ids = (await kernel.client.request("shell", "comm_info_request", { target_name: "jupyter.widget" })).content.comms as Record<string, unknown>;
  const opened = await kernel.client.notify("comm_open", { comm_id: "control-1", target_name: "jupyter.widget.control", data: {} }, { metadata: { version: "1.0.0" } });
  expect(ofType(opened, "comm_close")).toEqual([]);
  const [answer] = await kernel.client.notify("comm_msg", { comm_id: "control-1", data: { method: "request_states" } });
  expect(data(answer).method).toBe("update_states");
  const states = data(answer).states as Record<string, any>;
  expect(Object.keys(states).sort()).toEqual(Object.keys(ids).sort());
  for (const [id, entry] of Object.entries(states)) {
    expect(entry.model_name).toBe(entry.state._model_name);
    expect(entry.model_module).toBe(entry.state._model_module);
    expect(entry.model_module_version).toBe(entry.state._model_module_version);
    expect(frontend.state(id)).toEqual(entry.state); // what the frontend had before the reload
  }
  expect(data(answer).buffer_paths).toEqual([]);
  await kernel.client.notify("comm_close", { comm_id: "control-1", data: {} });
});

test("a comm_msg for an unknown comm is ignored; the kernel answers the next request", async () => {
  const answers = await kernel.client.notify("comm_msg", { comm_id: "no-such-comm", data: { method: "update", state: { value: 1 } } });
  expect(answers).toEqual([]);
  expect(await value("1 + 1")).toBe(2);
});

describe("frontend-driven callbacks", () => {
  let id: string;
  beforeAll(async () => {
    id = viewOf(
      await run(
        "const fragile = new widgets.IntSlider({ max: 100 });\n" +
          "const fragileSeen: number[] = [];\n" +
          'fragile.observe((c) => { if (c.new === 13) throw new Error("unlucky " + c.new); }, "value");\n' +
          'fragile.observe((c) => { fragileSeen.push(c.new); }, "value");\n' +
          "fragile",
      ),
    );
  });

  test("an observer that throws prints its stack on stderr for that message; other observers still run", async () => {
    const answers = await frontendUpdate(id, { value: 13 });
    const stderr = ofType(answers, "stream").filter((m) => m.content.name === "stderr");
    expect(textOf(stderr)).toMatch(/^Error in comm \w+ \(jupyter\.widget\):\nError: unlucky 13\n +at \[cell \d+\], line 3 +fragile\.observe/);
    expect(await value("fragileSeen")).toEqual([13]);
    await frontendUpdate(id, { value: 14 });
    expect(await value("[fragile.value, fragileSeen]")).toEqual([14, [13, 14]]);
  });

  test("what an observer prints goes to the update's message, before the kernel's idle for it", async () => {
    const chatty = viewOf(await run('const chatty = new widgets.IntSlider();\nchatty.observe((c) => console.log(`now ${c.new}`), "value");\nchatty'));
    const answers = await frontendUpdate(chatty, { value: 4 });
    expect(textOf(ofType(answers, "stream"))).toBe("now 4\n");
  });

  test("a cell error leaves every widget working", async () => {
    const failed = await kernel.client.execute('throw new Error("cell fails")', { timeoutMs: 30_000 });
    expect(failed.reply.content.status).toBe("error");
    await frontendUpdate(id, { value: 20 });
    expect(await value("[fragile.value, fragileSeen.at(-1)]")).toEqual([20, 20]);
  });

  test("an interrupted cell leaves every widget working", async () => {
    const running = kernel.client.execute("while (true) {}", { timeoutMs: 60_000 });
    // Interrupt once the cell has started (its execute_input is out).
    await new Promise<void>((resolve) => {
      const stop = kernel.client.onIopub((m) => m.header.msg_type === "execute_input" && m.content.code === "while (true) {}" && (stop(), resolve()));
    });
    await kernel.client.request("control", "interrupt_request", {});
    expect((await running).reply.content.status).toBe("error");
    const answers = await frontendUpdate(id, { value: 21 });
    expect(ofType(answers, "comm_msg").map((m) => data(m).method)).toEqual(["echo_update"]);
    expect(await value("[fragile.value, fragileSeen.at(-1)]")).toEqual([21, 21]);
  });
});

describe("the comm API for cells", () => {
  test("a cell opens a comm to a frontend target with buffers, sends, receives and closes", async () => {
    const outputs = await run(
      'const channel = comms.open("tsdl.test", { hello: 1 }, { metadata: { v: "1" }, buffers: [new Uint8Array([7, 8])] });\n' +
        "const heard: unknown[] = [];\n" +
        "channel.onMessage((m) => { heard.push([m.data, m.buffers.map((b) => [...b])]); channel.send({ pong: m.data.ping }, { buffers: [new Uint8Array([9])] }); });\n" +
        "channel.id",
    );
    const [open] = ofType(outputs, "comm_open");
    expect(open.content).toEqual({ comm_id: expect.any(String), target_name: "tsdl.test", data: { hello: 1 } });
    expect(open.metadata).toEqual({ v: "1" });
    expect([...open.buffers[0]]).toEqual([7, 8]);
    const id = String(open.content.comm_id);
    const [reply] = await kernel.client.notify("comm_msg", { comm_id: id, data: { ping: 5 } }, { buffers: [new Uint8Array([1, 2, 3])] });
    expect(reply.content).toEqual({ comm_id: id, data: { pong: 5 } });
    expect([...reply.buffers[0]]).toEqual([9]);
    expect(await value("heard")).toEqual([[{ ping: 5 }, [[1, 2, 3]]]]);
    const closed = await run("channel.close({ bye: true }); channel.closed");
    expect(ofType(closed, "comm_close").map((m) => m.content)).toEqual([{ comm_id: id, data: { bye: true } }]);
    expect(textOf(ofType(closed, "execute_result"))).toBe("true");
  });

  test("a cell registers a target; the frontend opens a comm to it and is answered", async () => {
    await run(
      "const opened: unknown[] = [];\n" +
        'comms.registerTarget("tsdl.echo", (comm, first) => {\n' +
        "  opened.push(first.data);\n" +
        "  comm.onMessage((m) => comm.send({ echo: m.data }, { buffers: m.buffers }));\n" +
        "  comm.onClose((m) => opened.push({ closed: m.data }));\n" +
        "});",
    );
    expect(ofType(await kernel.client.notify("comm_open", { comm_id: "echo-1", target_name: "tsdl.echo", data: { start: 1 } }), "comm_close")).toEqual([]);
    const info = await kernel.client.request("shell", "comm_info_request", { target_name: "tsdl.echo" });
    expect(info.content.comms).toEqual({ "echo-1": { target_name: "tsdl.echo" } });
    const [echo] = await kernel.client.notify("comm_msg", { comm_id: "echo-1", data: { n: 2 } }, { buffers: [new Uint8Array([4, 2])] });
    expect(echo.content).toEqual({ comm_id: "echo-1", data: { echo: { n: 2 } } });
    expect([...echo.buffers[0]]).toEqual([4, 2]);
    await kernel.client.notify("comm_close", { comm_id: "echo-1", data: { reason: "done" } });
    expect(await value("opened")).toEqual([{ start: 1 }, { closed: { reason: "done" } }]);
  });
});

describe("interact and Output", () => {
  test("a drag re-runs the function; its output is captured by the Output under the drag's message id", async () => {
    const outputs = await run('widgets.interact(({ n, act }) => { console.log(act, n); return n * 2; }, { n: [0, 10], act: ["relu", "tanh"] });');
    const opened = ofType(outputs, "comm_open").map((m) => [m.content.comm_id as string, data(m).state._model_name]);
    const sliderId = opened.find(([, name]) => name === "IntSliderModel")![0];
    const outputId = opened.find(([, name]) => name === "OutputModel")![0];
    // The first run happened in the cell, captured under the execute_request's id.
    expect(frontend.state(outputId)?.msg_id).toBe("");
    const answers = await frontendUpdate(sliderId, { value: 7 });
    const dragId = answers[0].parent_header.msg_id;
    expect(answers.map((m) => [m.header.msg_type, m.content.comm_id === outputId ? data(m).state : m.content.name ?? m.content.data])).toEqual([
      ["comm_msg", { method: "echo_update", state: { value: 7 }, buffer_paths: [] }],
      ["comm_msg", { msg_id: dragId }],
      ["clear_output", undefined],
      ["stream", "stdout"],
      ["display_data", { "text/plain": "14" }],
      ["comm_msg", { msg_id: "" }],
    ]);
    expect(textOf(ofType(answers, "stream"))).toBe("relu 7\n");
    for (const m of answers) expect(m.parent_header.msg_id).toBe(dragId);
  });

  test("a button's callback prints into an Output through capture", async () => {
    const outputs = await run('const go = new widgets.Button({ description: "go" });\nconst log = new widgets.Output();\ngo.onClick(() => log.capture(() => console.log("clicked")));\nnew widgets.VBox([go, log])');
    const buttonId = ofType(outputs, "comm_open").find((m) => data(m).state._model_name === "ButtonModel")!.content.comm_id;
    const answers = await kernel.client.notify("comm_msg", { comm_id: buttonId, data: { method: "custom", content: { event: "click" } } });
    expect(answers.map((m) => m.header.msg_type)).toEqual(["comm_msg", "stream", "comm_msg"]);
    expect(data(answers[0]).state).toEqual({ msg_id: answers[0].parent_header.msg_id });
    expect(answers[1].content).toEqual({ name: "stdout", text: "clicked\n" });
  });
});
