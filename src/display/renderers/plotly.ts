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
 * the only copy. If the library is missing from the page (the carrying output was cleared, or a
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

/** Forget that the library was sent: the next figure carries it again (new session or page). */
export function resetPlotlyInlining(): void {
  libraryInlined = false;
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

/** The MIME bundle of a figure; carries plotly.js if this is the session's first figure. */
export function plotlyBundle(figure: PlotlyFigure, options: { inline?: boolean } = {}): MimeBundle {
  const spec = plainFigure(figure);
  const height = typeof spec.layout?.height === "number" ? spec.layout.height : DEFAULT_HEIGHT;
  const library = takeLibrary(options.inline) ? plotlyLibraryHtml() : "";
  return {
    [PLOTLY_MIME]: spec,
    "text/html": library + figureHtml(spec, newFigureId(), height),
    "text/plain": describe(spec),
  };
}

function libraryBundle(): MimeBundle {
  return { "text/html": plotlyLibraryHtml(), "text/plain": `<plotly.js ${plotlyVersion()}, offline copy for the figures below>` };
}

/** display.plotly: shows a figure; with `{displayId, update: true}` replaces it in place. */
export function showPlotly(figure: PlotlyFigure, options: PlotlyOptions = {}): void {
  const { inline, ...displayOptions } = options;
  const updatable = displayOptions.displayId !== undefined;
  if (updatable && !displayOptions.update && takeLibrary(inline)) emit(libraryBundle());
  const bundle = plotlyBundle(figure, { inline: updatable ? false : inline });
  emit(bundle, displayOptions);
}
