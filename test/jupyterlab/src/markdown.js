/*
 * Markdown cells: JupyterLab's own parser (markedparser-extension) also pulls mermaid into the
 * bundle; `marked` alone renders the lecture's prose the same way, at a fraction of the build.
 */
import { marked } from "marked";

export const markdownParser = {
  render: async (source) => marked.parse(source, { gfm: true }),
};
