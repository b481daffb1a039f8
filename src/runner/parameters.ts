/**
 * Papermill-style parameters: the cell tagged `parameters` holds defaults; overrides go into a
 * new cell tagged `injected-parameters` right after it, as `const name = value;` (the kernel
 * lets a later cell redeclare a const, so the override shadows the default).
 */
import { Cell, Notebook, cellTags, newCellId } from "./notebook";

export type Parameters = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `name=value` -> [name, value]; the value is JSON when it parses, else the string itself. */
export function parameterFromArg(arg: string): [string, unknown] {
  const at = arg.indexOf("=");
  const name = at < 0 ? arg : arg.slice(0, at);
  if (at < 0 || !IDENTIFIER.test(name)) throw new Error(`-p expects name=value with a TypeScript identifier as name, got ${JSON.stringify(arg)}`);
  const raw = arg.slice(at + 1);
  try {
    return [name, JSON.parse(raw)];
  } catch {
    return [name, raw];
  }
}

/** `--quick` defaults from `metadata.tsdl.quick_parameters`; explicit parameters win. */
export function quickParameters(notebook: Notebook): Parameters {
  const quick = (notebook.metadata.tsdl as { quick_parameters?: unknown } | undefined)?.quick_parameters;
  if (quick === undefined) return {};
  if (!quick || typeof quick !== "object" || Array.isArray(quick)) throw new Error("metadata.tsdl.quick_parameters must be a JSON object");
  return quick as Parameters;
}

export function parametersSource(parameters: Parameters): string {
  const lines = Object.entries(parameters).map(([name, value]) => `const ${name} = ${JSON.stringify(value)};`);
  return ["// Parameters injected by tsdl run", ...lines].join("\n");
}

/**
 * A copy with the injected cell after the `parameters` cell (at the top when there is none);
 * an injected cell left by an earlier run is replaced.
 */
export function injectParameters(notebook: Notebook, parameters: Parameters): Notebook {
  if (Object.keys(parameters).length === 0) return notebook;
  const cells = notebook.cells.filter((c) => !cellTags(c).includes("injected-parameters"));
  const injected: Cell = {
    id: newCellId(new Set(cells.map((c) => String(c.id)))),
    cell_type: "code",
    source: parametersSource(parameters),
    metadata: { tags: ["injected-parameters"] },
    outputs: [],
    execution_count: null,
  };
  const at = cells.findIndex((c) => cellTags(c).includes("parameters")) + 1;
  return { ...notebook, cells: [...cells.slice(0, at), injected, ...cells.slice(at)] };
}
