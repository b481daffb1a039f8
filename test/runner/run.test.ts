/**
 * `tsdl run` against real kernels. The runs are independent processes, so they go concurrently:
 * on a loaded machine that is what keeps the file within its time budget.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { runNotebook } from "../../src/runner/run";
import { pythonValidate, readJson, runCli, schemaErrors, scratchCopy, textOf, withKernelSlot } from "./helpers";

// Liveness bounds only: the runs queue for two kernel slots on a machine shared with others.
jest.setTimeout(600_000);

test.concurrent("runs every cell: merged streams, updated displays, results, counts, ids, timings, metadata", async () => {
  const input = scratchCopy("outputs.ipynb");
  const progress: string[] = [];
  const result = await withKernelSlot(() => runNotebook({ input, onProgress: (p) => progress.push(`${p.position}/${p.total}`) }));
  expect(result.status).toBe("ok");
  expect(result.output).toBe(join(dirname(input), "outputs.out.ipynb"));
  expect(existsSync(result.connectionFile)).toBe(false);
  expect(progress).toEqual(["1/2", "2/2"]);

  const nb = readJson(result.output);
  expect(schemaErrors(nb)).toEqual([]);
  pythonValidate(result.output);
  expect(nb.nbformat_minor).toBe(5);
  expect(nb.metadata.kernelspec).toEqual({ name: "tsdl", display_name: "TypeScript (tsdl)", language: "typescript" });
  expect(nb.metadata.language_info.name).toBe("typescript");
  expect(nb.metadata.tsdl.run).toMatchObject({ parameters: {}, quick: false });
  const [markdown, first, empty, last] = nb.cells;
  expect(markdown.id).toMatch(/^[a-zA-Z0-9-_]+$/);
  expect(first.execution_count).toBe(1);
  // The display of cell 1 was updated in place by cell 3; Jupyter keeps no display_id.
  expect(first.outputs).toEqual([
    { output_type: "stream", name: "stdout", text: ["one\n", "two\n", "three\n"] },
    { output_type: "stream", name: "stderr", text: ["oops\n"] },
    { output_type: "display_data", data: { "text/plain": ["second"] }, metadata: {} },
    { output_type: "execute_result", execution_count: 1, data: { "text/plain": ["'result 42'"] }, metadata: {} },
  ]);
  expect(Object.keys(first.metadata.execution).sort()).toEqual(["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"]);
  expect(empty).toMatchObject({ execution_count: null, outputs: [] });
  // clearOutput(true) dropped the update and the HTML once the next output came.
  expect(last.execution_count).toBe(2);
  expect(textOf(last)).toBe("after clear");
});

test.concurrent("a failing cell stops the run with a non-zero exit naming the cell; --allow-errors goes on", async () => {
  const input = scratchCopy("error.ipynb");
  const allowedOut = join(dirname(input), "allowed.ipynb");
  const [stopped, allowed] = await Promise.all([runCli(["run", input]), runCli(["run", input, "--allow-errors", "--out", allowedOut])]);
  expect(stopped.code).toBe(1);
  expect(stopped.stderr).toMatch(/failed: cell 1 \(const ok = 1;\): Error: boom/);
  const nb = readJson(join(dirname(input), "error.out.ipynb"));
  expect(schemaErrors(nb)).toEqual([]);
  expect(nb.cells.map((c: any) => c.id).slice(0, 1)).toEqual(["keep-this-id"]);
  expect(nb.cells[1].id).not.toBe("keep-this-id");
  expect(textOf(nb.cells[1])).toBe("Error: boom");
  expect(nb.cells[2]).toMatchObject({ execution_count: null, outputs: [] });

  expect(allowed.code).toBe(0);
  const all = readJson(allowedOut);
  expect(all.cells.map(textOf)).toEqual(["before\n", "Error: boom", "after\n"]);
});

test.concurrent("a cell over --timeout is interrupted and recorded as CellTimeoutError", async () => {
  const input = scratchCopy("timeout.ipynb");
  const { code, stderr } = await runCli(["run", input, "--timeout", "3"]);
  expect(code).toBe(1);
  expect(stderr).toMatch(/timeout: cell 0 \(\/\/ never ends\): cell timed out after 3 s/);
  const nb = readJson(join(dirname(input), "timeout.out.ipynb"));
  expect(schemaErrors(nb)).toEqual([]);
  const errors = nb.cells[0].outputs.filter((o: any) => o.output_type === "error");
  expect(errors).toEqual([expect.objectContaining({ ename: "CellTimeoutError" })]);
  expect(nb.cells[1].execution_count).toBeNull();
});

test.concurrent("-p and --quick parameters are injected after the parameters cell; explicit values win", async () => {
  const input = scratchCopy("parameters.ipynb");
  const out = join(dirname(input), "quick.ipynb");
  const { code, stderr } = await runCli(["run", input, "--quick", "-p", "label=from cli", "--out", out]);
  expect({ code, stderr }).toMatchObject({ code: 0 });
  const nb = readJson(out);
  expect(schemaErrors(nb)).toEqual([]);
  expect(nb.cells.map((c: any) => c.metadata.tags ?? [])).toEqual([["parameters"], ["injected-parameters"], []]);
  expect(nb.cells[1].source.join("")).toBe('// Parameters injected by tsdl run\nconst epochs = 2;\nconst label = "from cli";');
  // The injected consts shadow the defaults (the kernel allows redeclaring a const in a later cell).
  expect(JSON.parse(textOf(nb.cells[2]))).toEqual({ epochs: 2, label: "from cli", rate: 0.5 });
  expect(nb.metadata.tsdl).toMatchObject({ quick_parameters: { epochs: 2, label: "quick" }, run: { parameters: { epochs: 2, label: "from cli" }, quick: true } });
});

test.concurrent("a kernel that dies mid-run is reported with its exit; what ran is saved", async () => {
  const input = scratchCopy("crash.ipynb");
  const { code, stderr } = await runCli(["run", input]);
  expect(code).toBe(1);
  expect(stderr).toMatch(/kernel-died: cell 1 \(process\.exit\(3\);\): the kernel died \((exit code|signal) \w+\)/);
  const nb = readJson(join(dirname(input), "crash.out.ipynb"));
  expect(schemaErrors(nb)).toEqual([]);
  expect(textOf(nb.cells[0])).toBe("alive\n");
  expect(nb.cells[1].outputs).toEqual([expect.objectContaining({ output_type: "error", ename: "DeadKernelError" })]);
  expect(nb.cells[2].execution_count).toBeNull();
});

test.concurrent("widgets: state saved in metadata.widgets as JupyterLab saves it; Output captures; other comms closed", async () => {
  const input = scratchCopy("widgets.ipynb");
  const result = await withKernelSlot(() => runNotebook({ input }));
  expect(result.status).toBe("ok");
  const nb = readJson(result.output);
  expect(schemaErrors(nb)).toEqual([]);
  pythonValidate(result.output);
  const saved = nb.metadata.widgets["application/vnd.jupyter.widget-state+json"];
  expect([saved.version_major, saved.version_minor]).toEqual([2, 0]);
  const models = Object.entries(saved.state) as [string, any][];
  const named = (name: string) => models.filter(([, m]) => m.model_name === name);
  for (const [, m] of models) {
    expect(m.model_module).toBe(m.state._model_module);
    expect(m.model_module_version).toBe(m.state._model_module_version);
  }
  const [slider, output, interactOutput] = [named("IntSliderModel"), named("OutputModel")[0], named("OutputModel")[1]];
  // The kernel's last value (8), not the one the widget was created with.
  expect(slider.map(([, m]) => m.state.value)).toEqual([8, 2]);
  const [, sliderCell, outputCell, interactCell, , closedCell] = nb.cells;
  expect(sliderCell.outputs[0].data["application/vnd.jupyter.widget-view+json"]).toEqual({ version_major: 2, version_minor: 0, model_id: slider[0][0] });
  // What the Output captured is in the widget, not in the cell.
  expect(output[1].state.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "inside\n" }]);
  expect(output[1].state.msg_id).toBe("");
  expect(textOf(outputCell)).toMatch(/^outside\n/);
  expect(textOf(outputCell)).not.toMatch(/inside/);
  expect(interactOutput[1].state.outputs).toEqual([{ output_type: "display_data", data: { "text/plain": "4" }, metadata: {} }]);
  expect(interactCell.outputs.map((o: any) => Object.keys(o.data ?? {}))).toEqual([["text/plain", "application/vnd.jupyter.widget-view+json"]]);
  // A frontend with no handler for a comm target closes the comm, as JupyterLab does.
  expect(textOf(closedCell)).toBe("true");
});
