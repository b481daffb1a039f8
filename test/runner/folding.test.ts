/** Output folding, parameters and cell ids without a kernel (fast, exact). */
import type { Message } from "../../src/kernel/wire";
import { Notebook, Output, withCellIds } from "../../src/runner/notebook";
import { OutputFolder } from "../../src/runner/outputs";
import { injectParameters, parameterFromArg, parametersSource } from "../../src/runner/parameters";

function msg(msg_type: string, content: Record<string, unknown>): Message {
  return { identities: [], header: { msg_type } as Message["header"], parent_header: {}, metadata: {}, content, buffers: [] };
}

test("consecutive stream text of one name merges; another name starts a new output", () => {
  const outputs: Output[] = [];
  const folder = new OutputFolder();
  folder.startCell(outputs);
  for (const [name, text] of [["stdout", "a\n"], ["stdout", "b\n"], ["stderr", "c\n"], ["stdout", "d\n"]]) folder.fold(msg("stream", { name, text }));
  expect(outputs).toEqual([
    { output_type: "stream", name: "stdout", text: "a\nb\n" },
    { output_type: "stream", name: "stderr", text: "c\n" },
    { output_type: "stream", name: "stdout", text: "d\n" },
  ]);
});

test("update_display_data replaces data and metadata of every output with that display_id, also in earlier cells", () => {
  const first: Output[] = [];
  const second: Output[] = [];
  const folder = new OutputFolder();
  folder.startCell(first);
  folder.fold(msg("display_data", { data: { "text/plain": "v1" }, metadata: {}, transient: { display_id: "d" } }));
  folder.fold(msg("display_data", { data: { "text/plain": "other" }, metadata: {}, transient: { display_id: "e" } }));
  folder.startCell(second);
  folder.fold(msg("display_data", { data: { "text/plain": "v1" }, metadata: {}, transient: { display_id: "d" } }));
  folder.fold(msg("update_display_data", { data: { "text/plain": "v2" }, metadata: { m: 1 }, transient: { display_id: "d" } }));
  folder.fold(msg("update_display_data", { data: { "text/plain": "nobody" }, metadata: {}, transient: { display_id: "unknown" } }));
  const v2 = { output_type: "display_data", data: { "text/plain": "v2" }, metadata: { m: 1 } };
  expect(first).toEqual([v2, { output_type: "display_data", data: { "text/plain": "other" }, metadata: {} }]);
  expect(second).toEqual([v2]);
});

test("clear_output empties the cell now, or with wait just before the next output", () => {
  const outputs: Output[] = [];
  const folder = new OutputFolder();
  folder.startCell(outputs);
  folder.fold(msg("stream", { name: "stdout", text: "gone\n" }));
  folder.fold(msg("clear_output", { wait: false }));
  expect(outputs).toEqual([]);
  folder.fold(msg("stream", { name: "stdout", text: "kept until the next output\n" }));
  folder.fold(msg("clear_output", { wait: true }));
  expect(outputs).toHaveLength(1);
  folder.fold(msg("execute_result", { execution_count: 4, data: { "text/plain": "1" }, metadata: {} }));
  expect(outputs).toEqual([{ output_type: "execute_result", execution_count: 4, data: { "text/plain": "1" }, metadata: {} }]);
});

test("cleared displays are no longer updated", () => {
  const outputs: Output[] = [];
  const folder = new OutputFolder();
  folder.startCell(outputs);
  folder.fold(msg("display_data", { data: { "text/plain": "v1" }, metadata: {}, transient: { display_id: "d" } }));
  const cleared = outputs[0];
  folder.fold(msg("clear_output", { wait: false }));
  folder.fold(msg("update_display_data", { data: { "text/plain": "v2" }, metadata: {}, transient: { display_id: "d" } }));
  expect(cleared).toMatchObject({ data: { "text/plain": "v1" } });
});

test("parameters: JSON values, else strings; names must be identifiers", () => {
  expect(parameterFromArg("epochs=3")).toEqual(["epochs", 3]);
  expect(parameterFromArg("flags=[1,true]")).toEqual(["flags", [1, true]]);
  expect(parameterFromArg("label=hello world")).toEqual(["label", "hello world"]);
  expect(parameterFromArg('label="x=y"')).toEqual(["label", "x=y"]);
  expect(() => parameterFromArg("no-equals")).toThrow(/name=value/);
  expect(() => parameterFromArg("1bad=2")).toThrow(/identifier/);
  expect(parametersSource({ epochs: 1, label: "q" })).toBe('// Parameters injected by tsdl run\nconst epochs = 1;\nconst label = "q";');
});

function notebook(cells: Partial<Notebook["cells"][number]>[]): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((c) => ({ cell_type: "code", source: "", metadata: {}, ...c })) } as Notebook;
}

test("the injected cell goes after the parameters cell, replacing an earlier injection; at the top without one", () => {
  const nb = notebook([{ id: "a" }, { id: "p", metadata: { tags: ["parameters"] } }, { id: "old", metadata: { tags: ["injected-parameters"] } }, { id: "z" }]);
  const ids = injectParameters(nb, { n: 1 }).cells.map((c) => (c.metadata.tags as string[] | undefined)?.[0] ?? c.id);
  expect(ids).toEqual(["a", "parameters", "injected-parameters", "z"]);
  expect(injectParameters(notebook([{ id: "a" }]), { n: 1 }).cells[0].metadata.tags).toEqual(["injected-parameters"]);
  expect(injectParameters(nb, {})).toBe(nb);
});

test("cell ids: valid unique ones are kept, missing, invalid and duplicate ones replaced", () => {
  const ids = withCellIds(notebook([{ id: "keep-1" }, {}, { id: "bad id!" }, { id: "keep-1" }])).cells.map((c) => c.id!);
  expect(ids[0]).toBe("keep-1");
  expect(new Set(ids).size).toBe(4);
  for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
});
