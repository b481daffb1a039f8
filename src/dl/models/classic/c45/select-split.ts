import { NumericSplitCandidate } from "./numeric-split";
import { clearlyGreater } from "./tolerance";

/**
 * C4.5's choice of test (Quinlan 1993, §2.2): the highest gain ratio, but only among
 * tests whose information gain is at least the average gain of all tests tried, so that
 * a test with tiny split information cannot win on ratio alone. Weka allows 1e-3 of
 * slack on that average; ties go to the earlier attribute.
 */
export function selectSplit(candidates: ReadonlyArray<NumericSplitCandidate | null>): NumericSplitCandidate | null {
  const valid = candidates.filter((candidate): candidate is NumericSplitCandidate => candidate !== null);
  if (valid.length === 0) return null;
  const averageGain = valid.reduce((sum, candidate) => sum + candidate.infoGain, 0) / valid.length;
  let best: NumericSplitCandidate | null = null;
  for (const candidate of valid) {
    if (candidate.infoGain < averageGain - 1e-3) continue;
    if (clearlyGreater(candidate.gainRatio, best?.gainRatio ?? 0)) best = candidate;
  }
  return best;
}
