/*
 * The output renderers: JupyterLab's standard factories, plus plotly's MIME extension registered
 * the way JupyterLab registers a mime extension (its factory at its rank), unless the page asks to
 * go without it to see the text/html fallback.
 */
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import plotlyExtensions from "jupyterlab-plotly/lib/plotly-renderer";
import { markdownParser } from "./markdown";

export function createRendermime({ plotly }) {
  const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories, markdownParser });
  if (plotly) for (const ext of plotlyExtensions) rendermime.addFactory(ext.rendererFactory, ext.rank);
  return rendermime;
}
