/** Slide claims as executed notebooks carry them (`claim()` outputs), and how the report shows them. */
import { CLAIM_MIME, Claim } from "../dl/claim";
import type { Notebook } from "./notebook";

export function collectClaims(notebook: Notebook): Claim[] {
  return notebook.cells.flatMap((cell) =>
    (cell.outputs ?? []).flatMap((output) => ("data" in output && output.data[CLAIM_MIME] ? [output.data[CLAIM_MIME] as Claim] : [])),
  );
}

function withUnit(value: number | boolean, unit: string | null): string {
  return unit ? `${value}${unit === "%" ? "" : " "}${unit}` : String(value);
}

export function expectedText({ expected, op, tolerance, unit }: Claim): string {
  if (op !== "approx") return `${op} ${withUnit(expected, unit)}`;
  return tolerance ? `${withUnit(expected, unit)} ± ${withUnit(tolerance, unit)}` : withUnit(expected, unit);
}

export function measuredText({ measured, unit }: Claim): string {
  return measured === null ? "n/a" : withUnit(measured, unit);
}

export function passText({ pass, reason }: Claim): string {
  if (pass === null) return `— (${reason ?? "not evaluated"})`;
  return pass ? "✓" : `✗ (${reason ?? "failed"})`;
}

/** A claim that fails the reproduction: gating and measured outside the slide's value. */
export function failsRun(claim: Claim): boolean {
  return claim.gating && claim.pass === false;
}
