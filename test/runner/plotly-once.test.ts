import { resetPlotlyInlining, showPlotly } from "../../src/display/renderers";
import { LIBRARY_BEGIN } from "../../src/display/renderers/plotly-library";
import { inlinePlotlyOnce } from "../../src/runner/plotly-once";
import { recordDisplays } from "../display/fake-sink";

const figure = { data: [{ type: "scatter", x: [1, 2], y: Float32Array.from([3, 4]) }], layout: { title: { text: "t" } } };

function copies(html: unknown): number {
  return String(html).split(LIBRARY_BEGIN).length - 1;
}

beforeEach(() => resetPlotlyInlining());

test("inlinePlotlyOnce leaves exactly one copy, in an output of its own before the first figure", () => {
  const sink = recordDisplays();
  showPlotly(figure, { displayId: "live" }); // session 1: library output + chart
  resetPlotlyInlining();
  showPlotly(figure); // session 2 (only this cell re-run): a second copy
  showPlotly(figure);
  const asNbformat = (i: number) => ({ output_type: "display_data", data: sink.outputs[i].output.data, metadata: {} });
  const notebook = {
    nbformat: 4,
    cells: [
      { cell_type: "markdown", source: "x" },
      { cell_type: "code", outputs: [{ output_type: "stream", name: "stdout", text: "hi" }] },
      { cell_type: "code", outputs: [asNbformat(0), asNbformat(1)] },
      { cell_type: "code", outputs: [asNbformat(2), asNbformat(3)] },
    ],
  };
  expect(sink.outputs.map((o) => copies(o.output.data["text/html"]))).toEqual([1, 0, 1, 0]);
  const fixed = inlinePlotlyOnce(notebook);
  const outputs = fixed.cells.flatMap((c) => (c as { outputs?: { data?: Record<string, unknown> }[] }).outputs ?? []);
  expect(outputs.map((o) => copies(o.data?.["text/html"]))).toEqual([0, 1, 0, 0, 0]); // old copies dropped, one added
  expect(outputs[1].data).not.toHaveProperty(["application/vnd.plotly.v1+json"]);
  expect(String(outputs[2].data!["text/html"])).toContain("newPlot");
  const unchanged = notebook.cells[3].outputs as ReturnType<typeof asNbformat>[];
  expect(copies(unchanged[0].data["text/html"])).toBe(1); // the input is not modified
});

test("inlinePlotlyOnce puts the copy before the first figure even when that figure is HTML only (an updated live chart)", () => {
  const sink = recordDisplays();
  showPlotly(figure, { displayId: "live" });
  showPlotly(figure, { displayId: "live", update: true });
  const [library, update] = sink.outputs;
  const asNbformat = (data: Record<string, unknown>) => ({ output_type: "display_data", data, metadata: {} });
  const fixed = inlinePlotlyOnce({ cells: [{ cell_type: "code", outputs: [asNbformat(library.output.data), asNbformat(update.output.data)] }] });
  const outputs = fixed.cells[0].outputs!;
  expect(outputs.map((o) => copies(o.data!["text/html"]))).toEqual([1, 0]);
  expect(String(outputs[1].data!["text/html"])).toContain("newPlot");
});
