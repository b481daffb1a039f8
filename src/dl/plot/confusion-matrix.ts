/** Confusion matrix heatmap: rows = true class, columns = predicted class, counts in the cells. */
import { CommonOptions, Figure, baseLayout } from "./figure";
import { LabelsLike, distinct, toLabels } from "./values";

export interface ConfusionMatrixOptions extends CommonOptions {
  /** Names of the classes, in label order (index = numeric label). */
  classNames?: string[];
  /** Show each row as fractions of that true class (recall per class on the diagonal). */
  normalize?: boolean;
}

/** counts[t][p]: how many samples of true class t were predicted as p. */
export function confusionCounts(trueIdx: number[], predIdx: number[], k: number): number[][] {
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  trueIdx.forEach((t, i) => counts[t][predIdx[i]]++);
  return counts;
}

function indexer(all: (number | string)[], classNames?: string[]): { names: string[]; index: (l: number | string) => number } {
  const classes = classNames && all.every((l) => typeof l === "number") ? classNames.map((_, i) => i) : distinct(all);
  const names = classes.map((c) => (typeof c === "number" ? classNames?.[c] ?? String(c) : c));
  return { names, index: (l) => classes.indexOf(l) };
}

export function confusionMatrix(yTrue: LabelsLike, yPred: LabelsLike, options: ConfusionMatrixOptions = {}): Figure {
  const t = toLabels(yTrue);
  const p = toLabels(yPred);
  if (t.length !== p.length) throw new Error(`confusionMatrix: ${t.length} true labels but ${p.length} predictions`);
  const { names, index } = indexer([...t, ...p], options.classNames);
  const counts = confusionCounts(t.map(index), p.map(index), names.length);
  const z = options.normalize ? counts.map((row) => row.map((c) => c / Math.max(1, row.reduce((a, b) => a + b, 0)))) : counts;
  const trace = {
    type: "heatmap",
    x: names,
    y: names,
    z,
    colorscale: "Blues",
    texttemplate: options.normalize ? "%{z:.2f}" : "%{z}",
    hovertemplate: "true %{y}<br>predicted %{x}<br>%{z}<extra></extra>",
  };
  const layout = baseLayout({ xTitle: "predicted", yTitle: "true", ...options });
  layout.yaxis = { ...(layout.yaxis as object), autorange: "reversed" };
  return new Figure([trace], layout);
}
