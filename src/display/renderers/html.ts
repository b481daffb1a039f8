import { Grid } from "./grid";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const TABLE_STYLE = "border-collapse:collapse;font-size:12px;font-variant-numeric:tabular-nums";
const CELL_STYLE = "padding:2px 8px;border-bottom:1px solid #ddd";

function cell(tag: "td" | "th", text: string, right: boolean): string {
  const align = right ? "right" : "left";
  return `<${tag} style="${CELL_STYLE};text-align:${align}">${escapeHtml(text)}</${tag}>`;
}

function row(tag: "td" | "th", cells: string[], numeric: boolean[] = []): string {
  return `<tr>${cells.map((c, i) => cell(tag, c, numeric[i] ?? false)).join("")}</tr>`;
}

/** A Grid as an HTML table: caption on top, footer lines under it. */
export function gridHtml(grid: Grid): string {
  const head = [row("th", grid.header, grid.numeric)];
  if (grid.subheader) head.push(row("th", grid.subheader, grid.numeric).replace(/<th /g, '<th class="tsdl-sub" '));
  const body = grid.rows.map((r) => row("td", r, grid.numeric)).join("");
  const footer = (grid.footer ?? []).map((line) => `<div>${escapeHtml(line)}</div>`).join("");
  return (
    `<div class="tsdl-table"><div style="font-size:12px;color:#555">${escapeHtml(grid.caption)}</div>` +
    `<table style="${TABLE_STYLE}"><thead>${head.join("")}</thead><tbody>${body}</tbody></table>` +
    (footer ? `<div style="font-size:12px;color:#555">${footer}</div>` : "") +
    `</div>`
  );
}
