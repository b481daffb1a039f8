/**
 * plotly.js itself, from the installed `plotly.js-dist-min` package, wrapped for inlining in a
 * `text/html` output: a script that defines `window.Plotly` unless the page already has it, between
 * marker comments so that a saved notebook's copies can be found and deduplicated.
 */
import { readFileSync } from "node:fs";

export const LIBRARY_BEGIN = "<!-- tsdl:plotly.js:begin -->";
export const LIBRARY_END = "<!-- tsdl:plotly.js:end -->";

let cached: string | undefined;

function librarySource(): string {
  const source = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  // A literal "</script" would end the inline script early; in JS strings "<\/" means the same.
  return source.replace(/<\/script/gi, "<\\/script");
}

/** The ~4.8 MB inline script block (read once per process). */
export function plotlyLibraryHtml(): string {
  cached ??= `${LIBRARY_BEGIN}<script type="text/javascript">if (!window.Plotly) {\n${librarySource()}\n}</script>${LIBRARY_END}`;
  return cached;
}

export function plotlyVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve("plotly.js-dist-min/package.json"), "utf8")) as { version: string };
  return pkg.version;
}
