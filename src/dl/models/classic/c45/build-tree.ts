import { C45Node } from "./node";
import { bestNumericSplit, NumericSplitCandidate } from "./numeric-split";
import { selectSplit } from "./select-split";
import { classDistribution, splitRows } from "./split-rows";
import { approxEqual, atLeast, atMost } from "./tolerance";
import { allRowsWithUnitWeight, TrainingSet, WeightedRows } from "./training-set";

export interface GrowOptions {
  /** Minimum weight in at least two branches of a test (J48's -M, default 2). */
  readonly minNumObj: number;
  readonly useMdlCorrection: boolean;
}

/**
 * Grows the unpruned C4.5 tree top-down. To avoid re-sorting at every node, the rows of
 * each attribute are sorted once and each node hands its children the order-preserving
 * sublists (rows with a missing value for an attribute are simply absent from its list).
 */
export class TreeGrower {
  /** Each row's weight at the node being examined (only valid while examining it). */
  private readonly rowWeight: Float64Array;
  /** Every training value per attribute, sorted: where thresholds are snapped to. */
  private readonly sortedValues: Float64Array[];

  constructor(
    private readonly set: TrainingSet,
    private readonly options: GrowOptions,
  ) {
    this.rowWeight = new Float64Array(set.labels.length);
    this.sortedValues = set.columns.map((column) => Float64Array.from(column.filter((value) => !Number.isNaN(value))).sort());
  }

  grow(): C45Node {
    const sorted = this.set.columns.map((column) => sortedKnownRows(column));
    return this.growNode(allRowsWithUnitWeight(this.set.labels.length), sorted);
  }

  private growNode(data: WeightedRows, sorted: Int32Array[]): C45Node {
    const node = new C45Node(classDistribution(this.set, data), data);
    const split = this.isTooSmallOrPure(node) ? null : this.chooseSplit(data, sorted, node.distribution.total);
    if (split === null) return node;

    node.attribute = split.attribute;
    node.threshold = this.snapToTrainingValue(split.attribute, split.midpoint);
    // A chosen test always has rows with known values, so the fallback split is never used here.
    const { distribution, parts } = splitRows(this.set, data, node.attribute, node.threshold, [0.5, 0.5]);
    node.distribution = distribution;
    const childSorted = parts.map((part) => this.sublists(sorted, part));
    node.children = parts.map((part, branch) => this.growNode(part, childSorted[branch]));
    return node;
  }

  /** C4.5 stops when fewer than 2·minNumObj instances remain or all share one class. */
  private isTooSmallOrPure(node: C45Node): boolean {
    const { total, perClass } = node.distribution;
    return !atLeast(total, 2 * this.options.minNumObj) || approxEqual(total, perClass[node.distribution.maxClass()]);
  }

  private chooseSplit(data: WeightedRows, sorted: Int32Array[], nodeTotal: number): NumericSplitCandidate | null {
    data.rows.forEach((row, i) => (this.rowWeight[row] = data.weights[i]));
    const candidates = sorted.map((sortedKnownRows, attribute) =>
      bestNumericSplit({
        attribute,
        sortedKnownRows,
        column: this.set.columns[attribute],
        labels: this.set.labels,
        rowWeight: this.rowWeight,
        numClasses: this.set.numClasses,
        nodeTotal,
        minNumObj: this.options.minNumObj,
        useMdlCorrection: this.options.useMdlCorrection,
      }),
    );
    return selectSplit(candidates);
  }

  /**
   * C4.5 reports a threshold that occurs in the data: the largest training value (over
   * the whole training set) not above the midpoint, within Weka's 1e-6 tolerance (so a
   * midpoint computed as 6.68999… still snaps to 6.69). No row at the node changes side.
   */
  private snapToTrainingValue(attribute: number, midpoint: number): number {
    const values = this.sortedValues[attribute];
    let low = 0;
    let high = values.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (atMost(values[middle], midpoint)) low = middle;
      else high = middle - 1;
    }
    return atMost(values[low], midpoint) ? values[low] : midpoint;
  }

  /** Each attribute's sorted rows restricted to one child, order kept. */
  private sublists(sorted: Int32Array[], part: WeightedRows): Int32Array[] {
    const inPart = new Uint8Array(this.set.labels.length);
    for (const row of part.rows) inPart[row] = 1;
    return sorted.map((rows) => keepMarked(rows, inPart));
  }
}

/** `rows.filter(row => marked[row])`, as a plain loop: this runs for every attribute at every node. */
function keepMarked(rows: Int32Array, marked: Uint8Array): Int32Array {
  const kept = new Int32Array(rows.length);
  let count = 0;
  for (let i = 0; i < rows.length; i++) if (marked[rows[i]] === 1) kept[count++] = rows[i];
  return kept.slice(0, count);
}

function sortedKnownRows(column: Float64Array): Int32Array {
  const rows = Int32Array.from({ length: column.length }, (_, i) => i).filter((row) => !Number.isNaN(column[row]));
  return rows.sort((a, b) => column[a] - column[b]);
}
