import { FeatureRow } from "../types";
import { C45Node } from "./node";
import { branchOf } from "./split-rows";

/**
 * Class probabilities for one instance. A missing tested value sends the instance down
 * every branch, weighted by the share of training weight each branch received, and the
 * leaves' class distributions are summed (Quinlan 1993, §3.3). A leaf left without
 * instances by subtree raising contributes zeros; if that is all an instance reaches,
 * Weka leaves it unclassified, while predict() falls back to class 0.
 */
export function classProbabilities(root: C45Node, x: FeatureRow, numClasses: number): number[] {
  const probabilities = new Array<number>(numClasses).fill(0);
  accumulate(root, x, 1, probabilities);
  return probabilities;
}

function accumulate(node: C45Node, x: FeatureRow, weight: number, out: number[]): void {
  const { distribution } = node;
  if (node.isLeaf) {
    for (let c = 0; c < out.length; c++) out[c] += weight * distribution.probability(c);
    return;
  }
  const branch = branchOf(x[node.attribute], node.threshold);
  if (branch >= 0) {
    accumulate(node.children[branch], x, weight, out);
    return;
  }
  node.children.forEach((child, b) => {
    const share = distribution.total > 0 ? distribution.perBag[b] / distribution.total : 0;
    if (share > 0) accumulate(child, x, weight * share, out);
  });
}
