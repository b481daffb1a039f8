/**
 * `grade.partial(fraction, why)`: a test cell that runs without an error earns its points; one
 * that calls this earns `fraction` of them (the smallest fraction, if it calls it more than
 * once). The call shows the student a line ("partial credit: 50% (2 of 4 digits right)") and
 * carries the fraction to the grader in its own MIME type, which only test cells' outputs are
 * read for.
 */
import { display } from "../../display/display";

export const GRADE_MIME = "application/vnd.tsdl.grade+json";

export interface PartialCredit {
  fraction: number;
  why: string;
}

const show = display;
const { freeze } = Object;
const { isFinite: finite } = Number;
const { round } = Math;
const StringCtor = String;
const RangeErrorCtor = RangeError;

function partial(fraction: number, why = ""): void {
  if (typeof fraction !== "number" || !finite(fraction) || fraction < 0 || fraction > 1) {
    throw new RangeErrorCtor(`grade.partial expects a fraction between 0 and 1, got ${StringCtor(fraction)}`);
  }
  const credit: PartialCredit = { fraction, why: StringCtor(why) };
  const text = `partial credit: ${round(fraction * 1000) / 10}%${credit.why ? ` (${credit.why})` : ""}`;
  show({ [GRADE_MIME]: credit, "text/plain": text }, { raw: true });
}

export interface Grade {
  /** This test cell earns `fraction` (0..1) of its points; `why` is shown in the feedback. */
  partial(fraction: number, why?: string): void;
}

export const grade: Grade = freeze({ partial });
