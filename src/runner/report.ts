/** The reproduction report: `reproduction.json` (machine-readable) and its Markdown table. */
import type { Claim } from "../dl/claim";
import { expectedText, failsRun, measuredText, passText, sourceText, tallyLine } from "./claims";
import type { RunStatus } from "./run";

export interface NotebookReport {
  path: string;
  status: RunStatus;
  seconds: number;
  error?: string;
  claims: Claim[];
}

export interface Reproduction {
  notebooks: NotebookReport[];
}

export function reproductionFailed({ notebooks }: Reproduction): boolean {
  return notebooks.some((nb) => nb.status !== "ok" || nb.claims.some(failsRun));
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function row(values: string[]): string {
  return `| ${values.map(cell).join(" | ")} |`;
}

/** A notebook that failed, or proved nothing, still gets a row so it cannot go unnoticed. */
function statusRow(nb: NotebookReport): string[] {
  const verdict = nb.status === "ok" ? "— (no claims)" : `✗ (${nb.status}${nb.error ? `: ${nb.error}` : ""})`;
  return [nb.path, "—", "", "", "", "", "", verdict];
}

function claimRow(path: string, claim: Claim): string[] {
  return [path, claim.id, claim.kind, claim.slide, sourceText(claim), expectedText(claim), measuredText(claim), passText(claim)];
}

export function markdownTable({ notebooks }: Reproduction): string {
  const lines = [row(["notebook", "claim", "kind", "slide", "source", "expected", "measured", "pass"]), "|---|---|---|---|---|---|---|---|"];
  for (const nb of notebooks) {
    for (const claim of nb.claims) lines.push(row(claimRow(nb.path, claim)));
    if (nb.status !== "ok" || nb.claims.length === 0) lines.push(row(statusRow(nb)));
  }
  return lines.join("\n") + "\n";
}

/** "passed: 16 notebooks, 73 claims. experiments reproduced: a/b; checks: c/d" */
export function summaryLine(reproduction: Reproduction): string {
  const verdict = reproductionFailed(reproduction) ? "FAILED" : "passed";
  const claims = reproduction.notebooks.flatMap((nb) => nb.claims);
  return `${verdict}: ${reproduction.notebooks.length} notebooks, ${claims.length} claims. ${tallyLine(claims)}.`;
}

export function markdownReport(reproduction: Reproduction): string {
  return `# Reproduction\n\n${summaryLine(reproduction)}\n\n${markdownTable(reproduction)}`;
}
