/**
 * The widgets library without a kernel: a fake comm host records what widgets send and delivers
 * frontend messages, so models, validation, selection, containers, links, Output and interact are
 * checked message by message (the real protocol is test/protocol/widgets.test.ts).
 */
import { setCommHost } from "../../src/display/comm";
import * as widgets from "../../src/widgets";
import { managerState, updateStates } from "../../src/widgets/registry";
import { camelCase, putBuffers, removeBuffers, snakeCase } from "../../src/widgets/serialize";
import { Widget } from "../../src/widgets/widget";
import { FakeHost } from "./fake-host";

let host: FakeHost;
beforeEach(() => {
  host = FakeHost.install();
});
afterAll(() => setCommHost(null));

const stateOf = (w: Widget) => host.sent.find((s) => s.kind === "open" && s.commId === w.modelId)!.data.state;
const updates = (w: Widget, from = 0) => host.messages(w.modelId, from).map((m) => m.data);
const fromFrontend = (w: Widget, state: Record<string, unknown>) => host.deliver(w.modelId, { method: "update", state, buffer_paths: [] });
const ref = (w: Widget) => `IPY_MODEL_${w.modelId}`;

describe("wire encoding", () => {
  test("buffers leave the state by path (dict keys removed, list items null) and come back", () => {
    const a = new Uint8Array([1]);
    const b = new Float32Array([2]);
    const split = removeBuffers({ plain: [0, "x"], x: { ar: a }, y: [b, 3] });
    expect(split.state).toEqual({ plain: [0, "x"], x: {}, y: [null, 3] });
    expect(split.bufferPaths).toEqual([["x", "ar"], ["y", 0]]);
    expect(split.buffers.map((u) => u.byteLength)).toEqual([1, 4]);
    putBuffers(split.state, split.bufferPaths, split.buffers);
    expect((split.state.x as any).ar).toBe(split.buffers[0]);
    expect((split.state.y as any)[0]).toBe(split.buffers[1]);
  });

  test("TypeScript names map to the wire's snake_case and back", () => {
    expect(snakeCase("descriptionAllowHtml")).toBe("description_allow_html");
    expect(camelCase("continuous_update")).toBe("continuousUpdate");
  });
});

describe("models", () => {
  test("an option the model lacks is an error, not a silent typo", () => {
    expect(() => new widgets.IntSlider({ valu: 3 } as never)).toThrow('IntSlider has no option "valu"');
  });

  test("a widget shows as a view with a text fallback; a link has no view", () => {
    const slider = new widgets.IntSlider({ value: 2 });
    expect((slider as any)[Symbol.for("Jupyter.display")]()).toEqual({
      "application/vnd.jupyter.widget-view+json": { version_major: 2, version_minor: 0, model_id: slider.modelId },
      "text/plain": "IntSlider(value: 2)",
    });
    const link = widgets.jslink([slider, "value"], [new widgets.IntSlider(), "value"]);
    expect(Object.keys((link as any)[Symbol.for("Jupyter.display")]())).toEqual(["text/plain"]);
  });

  test("default states of the controls match ipywidgets 8", () => {
    const state = (w: Widget) => {
      const { layout, style, ...rest } = stateOf(w);
      return rest;
    };
    const header = (name: string) => ({
      _model_module: "@jupyter-widgets/controls",
      _model_module_version: "2.0.0",
      _model_name: `${name}Model`,
      _view_module: "@jupyter-widgets/controls",
      _view_module_version: "2.0.0",
      _view_name: `${name}View`,
      _view_count: null,
      _dom_classes: [],
      tabbable: null,
      tooltip: null,
    });
    const described = { description: "", description_allow_html: false };
    expect(state(new widgets.Checkbox())).toEqual({ ...header("Checkbox"), ...described, value: false, disabled: false, indent: true });
    expect(state(new widgets.Text())).toEqual({ ...header("Text"), ...described, value: "", placeholder: "\u200b", continuous_update: true, disabled: false });
    expect(state(new widgets.Label("hi"))).toEqual({ ...header("Label"), ...described, value: "hi", placeholder: "\u200b" });
    expect(state(new widgets.HTML("<b>x</b>"))).toEqual({ ...header("HTML"), ...described, value: "<b>x</b>", placeholder: "\u200b" });
    expect(state(new widgets.Button())).toEqual({ ...header("Button"), description: "", disabled: false, icon: "", button_style: "" });
    expect(state(new widgets.Play())).toEqual({ ...header("Play"), ...described, value: 0, min: 0, max: 100, step: 1, interval: 100, playing: false, repeat: false, show_repeat: true, disabled: false });
    expect(state(new widgets.FloatSlider())).toEqual({ ...header("FloatSlider"), ...described, value: 0, min: 0, max: 100, step: 0.1, behavior: "drag-tap", continuous_update: true, disabled: false, orientation: "horizontal", readout: true, readout_format: ".2f" });
    expect(state(new widgets.FloatLogSlider())).toMatchObject({ value: 1, min: 0, max: 4, base: 10, step: 0.1, readout_format: ".3g" });
    expect(state(new widgets.Dropdown({ options: [] }))).toEqual({ ...header("Dropdown"), ...described, _options_labels: [], index: null, disabled: false });
    expect(state(new widgets.ToggleButtons({ options: ["a"] }))).toEqual({ ...header("ToggleButtons"), ...described, _options_labels: ["a"], index: 0, disabled: false, button_style: "", icons: [], tooltips: [] });
    const out = stateOf(new widgets.Output());
    expect(out).toMatchObject({ _model_module: "@jupyter-widgets/output", _model_module_version: "1.0.0", _model_name: "OutputModel", _view_name: "OutputView", msg_id: "", outputs: [] });
  });

  test("each widget gets its own layout and its model's style, opened before it", () => {
    const button = new widgets.Button({ description: "go", style: { buttonColor: "lightgreen" }, layout: { width: "120px" } });
    const opened = host.sent.filter((s) => s.kind === "open").map((s) => s.data.state);
    expect(opened.map((s) => s._model_name)).toEqual(["LayoutModel", "ButtonStyleModel", "ButtonModel"]);
    expect(opened[0]).toMatchObject({ width: "120px" });
    expect(opened[1]).toMatchObject({ button_color: "lightgreen", _view_name: "StyleView", _view_module: "@jupyter-widgets/base" });
    expect(opened[2]).toMatchObject({ layout: ref(button.layout), style: ref(button.style) });
    const before = host.sent.length;
    button.layout.border = "1px solid red";
    expect(updates(button.layout, before)).toEqual([{ method: "update", state: { border_top: "1px solid red", border_right: "1px solid red", border_bottom: "1px solid red", border_left: "1px solid red" }, buffer_paths: [] }]);
  });
});

describe("sliders", () => {
  test("values are clamped, ints truncated, and min > max refused", () => {
    const slider = new widgets.IntSlider({ value: 50, max: 10 });
    expect(slider.value).toBe(10);
    slider.value = 3.9;
    expect(slider.value).toBe(3);
    expect(() => (slider.min = 11)).toThrow("setting min (11) > max (10)");
    expect(() => new widgets.FloatSlider({ min: 2, max: 1 })).toThrow("min (2) > max (1)");
  });

  test("a bound that passes the value drags it along, and both changes are sent", () => {
    const slider = new widgets.FloatSlider({ value: 2, min: 0, max: 10 });
    const from = host.sent.length;
    slider.min = 5;
    expect(updates(slider, from).map((m) => m.state)).toEqual([{ value: 5 }, { min: 5 }]);
  });

  test("a log slider bounds its value by base^min .. base^max", () => {
    const slider = new widgets.FloatLogSlider({ value: 1e-5, min: -4, max: 0 });
    expect(slider.value).toBeCloseTo(1e-4);
  });

  test("observers see frontend and kernel changes; a frontend change is echoed, not sent back", () => {
    const slider = new widgets.IntSlider();
    const seen: unknown[] = [];
    slider.observe((c) => seen.push([c.name, c.old, c.new]), "value");
    const from = host.sent.length;
    fromFrontend(slider, { value: 4 });
    slider.value = 6;
    expect(seen).toEqual([["value", 0, 4], ["value", 4, 6]]);
    expect(updates(slider, from).map((m) => [m.method, m.state])).toEqual([["echo_update", { value: 4 }], ["update", { value: 6 }]]);
  });

  test("with JUPYTER_WIDGETS_ECHO=0 no echo is sent", () => {
    const slider = new widgets.IntSlider();
    process.env.JUPYTER_WIDGETS_ECHO = "0";
    try {
      const from = host.sent.length;
      fromFrontend(slider, { value: 4 });
      expect(updates(slider, from)).toEqual([]);
    } finally {
      delete process.env.JUPYTER_WIDGETS_ECHO;
    }
  });

  test("an observer that throws does not stop the others; the error reaches the caller", () => {
    const slider = new widgets.IntSlider();
    const seen: number[] = [];
    slider.observe(() => {
      throw new Error("first");
    }, "value");
    slider.observe((c) => void seen.push(c.new), "value");
    expect(() => fromFrontend(slider, { value: 1 })).toThrow("first");
    expect(seen).toEqual([1]);
  });

  test("observing a trait that does not exist is an error", () => {
    expect(() => new widgets.IntSlider().observe(() => undefined, "valeu")).toThrow("IntSlider has no trait valeu");
  });
});

describe("selection", () => {
  test("options as values, [label, value] pairs or an object; the first is selected by default", () => {
    expect(stateOf(new widgets.Dropdown({ options: ["relu", "tanh"] }))).toMatchObject({ _options_labels: ["relu", "tanh"], index: 0 });
    const pairs = new widgets.Dropdown<number>({ options: [["small", 1], ["big", 10]], value: 10 });
    expect([pairs.index, pairs.label, pairs.value]).toEqual([1, "big", 10]);
    const object = new widgets.Dropdown<number>({ options: { a: 1, b: 2 }, label: "b" });
    expect(object.value).toBe(2);
    expect(() => new widgets.Dropdown({ options: ["x"], value: "y" })).toThrow('"y" is not one of the options (x)');
  });

  test("a frontend index change fires index, value and label observers", () => {
    const dropdown = new widgets.Dropdown<number>({ options: [["one", 1], ["two", 2]] });
    const seen: unknown[] = [];
    dropdown.observe((c) => seen.push([c.name, c.old, c.new]));
    fromFrontend(dropdown, { index: 1 });
    expect(seen).toEqual([["index", 0, 1], ["value", 1, 2], ["label", "one", "two"]]);
  });

  test("setting value sends the index; an out-of-range index from the frontend is refused", () => {
    const toggles = new widgets.ToggleButtons({ options: ["a", "b", "c"] });
    const from = host.sent.length;
    toggles.value = "c";
    expect(updates(toggles, from).map((m) => m.state)).toEqual([{ index: 2 }]);
    expect(() => fromFrontend(toggles, { index: 7 })).toThrow("index 7 is out of bounds");
  });

  test("new options keep the value when it is still offered", () => {
    const dropdown = new widgets.Dropdown({ options: ["a", "b"], value: "b" });
    dropdown.options = ["b", "c"];
    expect([dropdown.value, dropdown.index]).toEqual(["b", 0]);
    dropdown.options = ["x"];
    expect(dropdown.value).toBe("x");
  });
});

describe("buttons, text, play", () => {
  test("a click from the frontend calls onClick; click() from the kernel too", () => {
    const button = new widgets.Button({ description: "run" });
    let clicks = 0;
    button.onClick(() => void clicks++);
    host.deliver(button.modelId, { method: "custom", content: { event: "click" } });
    button.click();
    expect(clicks).toBe(2);
  });

  test("Enter in a Text calls onSubmit; other custom messages reach onMsg with buffers", () => {
    const text = new widgets.Text();
    const events: unknown[] = [];
    text.onSubmit(() => events.push("submit"));
    text.onMsg((content, buffers) => events.push([content, buffers.length]));
    host.deliver(text.modelId, { method: "custom", content: { event: "submit" } });
    host.deliver(text.modelId, { method: "custom", content: { other: 1 } }, [new Uint8Array(2)]);
    expect(events).toEqual(["submit", [{ other: 1 }, 1]]);
  });

  test("request_state is answered with the whole state", () => {
    const play = new widgets.Play({ max: 5, interval: 50 });
    const from = host.sent.length;
    host.deliver(play.modelId, { method: "request_state" });
    expect(updates(play, from)[0]).toMatchObject({ method: "update", state: { _model_name: "PlayModel", max: 5, interval: 50 } });
  });

  test("an unknown method is an error the kernel reports", () => {
    expect(() => host.deliver(new widgets.Play().modelId, { method: "nonsense" })).toThrow('unknown widget message method "nonsense"');
  });
});

describe("containers and links", () => {
  test("boxes hold widget references; a tab pads titles and selects the first page", () => {
    const a = new widgets.Label("a");
    const b = new widgets.Label("b");
    const box = new widgets.HBox([a, b], { boxStyle: "info" });
    expect(stateOf(box)).toMatchObject({ _model_name: "HBoxModel", children: [ref(a), ref(b)], box_style: "info" });
    const tab = new widgets.Tab([a, b], { titles: ["first"] });
    expect(stateOf(tab)).toMatchObject({ _model_name: "TabModel", titles: ["first", ""], selected_index: 0 });
    tab.children = [a];
    expect([tab.titles, tab.selectedIndex]).toEqual([["first"], 0]);
    expect(() => (tab.selectedIndex = 3)).toThrow("tab 3 is out of bounds");
    fromFrontend(tab, { children: [ref(b), ref(a)] });
    expect(tab.children).toEqual([b, a]);
  });

  test("jslink makes a LinkModel without a view, naming traits on the wire", () => {
    const play = new widgets.Play();
    const slider = new widgets.IntSlider();
    const link = widgets.jslink([play, "value"], [slider, "value"]);
    expect(stateOf(link)).toMatchObject({ _model_name: "LinkModel", _view_name: null, source: [ref(play), "value"], target: [ref(slider), "value"] });
    expect(() => widgets.jslink([play, "nope"], [slider, "value"])).toThrow("Play has no trait nope");
  });

  test("closing a widget closes its comm and drops it from the manager state", () => {
    const label = new widgets.Label("bye");
    expect(managerState().state).toHaveProperty(label.modelId);
    label.close();
    expect(host.sent.at(-1)).toMatchObject({ kind: "close", commId: label.modelId });
    expect(managerState().state).not.toHaveProperty(label.modelId);
  });
});

describe("state for reloads and saved notebooks", () => {
  class Blob extends Widget {
    constructor(bytes: Uint8Array) {
      super({ _model_module: "m", _model_module_version: "1", _model_name: "BlobModel", _view_module: "m", _view_module_version: "1", _view_name: "BlobView", _view_count: null, data: null }, { data: bytes });
    }
  }

  test("update_states carries every widget, buffers at [id, 'state', ...path]", () => {
    const blob = new Blob(new Uint8Array([5, 6]));
    const { data, buffers } = updateStates();
    const states = data.states as Record<string, any>;
    expect(states[blob.modelId]).toEqual({ model_name: "BlobModel", model_module: "m", model_module_version: "1", state: expect.not.objectContaining({ data: expect.anything() }) });
    const at = (data.buffer_paths as unknown[][]).findIndex((p) => p[0] === blob.modelId);
    expect(data.buffer_paths).toContainEqual([blob.modelId, "state", "data"]);
    expect([...buffers[at]]).toEqual([5, 6]);
  });

  test("the saved manager state has version 2.0 and base64 buffers", () => {
    const blob = new Blob(new Uint8Array([255]));
    const saved = managerState();
    expect([saved.version_major, saved.version_minor]).toEqual([2, 0]);
    expect(saved.state[blob.modelId]).toMatchObject({ model_name: "BlobModel", buffers: [{ encoding: "base64", path: ["data"], data: "/w==" }] });
  });

  test("the control target answers request_states and closes a comm of another major version", () => {
    new widgets.Label("x");
    host.frontendOpen("jupyter.widget.control", "control-a", { version: "1.0.0" });
    const from = host.sent.length;
    host.deliver("control-a", { method: "request_states" });
    expect(host.messages("control-a", from)[0].data.method).toBe("update_states");
    expect(() => host.frontendOpen("jupyter.widget.control", "control-b", { version: "2.0.0" })).toThrow("widget control protocol");
    expect(host.sent.at(-1)).toMatchObject({ kind: "close", commId: "control-b" });
  });
});

describe("Output", () => {
  test("capture sets msg_id to the request being answered, then clears it; nested captures keep it", () => {
    const out = new widgets.Output();
    host.requestId = "exec-7";
    const from = host.sent.length;
    const result = out.capture(() => out.capture(() => 42));
    expect(result).toBe(42);
    expect(updates(out, from).map((m) => m.state)).toEqual([{ msg_id: "exec-7" }, { msg_id: "" }]);
  });

  test("an error inside capture is shown there and not rethrown", () => {
    const out = new widgets.Output();
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(out.capture(() => { throw new Error("inside"); })).toBeUndefined();
      expect(error).toHaveBeenCalledWith("Error: inside");
    } finally {
      error.mockRestore();
    }
    expect(out.msgId).toBe("");
  });

  test("an async capture keeps msg_id until the promise settles", async () => {
    const out = new widgets.Output();
    let release!: () => void;
    const running = out.capture(() => new Promise<void>((r) => (release = r)));
    expect(out.msgId).toBe("request-1");
    release();
    await running;
    expect(out.msgId).toBe("");
  });

  test("appendStdout and appendDisplayData set outputs in nbformat's shape", () => {
    const out = new widgets.Output();
    out.appendStdout("hi\n");
    out.appendDisplayData({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<i>x</i>" }) });
    expect(out.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "hi\n" },
      { output_type: "display_data", data: { "text/html": "<i>x</i>", "text/plain": expect.any(String) }, metadata: {} },
    ]);
  });
});

describe("interact", () => {
  test("abbreviations become the controls ipywidgets makes", () => {
    const control = (a: widgets.Abbreviation) => interactiveFor(a).children[0] as Widget & Record<string, any>;
    const interactiveFor = (a: widgets.Abbreviation) => widgets.interactive(() => undefined, { x: a });
    expect([control([0, 10]).constructor.name, control([0, 10]).value]).toEqual(["IntSlider", 5]);
    expect([control([0.001, 1]).constructor.name, control([0.001, 1]).step]).toEqual(["FloatSlider", 0.1]);
    expect([control([0, 1, 0.25]).constructor.name, control([0, 1, 0.25]).value]).toEqual(["FloatSlider", 0.5]);
    expect([control(["relu", "tanh"]).constructor.name, control(["relu", "tanh"]).value]).toEqual(["Dropdown", "relu"]);
    expect([control(true).constructor.name, control("hi").constructor.name]).toEqual(["Checkbox", "Text"]);
    expect([control(10).min, control(10).max, control(-2).min, control(0).max]).toEqual([-10, 30, -6, 1]);
    expect(control([0, 10]).description).toBe("x");
  });

  test("runs the function on creation and on every change, output in its Output, result displayed", () => {
    const calls: unknown[] = [];
    const view = widgets.interactive(({ n, act, k }) => (calls.push([n, act, k]), `${act}:${n}`), { n: [1, 5], act: ["relu", "tanh"], k: widgets.fixed(9) });
    expect(stateOf(view)).toMatchObject({ _model_name: "VBoxModel", _dom_classes: ["widget-interact"] });
    expect(view.children.at(-1)).toBe(view.out);
    fromFrontend(view.controls.n!, { value: 4 });
    fromFrontend(view.controls.act!, { index: 1 });
    expect(calls).toEqual([[3, "relu", 9], [4, "relu", 9], [4, "tanh", 9]]);
    expect(view.result).toBe("tanh:4");
  });

  test("interactManual runs only on the button, with continuous updates off", () => {
    const calls: number[] = [];
    const view = widgets.interactive(({ n }) => void calls.push(n), { n: [0, 10] }, { manual: true });
    expect((view.controls.n as any).continuousUpdate).toBe(false);
    fromFrontend(view.controls.n!, { value: 2 });
    expect(calls).toEqual([]);
    host.deliver(view.manualButton!.modelId, { method: "custom", content: { event: "click" } });
    expect(calls).toEqual([2]);
  });

  test("async functions never overlap: changes during a run lead to one more run", async () => {
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const view = widgets.interactive(({ n }) => new Promise<void>((r) => (started.push(n), releases.push(r))), { n: [0, 10] });
    fromFrontend(view.controls.n!, { value: 1 });
    fromFrontend(view.controls.n!, { value: 2 });
    expect(started).toEqual([5]);
    releases[0]();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([5, 2]);
    releases[1]();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([5, 2]);
  });
});

test("a plain object set as layout or style becomes a new model, as ipywidgets' InstanceDict", () => {
  const slider = new widgets.IntSlider();
  const old = slider.layout;
  slider.layout = { width: "50%" };
  slider.style = { handleColor: "red" };
  expect(slider.layout).not.toBe(old);
  expect(stateOf(slider.layout)).toMatchObject({ _model_name: "LayoutModel", width: "50%" });
  expect(stateOf(slider.style)).toMatchObject({ _model_name: "SliderStyleModel", handle_color: "red" });
  expect(updates(slider).map((m) => m.state)).toEqual([{ layout: ref(slider.layout) }, { style: ref(slider.style) }]);
});
