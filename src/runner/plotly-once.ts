/**
 * For whoever writes a notebook to disk (the runner): keep exactly one plotly.js copy, in an output
 * of its own just before the first output that draws a Plotly figure, however the outputs were
 * produced (several sessions, re-run cells, cleared outputs). Its own output because JupyterLab
 * draws figures that carry their JSON with Plotly's renderer and never runs their HTML: only a
 * library-only output defines `window.Plotly` there, which HTML-only figures (the last frame of a
 * live chart) need. Classic Notebook and nbconvert run it like any HTML.
 */
import { FIGURE_CLASS } from "../display/renderers/plotly-html";
import { LIBRARY_BEGIN, LIBRARY_END } from "../display/renderers/plotly-library";
import { libraryBundle, PLOTLY_MIME } from "../display/renderers/plotly";

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

/** Returns a copy of the notebook with one library copy, in its own output before the first figure. */
export function inlinePlotlyOnce<T extends NotebookLike>(notebook: T): T {
  let placed = false;
  const cells = notebook.cells.map((cell) => {
    if (!cell.outputs) return cell;
    const outputs: Output[] = [];
    for (const output of cell.outputs.map(withoutLibrary)) {
      if (output === null) continue;
      if (!placed && drawsFigure(output)) {
        outputs.push({ output_type: "display_data", data: libraryBundle(), metadata: {} });
        placed = true;
      }
      outputs.push(output);
    }
    return { ...cell, outputs };
  });
  return { ...notebook, cells };
}
