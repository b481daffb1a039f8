import { Grid } from "./grid";

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - [...text].length));
  return right ? fill + text : text + fill;
}

/** A Grid as aligned monospace text (what consoles and text/plain readers see). */
export function gridText(grid: Grid): string {
  const lines = [grid.header, ...(grid.subheader ? [grid.subheader] : []), ...grid.rows];
  const widths = grid.header.map((_, col) => Math.max(...lines.map((l) => [...(l[col] ?? "")].length)));
  const render = (cells: string[]) =>
    cells.map((c, i) => pad(c, widths[i], grid.numeric?.[i] ?? false)).join("  ").trimEnd();
  const rule = "─".repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  const head = [render(grid.header), ...(grid.subheader ? [render(grid.subheader)] : [])];
  return [grid.caption, ...head, rule, ...grid.rows.map(render), ...(grid.footer ?? [])].join("\n");
}
