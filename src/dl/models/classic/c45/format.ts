import { C45Node } from "./node";

export interface TreeNames {
  readonly attributes?: ReadonlyArray<string>;
  readonly classes?: ReadonlyArray<string>;
}

/**
 * The tree in Weka's J48 text layout, so the two can be diffed line by line:
 * `attr <= t` / `attr > t`, one `|   ` per depth, leaves as `: class (weight/errors)`.
 */
export function formatTree(root: C45Node, names: TreeNames = {}): string {
  if (root.isLeaf) return `: ${leafLabel(root, names)}`;
  return formatChildren(root, 0, names).join("\n");
}

function formatChildren(node: C45Node, depth: number, names: TreeNames): string[] {
  const attribute = names.attributes?.[node.attribute] ?? `a${node.attribute}`;
  const threshold = formatThreshold(node.threshold);
  const indent = "|   ".repeat(depth);
  return node.children.flatMap((child, branch) => {
    const test = `${indent}${attribute} ${branch === 0 ? "<=" : ">"} ${threshold}`;
    if (child.isLeaf) return [`${test}: ${leafLabel(child, names)}`];
    return [test, ...formatChildren(child, depth + 1, names)];
  });
}

function leafLabel(leaf: C45Node, names: TreeNames): string {
  const { distribution } = leaf;
  const classIndex = distribution.maxClass();
  const className = names.classes?.[classIndex] ?? `class${classIndex}`;
  const errors = distribution.numIncorrect();
  const counts = formatWeight(distribution.total) + (errors > 1e-6 ? `/${formatWeight(errors)}` : "");
  return `${className} (${counts})`;
}

/** Weights rounded to 2 decimals, printed like a Java double ("23.0", "3.85"). */
function formatWeight(weight: number): string {
  const rounded = Math.round(weight * 100) / 100;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

/** Thresholds with at most 6 decimals and no trailing zeros ("0", "3.74"). */
function formatThreshold(threshold: number): string {
  return String(Number(threshold.toFixed(6)));
}
