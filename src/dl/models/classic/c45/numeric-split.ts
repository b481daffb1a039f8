import { Distribution } from "./distribution";
import { infoGain, splitInfo, weightedEntropy } from "./entropy";
import { atLeast, atMost, clearlyGreater } from "./tolerance";

/** The best binary test `attribute <= t` found on one attribute at one node. */
export interface NumericSplitCandidate {
  readonly attribute: number;
  /** Midpoint between the two values it separates; the builder later snaps it to a data value. */
  readonly midpoint: number;
  /** Information gain in bits, after the MDL penalty. */
  readonly infoGain: number;
  readonly gainRatio: number;
}

export interface NumericSplitInput {
  readonly attribute: number;
  /** Rows at this node whose value is known, sorted by value. */
  readonly sortedKnownRows: Int32Array;
  readonly column: Float64Array;
  readonly labels: Int32Array;
  /** Weight of each row at this node, indexed by row. */
  readonly rowWeight: Float64Array;
  readonly numClasses: number;
  /** Weight of all instances at the node, those with a missing value included. */
  readonly nodeTotal: number;
  readonly minNumObj: number;
  readonly useMdlCorrection: boolean;
}

/** Values closer than this are treated as equal: no threshold between them. */
const DISTINCT_VALUES = 1e-5;

/**
 * C4.5's search for a numeric threshold (Quinlan 1993, §2.4 and Quinlan 1996, "Improved
 * use of continuous attributes"): try every cut between distinct sorted values whose two
 * sides both carry at least `minSplit` weight, keep the best information gain, then
 * subtract the MDL cost log2(#cuts tried)/N of having chosen among those cuts.
 */
export function bestNumericSplit(input: NumericSplitInput): NumericSplitCandidate | null {
  const { sortedKnownRows: rows, column, labels, rowWeight, nodeTotal } = input;
  const sides = new Distribution(2, input.numClasses);
  for (const row of rows) sides.add(RIGHT_SIDE, labels[row], rowWeight[row]);
  const minSplit = minimumBranchWeight(sides.total, input.numClasses, input.minNumObj);
  if (rows.length < 2 * minSplit) return null;

  const knownEntropy = weightedEntropy(sides.perClass, sides.total);
  let bestGain = 0;
  let bestCut = -1;
  let cutsTried = 0;
  let moved = 0;
  for (let next = 1; next < rows.length; next++) {
    if (!(column[rows[next - 1]] + DISTINCT_VALUES < column[rows[next]])) continue;
    for (; moved < next; moved++) moveLeft(sides, labels[rows[moved]], rowWeight[rows[moved]]);
    if (!atLeast(sides.perBag[0], minSplit) || !atLeast(sides.perBag[1], minSplit)) continue;
    cutsTried++;
    const bagsEntropy =
      weightedEntropy(sides.perClassPerBag[0], sides.perBag[0]) + weightedEntropy(sides.perClassPerBag[1], sides.perBag[1]);
    const gain = infoGain(knownEntropy, bagsEntropy, nodeTotal);
    if (clearlyGreater(gain, bestGain)) {
      bestGain = gain;
      bestCut = next - 1;
    }
  }
  if (cutsTried === 0 || bestCut < 0) return null;
  const gain = bestGain - (input.useMdlCorrection ? Math.log2(cutsTried) / nodeTotal : 0);
  if (atMost(gain, 0)) return null;

  const below = column[rows[bestCut]];
  const above = column[rows[bestCut + 1]];
  return {
    attribute: input.attribute,
    midpoint: midpointBetween(below, above),
    infoGain: gain,
    gainRatio: gainRatio(gain, leftWeight(rows, bestCut, rowWeight), sides.total, nodeTotal),
  };
}

const RIGHT_SIDE = 1;

/**
 * C4.5's minimum branch size for a numeric cut: 10% of the average class weight,
 * but at least minNumObj and at most 25.
 */
function minimumBranchWeight(knownWeight: number, numClasses: number, minNumObj: number): number {
  const minSplit = (0.1 * knownWeight) / numClasses;
  if (atMost(minSplit, minNumObj)) return minNumObj;
  return clearlyGreater(minSplit, 25) ? 25 : minSplit;
}

function moveLeft(sides: Distribution, classIndex: number, weight: number): void {
  sides.add(1, classIndex, -weight);
  sides.add(0, classIndex, weight);
}

/** The midpoint, unless rounding made it equal to the upper value. */
function midpointBetween(below: number, above: number): number {
  const midpoint = (below + above) / 2;
  return midpoint === above ? below : midpoint;
}

function leftWeight(rows: Int32Array, lastLeft: number, rowWeight: Float64Array): number {
  let weight = 0;
  for (let i = 0; i <= lastLeft; i++) weight += rowWeight[rows[i]];
  return weight;
}

/** Gain ratio = gain / split info; a split with no split information is worthless. */
function gainRatio(gain: number, left: number, known: number, nodeTotal: number): number {
  const info = splitInfo([left, known - left], nodeTotal);
  return info < 1e-6 ? 0 : gain / info;
}
