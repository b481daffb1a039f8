/**
 * `feedback/<name>.html`: the graded notebook as one self-contained page a student can open
 * offline, with the points of every test next to it and a table of them on top. The page loads
 * nothing and runs no script (a Content-Security-Policy forbids both): outputs are shown as
 * text or as images, never as the student's own HTML.
 */
import type { Cell, Notebook, Output } from "../runner/notebook";
import { sourceText } from "../runner/notebook";
import { gradeId, isGrade } from "./nbgrader";
import { escapeHtml, markdownToHtml } from "./markdown";
import type { TestScore } from "./score";
import type { SubmissionStatus } from "./score";

export interface FeedbackInput {
  submission: string;
  notebook: Notebook;
  scores: TestScore[];
  total: number;
  max: number;
  status: SubmissionStatus;
  notes: string[];
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #222; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 1em 0; } td, th { border: 1px solid #ccc; padding: .3em .7em; text-align: left; }
td { vertical-align: top; } td:first-child { overflow-wrap: normal; } td:nth-child(2) { white-space: nowrap; }
.cell { margin: 1.2em 0; } pre { background: #f6f8fa; padding: .6em; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: .3em 0; }
pre.source { border-left: 3px solid #888; } pre.error { background: #fdecea; } pre.stderr { background: #fff8e1; }
.points { display: inline-block; font-weight: 600; padding: .1em .6em; border-radius: .8em; margin-bottom: .2em; }
.passed { background: #e3f6e5; color: #135e1d; } .partial { background: #fff4d6; color: #7a5200; }
.failed, .not-run, .unanswered { background: #fdecea; color: #8a1c1c; } .pending { background: #e8eefc; color: #1d3f8a; }
img { max-width: 100%; } .notes { color: #555; }`;

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
const MAX_TEXT = 20_000;

export function feedbackHtml(input: FeedbackInput): string {
  const byId = new Map(input.scores.map((s) => [s.gradeId, s]));
  const cells = input.notebook.cells.map((cell) => cellHtml(cell, isGrade(cell) ? byId.get(gradeId(cell)!) : undefined)).join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Feedback: ${escapeHtml(input.submission)}</title>
<style>${STYLE}</style></head>
<body>
<h1>Feedback: ${escapeHtml(input.submission)}</h1>
<p><strong>${input.total} / ${input.max} points</strong> · status: ${escapeHtml(input.status)}</p>
${summaryTable(input.scores)}
${input.notes.length ? `<ul class="notes">${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` : ""}
<hr>
${cells}
</body></html>
`;
}

function summaryTable(scores: TestScore[]): string {
  const rows = scores.map((s) => `<tr><td>${breakableId(s.gradeId)}</td><td>${pointsText(s)}</td><td>${escapeHtml(outcomeText(s))}</td></tr>`).join("");
  return `<table><thead><tr><th>test</th><th>points</th><th>result</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** A grade_id that a narrow window wraps after its underscores, not inside its words. */
function breakableId(id: string): string {
  return escapeHtml(id).replace(/_/g, "_<wbr>");
}

function pointsText(s: TestScore): string {
  return s.earned === null ? `pending / ${s.max}` : `${s.earned} / ${s.max}`;
}

function outcomeText(s: TestScore): string {
  const label = { passed: "passed", partial: "partial credit", failed: "failed", "not-run": "not run", pending: "graded by hand", unanswered: "not answered" }[s.outcome];
  return s.message ? `${label}: ${firstLine(s.message)}` : label;
}

function firstLine(text: string): string {
  const line = text.split("\n")[0];
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

function cellHtml(cell: Cell, score: TestScore | undefined): string {
  const badge = score ? `<div class="points ${score.outcome}">${escapeHtml(pointsText(score))} points · ${escapeHtml(outcomeText(score))}</div>` : "";
  if (cell.cell_type === "markdown") return `<div class="cell">${badge}${markdownToHtml(sourceText(cell))}</div>`;
  if (cell.cell_type === "raw") return `<div class="cell">${badge}<pre>${text(sourceText(cell))}</pre></div>`;
  const outputs = (cell.outputs ?? []).map(outputHtml).join("");
  return `<div class="cell">${badge}<pre class="source"><code>${text(sourceText(cell))}</code></pre>${outputs}</div>`;
}

function outputHtml(output: Output): string {
  if (output.output_type === "stream") return `<pre class="${output.name === "stderr" ? "stderr" : "stdout"}">${text(stripAnsi(joined(output.text)))}</pre>`;
  if (output.output_type === "error") return `<pre class="error">${text(stripAnsi([`${output.ename}: ${output.evalue}`, ...output.traceback.slice(1)].join("\n")))}</pre>`;
  const data = output.data;
  for (const mime of ["image/png", "image/jpeg"]) {
    if (typeof joined(data[mime]) === "string" && data[mime]) return `<img alt="" src="data:${mime};base64,${joined(data[mime]).replace(/\s/g, "")}">`;
  }
  if (data["image/svg+xml"]) return `<img alt="" src="data:image/svg+xml;base64,${Buffer.from(joined(data["image/svg+xml"])).toString("base64")}">`;
  const plain = data["text/plain"];
  return plain === undefined ? "" : `<pre>${text(joined(plain))}</pre>`;
}

function joined(value: unknown): string {
  return Array.isArray(value) ? value.join("") : typeof value === "string" ? value : "";
}

function text(value: string): string {
  const cut = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}\n… (${value.length - MAX_TEXT} more characters)` : value;
  return escapeHtml(cut);
}

function stripAnsi(value: string): string {
  return value.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}
