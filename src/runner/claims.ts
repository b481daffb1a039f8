/** Claims as executed notebooks carry them (`claim()` outputs), and how the report shows them. */
import { CLAIM_MIME, Claim, ClaimKind } from "../dl/claim";
import type { Notebook } from "./notebook";

export { expectedText, measuredText } from "../dl/claim";

export function collectClaims(notebook: Notebook): Claim[] {
  return notebook.cells.flatMap((cell) =>
    (cell.outputs ?? []).flatMap((output) => ("data" in output && output.data[CLAIM_MIME] ? [output.data[CLAIM_MIME] as Claim] : [])),
  );
}

export function passText({ pass, reason }: Claim): string {
  if (pass === null) return `— (${reason ?? "not evaluated"})`;
  return pass ? "✓" : `✗ (${reason ?? "failed"})`;
}

/** "slide", or "notebook: why it chose the number", "derived: how". */
export function sourceText({ source, basis }: Claim): string {
  return basis ? `${source}: ${basis}` : source;
}

/** A claim that fails the reproduction: gating and measured outside the expected value. */
export function failsRun(claim: Claim): boolean {
  return claim.gating && claim.pass === false;
}

export interface KindTally {
  /** Claims that passed. */
  passed: number;
  total: number;
  /** Not judged (quick run, data unavailable), by reason. */
  notJudged: Record<string, number>;
  /** Failed but informational (`gating: false`). */
  failedInformational: number;
  failedGating: number;
}

export function tally(claims: Claim[], kind: ClaimKind): KindTally {
  const result: KindTally = { passed: 0, total: 0, notJudged: {}, failedInformational: 0, failedGating: 0 };
  for (const claim of claims.filter((c) => c.kind === kind)) {
    result.total++;
    // Reasons are grouped by their first clause: "WISDM raw file not available offline: <url> ..."
    const reason = (claim.reason ?? "not evaluated").split(":")[0];
    if (claim.pass === true) result.passed++;
    else if (claim.pass === null) result.notJudged[reason] = (result.notJudged[reason] ?? 0) + 1;
    else if (claim.gating) result.failedGating++;
    else result.failedInformational++;
  }
  return result;
}

function details(t: KindTally): string {
  const parts = Object.entries(t.notJudged).map(([reason, n]) => `${n} not judged: ${reason}`);
  if (t.failedGating) parts.push(`${t.failedGating} failed`);
  if (t.failedInformational) parts.push(`${t.failedInformational} informational failed`);
  return parts.length ? ` (${parts.join("; ")})` : "";
}

/** "experiments reproduced: 40/52 (12 not judged: quick run); checks: 15/15" */
export function tallyLine(claims: Claim[]): string {
  const experiments = tally(claims, "experiment");
  const checks = tally(claims, "check");
  return `experiments reproduced: ${experiments.passed}/${experiments.total}${details(experiments)}; checks: ${checks.passed}/${checks.total}${details(checks)}`;
}
