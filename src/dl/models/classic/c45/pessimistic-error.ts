import { Distribution } from "./distribution";
import { normalQuantile } from "./normal-quantile";
import { approxEqual } from "./tolerance";

/**
 * C4.5's pessimistic error estimate (Quinlan 1993, §4.2): treat the e training errors
 * among N instances at a leaf as a binomial sample and take the upper limit of the
 * confidence interval at level CF (0.25 by default). Returns the *extra* errors
 * N·U_CF(e, N) − e.
 */
export function addedErrors(total: number, errors: number, confidence: number): number {
  if (confidence > 0.5) throw new RangeError("C4.5's pruning confidence must be at most 0.5");
  if (errors < 1) {
    // Exact binomial bound for e = 0, then linear interpolation up to e = 1, as C4.5 does.
    const base = total * (1 - Math.pow(confidence, 1 / total));
    return errors === 0 ? base : base + errors * (addedErrors(total, 1, confidence) - base);
  }
  // Near e = N the continuity-corrected normal bound breaks down: cap at N.
  if (errors + 0.5 >= total) return Math.max(total - errors, 0);
  const z = normalQuantile(1 - confidence);
  const f = (errors + 0.5) / total;
  const spread = z * Math.sqrt(f / total - (f * f) / total + (z * z) / (4 * total * total));
  const upper = (f + (z * z) / (2 * total) + spread) / (1 + (z * z) / total);
  return upper * total - errors;
}

/** Estimated errors of a node if it were a leaf: observed errors plus the pessimistic allowance. */
export function estimatedLeafErrors(distribution: Distribution, confidence: number): number {
  if (approxEqual(distribution.total, 0)) return 0;
  const errors = distribution.numIncorrect();
  return errors + addedErrors(distribution.total, errors, confidence);
}
