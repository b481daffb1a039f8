import { PLOTLY_MIME, plotlyBundle, resetPlotlyInlining, showPlotly } from "../../../src/display/renderers";
import { LIBRARY_BEGIN } from "../../../src/display/renderers/plotly-library";
import { recordDisplays } from "../fake-sink";

const figure = { data: [{ type: "scatter", x: [1, 2], y: Float32Array.from([3, 4]) }], layout: { title: { text: "t" } } };

function copies(html: unknown): number {
  return String(html).split(LIBRARY_BEGIN).length - 1;
}

beforeEach(() => resetPlotlyInlining());

test("a bundle has the figure as an object, HTML that draws it, and text", () => {
  const bundle = plotlyBundle(figure);
  expect(bundle[PLOTLY_MIME]).toEqual({ data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "t" } } });
  expect(String(bundle["text/html"])).toContain("window.Plotly.newPlot");
  expect(bundle["text/plain"]).toBe('<Plotly figure: 1 trace (scatter) "t">');
});

test("the figure for JupyterLab's renderer is not responsive (it would collapse at the first resize); the HTML one is", () => {
  const bundle = plotlyBundle({ ...figure, config: { responsive: true, displaylogo: false } });
  expect((bundle[PLOTLY_MIME] as { config: unknown }).config).toEqual({ displaylogo: false });
  expect(String(bundle["text/html"])).toContain('"responsive":true');
});

test("the library is inlined in the first figure only, guarded by window.Plotly", () => {
  const first = String(plotlyBundle(figure)["text/html"]);
  const second = String(plotlyBundle(figure)["text/html"]);
  expect(copies(first)).toBe(1);
  expect(first.length).toBeGreaterThan(4_000_000);
  expect(first).toContain("if (!window.Plotly) {");
  expect(copies(second)).toBe(0);
  expect(second.length).toBeLessThan(5_000);
});

test("resetPlotlyInlining starts a new session; inline forces or suppresses a copy", () => {
  plotlyBundle(figure);
  expect(copies(plotlyBundle(figure, { inline: true })["text/html"])).toBe(1);
  resetPlotlyInlining();
  expect(copies(plotlyBundle(figure, { inline: false })["text/html"])).toBe(0);
  expect(copies(plotlyBundle(figure)["text/html"])).toBe(1);
});

test("each figure has its own div and a loader that explains a missing library", () => {
  const a = String(plotlyBundle(figure)["text/html"]);
  const b = String(plotlyBundle(figure)["text/html"]);
  const id = (html: string) => /<div id="([^"]+)"/.exec(html.slice(html.lastIndexOf("<div id=")))![1];
  expect(id(a)).not.toBe(id(b));
  expect(b).toContain("plotly.js is not loaded on this page");
});

test("figure data cannot close the script element", () => {
  const html = String(plotlyBundle({ data: [], layout: { title: "</script><b>x" } }, { inline: false })["text/html"]);
  expect(html.match(/<\/script>/g)).toHaveLength(1);
});

test("showPlotly publishes one display_data; an updatable figure gets the library in its own output", () => {
  const sink = recordDisplays();
  showPlotly(figure, { displayId: "chart" });
  showPlotly(figure, { displayId: "chart", update: true });
  showPlotly(figure);
  const [library, chart, update, plain] = sink.outputs;
  expect(copies(library.output.data["text/html"])).toBe(1);
  expect(library.displayId).toBeUndefined();
  expect(chart).toMatchObject({ displayId: "chart" });
  expect(copies(chart.output.data["text/html"])).toBe(0);
  expect(update).toMatchObject({ displayId: "chart", update: true });
  expect(copies(update.output.data["text/html"]) + copies(plain.output.data["text/html"])).toBe(0);
  // JupyterLab's Plotly renderer would keep drawing the first frame: updates are HTML only.
  expect(typeof chart.output.data[PLOTLY_MIME]).toBe("object");
  expect(update.output.data[PLOTLY_MIME]).toBeUndefined();
  expect(String(update.output.data["text/html"])).toContain("newPlot");
  expect(typeof plain.output.data[PLOTLY_MIME]).toBe("object");
});

test("a live chart after a figure that carried the library still gets a copy of its own, once per session", () => {
  const sink = recordDisplays();
  showPlotly(figure);
  showPlotly(figure, { displayId: "a" });
  showPlotly(figure, { displayId: "b" });
  expect(sink.outputs.map((o) => [o.displayId, copies(o.output.data["text/html"]), PLOTLY_MIME in o.output.data])).toEqual([
    [undefined, 1, true],
    [undefined, 1, false], // the library alone: JupyterLab runs this HTML, not the first figure's
    ["a", 0, true],
    ["b", 0, true],
  ]);
});
