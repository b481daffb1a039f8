import * as tf from "@tensorflow/tfjs";
import { toRichOutput } from "../../../src/display/protocol";
import { PLOTLY_MIME, resetPlotlyInlining } from "../../../src/display/renderers";
import * as plot from "../../../src/dl/plot";
import { recordDisplays } from "../../display/fake-sink";

type Trace = Record<string, unknown>;

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => resetPlotlyInlining());

function traces(fig: plot.Figure): Trace[] {
  return fig.toJSON().data as Trace[];
}

test("a figure displays itself as a Plotly bundle (a cell ending in it shows the chart)", () => {
  const data = toRichOutput(plot.line([1, 2, 3])).data;
  expect(data[PLOTLY_MIME]).toMatchObject({ data: [{ type: "scatter", y: [1, 2, 3], x: [0, 1, 2] }] });
  expect(String(data["text/html"])).toContain("newPlot");
});

test("line: named series share x; tensors are read without leaking", () => {
  const t = tf.tensor1d([3, 2, 1]);
  const before = tf.memory().numTensors;
  const fig = plot.line({ train: t, test: [1, 1, 1] }, { x: [10, 20, 30], title: "loss" });
  expect(tf.memory().numTensors).toBe(before);
  expect(traces(fig).map((tr) => [tr.name, tr.x, tr.y])).toEqual([["train", [10, 20, 30], [3, 2, 1]], ["test", [10, 20, 30], [1, 1, 1]]]);
  expect(fig.layout).toMatchObject({ title: { text: "loss" }, showlegend: true });
  t.dispose();
});

test("scatter: one colored trace per class, named by classNames; one-hot classes work", () => {
  const oneHot = tf.tensor2d([[1, 0], [0, 1], [1, 0]]);
  const fig = plot.scatter([0, 1, 2], [5, 6, 7], { classes: oneHot, classNames: ["cat", "dog"] });
  expect(traces(fig).map((tr) => [tr.name, tr.x])).toEqual([["cat", [0, 2]], ["dog", [1]]]);
  expect((traces(fig)[0].marker as Trace).color).not.toBe((traces(fig)[1].marker as Trace).color);
  oneHot.dispose();
});

test("history: a panel per metric, validation dashed, epochs from 1", () => {
  const fig = plot.history({ history: { loss: [0.9, 0.5], acc: [0.6, 0.8], val_loss: [1, 0.7], val_acc: [0.5, 0.7] } });
  const t = traces(fig);
  expect(t.map((tr) => [tr.name, tr.xaxis, (tr.line as Trace).dash])).toEqual([
    ["train", "x", "solid"],
    ["validation", "x", "dash"],
    ["train", "x2", "solid"],
    ["validation", "x2", "dash"],
  ]);
  expect(t[0].x).toEqual([1, 2]);
  expect(fig.layout).toMatchObject({ yaxis: { title: { text: "loss" } }, yaxis2: { title: { text: "acc" } } });
});

test("confusionMatrix: rows true, columns predicted, with class names; normalize gives row fractions", () => {
  const fig = plot.confusionMatrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], { classNames: ["a", "b", "c"] });
  expect(traces(fig)[0]).toMatchObject({ type: "heatmap", x: ["a", "b", "c"], y: ["a", "b", "c"], z: [[1, 1, 0], [0, 1, 0], [1, 0, 1]] });
  const normalized = plot.confusionMatrix([0, 0, 1], [0, 1, 1], { normalize: true });
  expect(traces(normalized)[0].z).toEqual([[0.5, 0.5], [0, 1]]);
  expect(plot.confusionCounts([1, 1], [0, 1], 2)).toEqual([[0, 0], [1, 1]]);
  expect(() => plot.confusionMatrix([0], [0, 1])).toThrow("1 true labels but 2 predictions");
});

test("histogram: bins and overlaid named series", () => {
  const fig = plot.histogram({ before: [1, 2, 2], after: tf.tensor1d([3, 3]) }, { bins: 5 });
  expect(traces(fig).map((tr) => [tr.type, tr.name, tr.nbinsx, tr.x])).toEqual([["histogram", "before", 5, [1, 2, 2]], ["histogram", "after", 5, [3, 3]]]);
  expect(fig.layout.barmode).toBe("overlay");
});

test("decisionBoundary: heatmap over a grid covering the points, then the points; no tensors leak", () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: "softmax" })] });
  const points = tf.tensor2d([[0, 0], [1, 1], [2, 0]]);
  const before = tf.memory().numTensors;
  const fig = plot.decisionBoundary(model, points, [0, 1, 2], { resolution: 20, classNames: ["a", "b", "c"] });
  expect(tf.memory().numTensors).toBe(before);
  const [region, ...dots] = traces(fig);
  expect(region.type).toBe("heatmap");
  expect((region.z as number[][]).length).toBe(20);
  expect((region.z as number[][])[0]).toHaveLength(20);
  expect((region.z as number[][]).flat().every((c) => [0, 1, 2].includes(c))).toBe(true);
  expect((region.x as number[])[0]).toBeLessThan(0);
  expect((region.x as number[])[19]).toBeGreaterThan(2);
  expect(dots.map((d) => d.name)).toEqual(["a", "b", "c"]);
  model.dispose();
  points.dispose();
});

test("decisionBoundary with a predict function and one sigmoid output shows probabilities", () => {
  const fig = plot.decisionBoundary((x) => tf.sigmoid(x.sum(1)), [[-1, -1], [1, 1]], undefined, { resolution: 5 });
  const z = traces(fig)[0].z as number[][];
  expect(z[0][0]).toBeLessThan(0.5);
  expect(z[4][4]).toBeGreaterThan(0.5);
  expect(traces(fig)[0]).toMatchObject({ zmin: 0, zmax: 1 });
});

test("images: a PNG grid with label captions (class names for numbers)", () => {
  const labels = tf.tensor1d([1, 0], "int32");
  const digits = tf.zeros([2, 4, 4]);
  const grid = plot.images(digits, { labels, classNames: ["zero", "one"], scale: 1 });
  const data = toRichOutput(grid).data as Record<string, string>;
  expect(data["image/png"]).toBeDefined();
  expect(data["text/html"]).toContain(">one</figcaption>");
  tf.dispose([labels, digits]);
});

test("figure.show publishes a display; show({displayId, update}) updates it in place", () => {
  const sink = recordDisplays();
  const fig = plot.line([1, 2]);
  fig.show();
  fig.show({ displayId: "x" });
  fig.show({ displayId: "x", update: true });
  const figures = sink.outputs.filter((o) => String(o.output.data["text/html"]).includes(`class="tsdl-plotly"`));
  expect(figures.map((o) => [o.displayId, o.update, PLOTLY_MIME in o.output.data])).toEqual([[undefined, undefined, true], ["x", undefined, true], ["x", true, false]]);
});
