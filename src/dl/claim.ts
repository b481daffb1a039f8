/**
 * `claim()`: checks a number against what the notebook measured, shows a compact badge, and emits
 * the machine-readable record the runner collects (`application/vnd.tsdl.claim+json`, in the same
 * display_data as the badge).
 *
 * Every claim says where its expected number comes from (`source`: printed on a slide, derived
 * from the slide's numbers or formulas, or chosen by the notebook, with `basis` saying how or why) and what kind of
 * evidence it is (`kind`: an experiment that depends on training or data, or a check of an
 * identity, a formula or a library's consistency). The report tallies the two kinds apart.
 *
 * Quick runs (the runner sets TSDL_QUICK=1) train less, so `fullRunOnly` claims are recorded with
 * `pass: null, reason: "quick run"` instead of failing.
 */
import { display } from "../display/display";
import { MimeBundle } from "../display/protocol";
import { escapeHtml } from "../display/renderers/html";
import { formatExpected, formatMeasured } from "./claim-format";

export const CLAIM_MIME = "application/vnd.tsdl.claim+json";

export type ClaimOp = "approx" | "<=" | ">=" | "==";

/** Where the expected number comes from. */
export type ClaimSource = "slide" | "derived" | "notebook";
export const CLAIM_SOURCES: readonly ClaimSource[] = ["slide", "derived", "notebook"];

/** An experiment depends on training or data; a check verifies an identity, a formula or a library. */
export type ClaimKind = "experiment" | "check";
export const CLAIM_KINDS: readonly ClaimKind[] = ["experiment", "check"];

/**
 * `source: "slide"`: `slide` quotes the slide's words with the number (`basis` may add a note, e.g.
 * why the tolerance). `"derived"`: `basis` gives the derivation (arithmetic on the slide's numbers,
 * or a short argument from what the slide shows, such as its formula or rule).
 * `"notebook"`: `basis` says why the notebook chose the threshold (the slide prints no number).
 */
export type ClaimProvenance =
  | { source: "slide"; basis?: string }
  | { source: "derived" | "notebook"; basis: string };

export type ClaimInput = ClaimProvenance & {
  id: string;
  /** What the slide says that this claim tests: its words where it prints the number. */
  slide: string;
  kind: ClaimKind;
  expected: number | boolean;
  /** The notebook's value; null/undefined when it could not be measured (give `reason`). */
  measured: number | boolean | null | undefined;
  op?: ClaimOp;
  tolerance?: number;
  /** "fraction" values are shown as percentages, "%" values already are. */
  unit?: string | null;
  /** A failing gating claim fails the run; default true. */
  gating?: boolean;
  /** Only meaningful after a full run; default false. */
  fullRunOnly?: boolean;
  /** Why `measured` is missing (e.g. "WISDM data not available"). */
  reason?: string;
};

export interface Claim {
  id: string;
  slide: string;
  source: ClaimSource;
  /** How the number was derived, or why the notebook chose it; null for a plain slide quote. */
  basis: string | null;
  kind: ClaimKind;
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

/** Source, basis and kind are what make a claim honest: a missing one is an error, not a default. */
function checkProvenance(input: ClaimInput): void {
  const where = `claim "${input.id}"`;
  if (!CLAIM_SOURCES.includes(input.source)) {
    throw new Error(`${where}: source must be "slide" (the slide prints the number), "derived" (follows from the slide's numbers or formulas) or "notebook" (a threshold the notebook chose), got ${JSON.stringify(input.source)}`);
  }
  if (input.source !== "slide" && !input.basis?.trim()) {
    throw new Error(`${where}: a ${input.source} number needs \`basis\`: ${input.source === "derived" ? "how it follows from the slide's numbers or formulas" : "why the notebook chose it"}`);
  }
  if (!CLAIM_KINDS.includes(input.kind)) {
    throw new Error(`${where}: kind must be "experiment" (depends on training or data) or "check" (an identity, formula or library consistency), got ${JSON.stringify(input.kind)}`);
  }
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

/** The record, without displaying it. */
export function evaluateClaim(input: ClaimInput): Claim {
  checkProvenance(input);
  const op = input.op ?? "approx";
  const tolerance = input.tolerance ?? 0;
  const measured = input.measured ?? null;
  const base = {
    id: input.id,
    slide: input.slide,
    source: input.source,
    basis: input.basis?.trim() || null,
    kind: input.kind,
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
  return { ...base, pass, reason: pass ? null : `measured ${measuredText(base)}, expected ${expectedText(base)}` };
}

export function expectedText(claim: Pick<Claim, "expected" | "op" | "tolerance" | "unit">): string {
  return formatExpected(claim);
}

export function measuredText(claim: Pick<Claim, "measured" | "expected" | "unit">): string {
  return formatMeasured(claim.measured, claim.expected, claim.unit);
}

function mark(claim: Claim): string {
  if (claim.pass === null) return `– (${claim.reason})`;
  return claim.pass ? "✓" : "✗";
}

/**
 * "Total params: 76,468 · slide 76,468 · measured 76,468 · ✓"; checks start with "check ·", and
 * the label before the expected value is the claim's source (slide, derived or notebook).
 */
export function claimText(claim: Claim): string {
  const check = claim.kind === "check" ? "check · " : "";
  return `${check}${claim.slide} · ${claim.source} ${expectedText(claim)} · measured ${measuredText(claim)} · ${mark(claim)}`;
}

function claimHtml(claim: Claim): string {
  const color = claim.pass === null ? "#777" : claim.pass ? "#2ca02c" : "#d62728";
  const details = [claim.id, `${claim.kind}, ${claim.source}`, claim.basis, claim.reason].filter(Boolean).join(" — ");
  return `<span title="${escapeHtml(details)}" style="display:inline-block;padding:1px 8px;border:1px solid ${color};border-radius:10px;font-size:12px;color:${color}">${escapeHtml(claimText(claim))}</span>`;
}

export function claimBundle(claim: Claim): MimeBundle {
  return { "text/html": claimHtml(claim), "text/plain": claimText(claim), [CLAIM_MIME]: { ...claim } };
}

/**
 * Shows the badge with its record (one display_data; the runner collects one record per call).
 * Like `display()`, it returns nothing, so a cell ending in `dl.claim(...)` shows the claim once;
 * `evaluateClaim` returns the record without showing it.
 */
export function claim(input: ClaimInput): void {
  display(claimBundle(evaluateClaim(input)), { raw: true });
}
