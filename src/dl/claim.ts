/**
 * `claim()`: checks a number from the lecture's slides against what the notebook measured, shows
 * a compact badge, and emits the machine-readable record the runner collects
 * (`application/vnd.tsdl.claim+json`, in the same display_data as the badge).
 *
 * Quick runs (the runner sets TSDL_QUICK=1) train less, so `fullRunOnly` claims are recorded with
 * `pass: null, reason: "quick run"` instead of failing.
 */
import { display } from "../display/display";
import { DISPLAY_SYMBOL, MimeBundle } from "../display/protocol";
import { escapeHtml } from "../display/renderers/html";

export const CLAIM_MIME = "application/vnd.tsdl.claim+json";

export type ClaimOp = "approx" | "<=" | ">=" | "==";

export interface ClaimInput {
  id: string;
  /** The value as the slide states it, e.g. "98.5%". */
  slide: string;
  expected: number | boolean;
  /** The notebook's value; null/undefined when it could not be measured (give `reason`). */
  measured: number | boolean | null | undefined;
  op?: ClaimOp;
  tolerance?: number;
  unit?: string | null;
  /** A failing gating claim fails the run; default true. */
  gating?: boolean;
  /** Only meaningful after a full run; default false. */
  fullRunOnly?: boolean;
  /** Why `measured` is missing (e.g. "WISDM data not available"). */
  reason?: string;
}

export interface Claim {
  id: string;
  slide: string;
  expected: number | boolean;
  op: ClaimOp;
  tolerance: number;
  measured: number | boolean | null;
  unit: string | null;
  gating: boolean;
  fullRunOnly: boolean;
  pass: boolean | null;
  reason: string | null;
}

export function isQuickRun(): boolean {
  return process.env.TSDL_QUICK === "1";
}

function compare(measured: number | boolean, expected: number | boolean, op: ClaimOp, tolerance: number): boolean {
  if (typeof measured === "boolean" || typeof expected === "boolean") {
    if (op === "<=" || op === ">=") throw new Error(`claim: "${op}" needs numbers, got a boolean`);
    return measured === expected;
  }
  // The slack absorbs binary rounding: |0.98 - 0.985| is 0.0050000000000000044, and a value
  // exactly at the tolerance must pass.
  if (op === "approx") return Math.abs(measured - expected) <= tolerance + 1e-9 * Math.max(1, Math.abs(expected));
  if (op === "<=") return measured <= expected;
  if (op === ">=") return measured >= expected;
  return measured === expected;
}

function failureReason(measured: number | boolean, expected: number | boolean, op: ClaimOp, tolerance: number): string {
  const wanted = op === "approx" ? `${expected} ± ${tolerance}` : `${op} ${expected}`;
  return `measured ${measured}, expected ${wanted}`;
}

/** The record, without displaying it. */
export function evaluateClaim(input: ClaimInput): Claim {
  const op = input.op ?? "approx";
  const tolerance = input.tolerance ?? 0;
  const measured = input.measured ?? null;
  const base = {
    id: input.id,
    slide: input.slide,
    expected: input.expected,
    op,
    tolerance,
    measured,
    unit: input.unit ?? null,
    gating: input.gating ?? true,
    fullRunOnly: input.fullRunOnly ?? false,
  };
  if (measured === null) return { ...base, pass: null, reason: input.reason ?? "not measured" };
  if (base.fullRunOnly && isQuickRun()) return { ...base, pass: null, reason: "quick run" };
  const pass = compare(measured, input.expected, op, tolerance);
  return { ...base, pass, reason: pass ? null : failureReason(measured, input.expected, op, tolerance) };
}

function formatMeasured(claim: Claim): string {
  if (claim.measured === null) return "n/a";
  const value = typeof claim.measured === "number" ? String(Number(claim.measured.toPrecision(6))) : String(claim.measured);
  return claim.unit ? `${value}${claim.unit === "%" ? "" : " "}${claim.unit}` : value;
}

function mark(claim: Claim): string {
  if (claim.pass === null) return `– (${claim.reason})`;
  return claim.pass ? "✓" : "✗";
}

export function claimText(claim: Claim): string {
  return `slide: ${claim.slide} · measured: ${formatMeasured(claim)} · ${mark(claim)}`;
}

function claimHtml(claim: Claim): string {
  const color = claim.pass === null ? "#777" : claim.pass ? "#2ca02c" : "#d62728";
  const title = escapeHtml(`${claim.id}${claim.reason ? `: ${claim.reason}` : ""}`);
  return `<span title="${title}" style="display:inline-block;padding:1px 8px;border:1px solid ${color};border-radius:10px;font-size:12px;color:${color}">${escapeHtml(claimText(claim))}</span>`;
}

export function claimBundle(claim: Claim): MimeBundle {
  return { "text/html": claimHtml(claim), "text/plain": claimText(claim), [CLAIM_MIME]: { ...claim } };
}

/**
 * Shows the badge with its record and returns the record. The record also answers the display
 * protocol (non-enumerable, so its JSON keeps exactly the claim's keys) with the badge text only,
 * so a cell ending in `claim(...)` echoes one line rather than the object, and the runner still
 * sees exactly one claim record per call.
 */
export function claim(input: ClaimInput): Claim {
  const record = evaluateClaim(input);
  display(claimBundle(record), { raw: true });
  Object.defineProperty(record, DISPLAY_SYMBOL, { value: () => ({ "text/plain": claimText(record) }), enumerable: false });
  return record;
}
