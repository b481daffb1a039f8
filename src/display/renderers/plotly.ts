/**
 * Plotly figures as one display_data: `application/vnd.plotly.v1+json` (the figure object, for
 * JupyterLab/VS Code with Plotly's renderer), `text/html` that draws it with plotly.js, offline
 * (classic Notebook, nbconvert HTML, Lab without the extension), and `text/plain`.
 *
 * Inlining strategy. plotly.js is 4.8 MB, so it is not sent with every figure: the first figure
 * of a kernel session carries the library (a script that defines `window.Plotly` only if the page
 * lacks it); later figures carry only a loader that waits for `window.Plotly`. A figure shown
 * with a `displayId` (to be updated in place, e.g. a live training chart) never carries it: the
 * library then goes in a separate output just before, because an update would otherwise replace
 * the only copy, and once per session even if a figure carried it already: JupyterLab draws
 * figures with Plotly's own renderer and never runs their HTML, so there only an output of its
 * own defines `window.Plotly`, which the chart's updates (HTML only, see showPlotly) need. If the library is missing from the page (the carrying output was cleared, or a
 * notebook was saved after re-running only later cells), the loader shows a message saying how
 * to recover instead of a blank area; and `inlinePlotlyOnce(notebook)` (plotly-notebook.ts) lets
 * whoever saves a notebook (the runner) guarantee exactly one copy, in the first figure's output.
 * `resetPlotlyInlining()` starts over (new session); `{inline: true}` forces a copy.
 */
import { emit } from "../emit";
import { DisplayOptions, MimeBundle } from "../protocol";
import { figureHtml, newFigureId } from "./plotly-html";
import { plotlyLibraryHtml, plotlyVersion } from "./plotly-library";

export interface PlotlyFigure {
  data: object[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: object[];
}

export interface PlotlyOptions extends DisplayOptions {
  /** true: carry plotly.js in this output even if already sent this session; false: never. */
  inline?: boolean;
}

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const DEFAULT_HEIGHT = 450;

let libraryInlined = false;
/** Whether a copy went out in an output of its own (see the top of this file). */
let libraryAlone = false;

/** Forget that the library was sent: the next figure carries it again (new session or page). */
export function resetPlotlyInlining(): void {
  libraryInlined = false;
  libraryAlone = false;
}

/** Typed arrays (tensor data) become plain arrays, so the figure is a pure JSON object. */
function plainFigure(figure: PlotlyFigure): PlotlyFigure {
  const json = JSON.stringify(figure, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value));
  return JSON.parse(json) as PlotlyFigure;
}

function describe(figure: PlotlyFigure): string {
  const types = [...new Set(figure.data.map((t) => String((t as { type?: string }).type ?? "scatter")))];
  const title = figure.layout?.title;
  const titleText = typeof title === "string" ? title : (title as { text?: string } | undefined)?.text;
  const traces = `${figure.data.length} trace${figure.data.length === 1 ? "" : "s"} (${types.join(", ")})`;
  return `<Plotly figure: ${traces}${titleText ? ` "${titleText}"` : ""}>`;
}

function takeLibrary(inline: boolean | undefined): boolean {
  const carry = inline ?? !libraryInlined;
  if (carry) libraryInlined = true;
  return carry;
}

function takeLibraryAlone(inline: boolean | undefined): boolean {
  const carry = inline ?? !libraryAlone;
  if (carry) libraryInlined = libraryAlone = true;
  return carry;
}

/**
 * The figure for Plotly's MIME renderer, without `config.responsive`: that renderer resizes the
 * figure itself, and its div is `height: 100%` of an auto-height output, so a responsive figure
 * collapses to 0 px at the first resize of the JupyterLab window or panel (seen in JupyterLab 4
 * with jupyterlab-plotly 5.24). The HTML fallback's div has a fixed height and keeps it.
 */
function forMimeRenderer(spec: PlotlyFigure): PlotlyFigure {
  if (!spec.config || !("responsive" in spec.config)) return spec;
  const { responsive: _dropped, ...config } = spec.config;
  return { ...spec, config };
}

/** The MIME bundle of a figure; carries plotly.js if this is the session's first figure. */
export function plotlyBundle(figure: PlotlyFigure, options: { inline?: boolean } = {}): MimeBundle {
  const spec = plainFigure(figure);
  const height = typeof spec.layout?.height === "number" ? spec.layout.height : DEFAULT_HEIGHT;
  const library = takeLibrary(options.inline) ? plotlyLibraryHtml() : "";
  return {
    [PLOTLY_MIME]: forMimeRenderer(spec),
    "text/html": library + figureHtml(spec, newFigureId(), height),
    "text/plain": describe(spec),
  };
}

/** plotly.js in an output of its own, for the figures after it. */
export function libraryBundle(): MimeBundle {
  return { "text/html": plotlyLibraryHtml(), "text/plain": `<plotly.js ${plotlyVersion()}, offline copy for the figures below>` };
}

/**
 * display.plotly: shows a figure; with `{displayId, update: true}` replaces it in place.
 *
 * An update carries no `application/vnd.plotly.v1+json`: Plotly's JupyterLab renderer
 * (jupyterlab-plotly 5.24) keeps the graph it drew first and ignores new data for it, so a live
 * chart would stay at its first frame. Without that type JupyterLab renders the update with its
 * HTML renderer, which redraws every frame (as classic Notebook and nbconvert always do).
 */
export function showPlotly(figure: PlotlyFigure, options: PlotlyOptions = {}): void {
  const { inline, ...displayOptions } = options;
  const updatable = displayOptions.displayId !== undefined;
  if (updatable && !displayOptions.update && takeLibraryAlone(inline)) emit(libraryBundle());
  const { [PLOTLY_MIME]: spec, ...htmlAndText } = plotlyBundle(figure, { inline: updatable ? false : inline });
  emit(displayOptions.update ? htmlAndText : { [PLOTLY_MIME]: spec, ...htmlAndText }, displayOptions);
}
