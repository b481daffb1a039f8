import { clearlyGreater } from "./tolerance";

/**
 * Weighted class counts per branch ("bag"), the bookkeeping C4.5 keeps at every node.
 * A leaf has one bag; a binary numeric split has two.
 */
export class Distribution {
  readonly perClassPerBag: Float64Array[];
  readonly perBag: Float64Array;
  readonly perClass: Float64Array;
  total = 0;

  constructor(numBags: number, readonly numClasses: number) {
    this.perClassPerBag = Array.from({ length: numBags }, () => new Float64Array(numClasses));
    this.perBag = new Float64Array(numBags);
    this.perClass = new Float64Array(numClasses);
  }

  get numBags(): number {
    return this.perBag.length;
  }

  add(bag: number, classIndex: number, weight: number): void {
    this.perClassPerBag[bag][classIndex] += weight;
    this.perBag[bag] += weight;
    this.perClass[classIndex] += weight;
    this.total += weight;
  }

  /** The majority class; the first one wins a tie (within tolerance), like Weka. */
  maxClass(): number {
    return firstMaxIndex(this.perClass);
  }

  /** The heaviest branch: the one subtree raising considers lifting. */
  maxBag(): number {
    return firstMaxIndex(this.perBag);
  }

  /** Training errors if this node predicted its majority class. */
  numIncorrect(): number {
    return this.total - this.perClass[this.maxClass()];
  }

  /** All bags merged into one: the distribution of a node turned into a leaf. */
  merged(): Distribution {
    const leaf = new Distribution(1, this.numClasses);
    this.perClass.forEach((weight, classIndex) => leaf.add(0, classIndex, weight));
    return leaf;
  }

  /** Share of the weight in one class (0 for an empty distribution, as in Weka). */
  probability(classIndex: number): number {
    return this.total > 0 ? this.perClass[classIndex] / this.total : 0;
  }
}

function firstMaxIndex(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (clearlyGreater(values[i], values[best])) best = i;
  return best;
}
