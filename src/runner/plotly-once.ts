/**
 * For whoever writes a notebook to disk (the runner): keep exactly one plotly.js copy, in the
 * first output that draws a Plotly figure, however the outputs were produced (several sessions,
 * re-run cells, cleared outputs). Outputs that only carried the library are dropped.
 */
import { FIGURE_CLASS } from "../display/renderers/plotly-html";
import { LIBRARY_BEGIN, LIBRARY_END, plotlyLibraryHtml } from "../display/renderers/plotly-library";
import { PLOTLY_MIME } from "../display/renderers/plotly";

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

interface NotebookLike {
  cells: { outputs?: Output[]; [key: string]: unknown }[];
  [key: string]: unknown;
}

const LIBRARY_BLOCK = new RegExp(`${LIBRARY_BEGIN}[\\s\\S]*?${LIBRARY_END}`, "g");

/** nbformat stores multi-line strings either whole or as a list of lines. */
function htmlOf(output: Output): string | undefined {
  const html = output.data?.["text/html"];
  return Array.isArray(html) ? html.join("") : (html as string | undefined);
}

/** A figure's output: its JSON, or only its HTML (a live chart's updates carry no JSON). */
function drawsFigure(output: Output): boolean {
  return !!output.data && (PLOTLY_MIME in output.data || (htmlOf(output) ?? "").includes(`class="${FIGURE_CLASS}"`));
}

function withoutLibrary(output: Output): Output | null {
  const html = htmlOf(output);
  if (html === undefined || !html.includes(LIBRARY_BEGIN)) return output;
  const stripped = html.replace(LIBRARY_BLOCK, "");
  const onlyLibrary = stripped.trim() === "" && !(PLOTLY_MIME in output.data!);
  return onlyLibrary ? null : { ...output, data: { ...output.data, "text/html": stripped } };
}

/** Returns a copy of the notebook with one library copy, placed before the first figure. */
export function inlinePlotlyOnce<T extends NotebookLike>(notebook: T): T {
  let placed = false;
  const cells = notebook.cells.map((cell) => {
    if (!cell.outputs) return cell;
    const outputs = cell.outputs.map(withoutLibrary).filter((o): o is Output => o !== null).map((output) => {
      if (placed || !drawsFigure(output)) return output;
      placed = true;
      return { ...output, data: { ...output.data, "text/html": plotlyLibraryHtml() + (htmlOf(output) ?? "") } };
    });
    return { ...cell, outputs };
  });
  return { ...notebook, cells };
}
