import { Distribution } from "./distribution";
import { WeightedRows } from "./training-set";

/**
 * One node of a C4.5 tree. A leaf has attribute -1 and no children; an inner node tests
 * `value <= threshold` (left child) against `value > threshold` (right child).
 * `train` keeps the weighted rows that reached the node: subtree raising re-sends them
 * through a lifted branch.
 */
export class C45Node {
  attribute = -1;
  threshold = NaN;
  children: C45Node[] = [];

  constructor(
    public distribution: Distribution,
    public train: WeightedRows,
  ) {}

  get isLeaf(): boolean {
    return this.children.length === 0;
  }

  makeLeaf(): void {
    this.attribute = -1;
    this.threshold = NaN;
    this.children = [];
    this.distribution = this.distribution.merged();
  }

  /** Take over another node's test and subtree (subtree raising lifts a branch this way). */
  replaceWith(other: C45Node): void {
    this.attribute = other.attribute;
    this.threshold = other.threshold;
    this.children = other.children;
    this.distribution = other.distribution;
  }

  /** Number of nodes, leaves included (Weka's "Size of the tree"). */
  size(): number {
    return 1 + this.children.reduce((sum, child) => sum + child.size(), 0);
  }

  numLeaves(): number {
    return this.isLeaf ? 1 : this.children.reduce((sum, child) => sum + child.numLeaves(), 0);
  }
}
