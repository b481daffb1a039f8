/**
 * The `text/html` that draws one figure: a div and a small loader script. The loader draws as
 * soon as `window.Plotly` exists (defined by the library copy in an earlier output, or in this
 * one); if the library never appears it replaces the empty div with a message saying how to get
 * it back, instead of leaving a blank space.
 */
import { randomBytes } from "node:crypto";

/** Differs per kernel process, so divs from different sessions in one page never clash. */
const SESSION = randomBytes(4).toString("hex");
let counter = 0;

/** How long the loader waits for the library (outputs may render out of order). */
const WAIT_MS = 5000;

const MISSING_MESSAGE =
  "This Plotly figure cannot be drawn: plotly.js is not loaded on this page. " +
  "The library travels once per session with the first figure; that output was cleared or not saved. " +
  "Re-run the notebook from the top (or call resetPlotlyInlining() and re-run this cell).";

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** The class of every figure's div: marks an output whose HTML draws a figure. */
export const FIGURE_CLASS = "tsdl-plotly";

export function newFigureId(): string {
  return `tsdl-plotly-${SESSION}-${++counter}`;
}

export function figureHtml(figure: object, divId: string, height: number): string {
  return `<div id="${divId}" class="${FIGURE_CLASS}" style="width:100%;height:${height}px"></div>
<script type="text/javascript">
(function () {
  var id = ${scriptJson(divId)}, figure = ${scriptJson(figure)}, waited = 0;
  function attempt() {
    var div = document.getElementById(id);
    if (window.Plotly && div) {
      window.Plotly.newPlot(div, figure.data, figure.layout || {}, figure.config || {});
    } else if (waited >= ${WAIT_MS}) {
      if (div) { div.style.height = "auto"; div.textContent = ${scriptJson(MISSING_MESSAGE)}; }
    } else {
      waited += 100;
      setTimeout(attempt, 100);
    }
  }
  attempt();
})();
</script>`;
}
