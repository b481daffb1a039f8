import { Distribution } from "./distribution";
import { C45Node } from "./node";
import { estimatedLeafErrors } from "./pessimistic-error";
import { classDistribution, splitRows } from "./split-rows";
import { atMost } from "./tolerance";
import { TrainingSet, WeightedRows } from "./training-set";

export interface PruneOptions {
  /** Confidence CF of the pessimistic error estimate (J48's -C, default 0.25). */
  readonly confidence: number;
  readonly subtreeRaising: boolean;
}

/**
 * Before pruning, Weka's J48 collapses every subtree that does not reduce the training
 * error of its root (within 1e-3): such a split only shuffles instances around.
 */
export function collapse(node: C45Node): void {
  if (node.isLeaf) return;
  if (trainingErrors(node) >= node.distribution.numIncorrect() - 1e-3) node.makeLeaf();
  else node.children.forEach(collapse);
}

function trainingErrors(node: C45Node): number {
  if (node.isLeaf) return node.distribution.numIncorrect();
  return node.children.reduce((sum, child) => sum + trainingErrors(child), 0);
}

/**
 * C4.5's error-based pruning (Quinlan 1993, §4.2), bottom-up: at each inner node compare
 * the estimated errors of (a) the subtree as it is, (b) a single leaf, (c) the node's
 * largest branch lifted into its place with all of the node's instances re-sent through
 * it ("subtree raising"). A leaf or the raised branch wins if it is no worse than the
 * subtree plus 0.1 errors.
 */
export class Pruner {
  constructor(
    private readonly set: TrainingSet,
    private readonly options: PruneOptions,
  ) {}

  prune(node: C45Node): void {
    if (node.isLeaf) return;
    node.children.forEach((child) => this.prune(child));
    const largest = node.children[node.distribution.maxBag()];
    const errorsOfLargestBranch = this.options.subtreeRaising
      ? this.estimatedErrorsForBranch(largest, node.train)
      : Infinity;
    const errorsAsLeaf = estimatedLeafErrors(node.distribution, this.options.confidence);
    const errorsOfSubtree = this.estimatedErrors(node);
    if (atMost(errorsAsLeaf, errorsOfSubtree + 0.1) && atMost(errorsAsLeaf, errorsOfLargestBranch + 0.1)) {
      node.makeLeaf();
      return;
    }
    if (atMost(errorsOfLargestBranch, errorsOfSubtree + 0.1)) {
      node.replaceWith(largest);
      this.redistribute(node, node.train);
      this.prune(node);
    }
  }

  /** Sum of the leaves' estimated errors for the instances they currently hold. */
  private estimatedErrors(node: C45Node): number {
    if (node.isLeaf) return estimatedLeafErrors(node.distribution, this.options.confidence);
    return node.children.reduce((sum, child) => sum + this.estimatedErrors(child), 0);
  }

  /** Estimated errors if `data` were classified by this subtree (nothing is changed). */
  private estimatedErrorsForBranch(node: C45Node, data: WeightedRows): number {
    if (node.isLeaf) return estimatedLeafErrors(classDistribution(this.set, data), this.options.confidence);
    const { parts } = splitRows(this.set, data, node.attribute, node.threshold, proportions(node.distribution));
    return parts.reduce((sum, part, branch) => sum + this.estimatedErrorsForBranch(node.children[branch], part), 0);
  }

  /** After raising, every node below holds a new share of the instances: recount them. */
  private redistribute(node: C45Node, data: WeightedRows): void {
    node.train = data;
    if (node.isLeaf) {
      node.distribution = classDistribution(this.set, data);
      return;
    }
    const { distribution, parts } = splitRows(this.set, data, node.attribute, node.threshold, proportions(node.distribution));
    node.distribution = distribution;
    node.children.forEach((child, branch) => this.redistribute(child, parts[branch]));
  }
}

function proportions(distribution: Distribution): number[] {
  const { perBag, total, numBags } = distribution;
  return Array.from(perBag, (weight) => (total > 0 ? weight / total : 1 / numBags));
}
