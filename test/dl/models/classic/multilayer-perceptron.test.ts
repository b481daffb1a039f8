/** Weka's default MultilayerPerceptron, rewritten: same numbers as Weka 3.6 on a WISDM subset. */
import { readFileSync } from "fs";
import { join } from "path";
import { loadTransformedFeatures } from "../../../../src/dl/datasets/wisdm-transformed";
import { MultilayerPerceptron } from "../../../../src/dl/models/classic/multilayer-perceptron";

/** Weka's `-p 0 -distribution` lines: the class distribution of each test row, 3 decimals. */
function wekaDistributions(): number[][] {
  const text = readFileSync(join(__dirname, "fixtures", "wisdm-mlp-weka-3.6.txt"), "utf8");
  return text
    .split("\n")
    .filter((line) => /^\s+\d+\s/.test(line))
    .map((line) => line.trim().split(/\s+/).pop()!.split(",").map((p) => Number(p.replace("*", ""))));
}

/** Every 20th window from `offset`, as fixtures/weka-mlp-reference.sh cuts them. */
const every20th = <T>(rows: ArrayLike<T>, offset: number): T[] => Array.from(rows).filter((_, i) => i % 20 === offset);

test("trained as Weka trains it, it predicts Weka's class distributions (WISDM subset, 30 epochs)", async () => {
  const wisdm = await loadTransformedFeatures();
  const model = new MultilayerPerceptron({ epochs: 30, numClasses: 6 }).fit(every20th(wisdm.features, 0), every20th(wisdm.labels, 0));
  const ours = model.predictProba(every20th(wisdm.features, 10));
  const weka = wekaDistributions();
  expect(ours).toHaveLength(weka.length);
  expect(weka).toHaveLength(271);
  // Weka prints 3 decimals: agreement to half a unit of the last digit means the same network.
  const worst = Math.max(...ours.flatMap((row, i) => row.map((p, k) => Math.abs(p - weka[i][k]))));
  expect(worst).toBeLessThanOrEqual(0.0005 + 1e-9);
});

test("defaults: (attributes + classes) / 2 sigmoid units; a constant attribute and missing values are harmless", () => {
  // Two well separated classes on the first attribute; the second is constant, the third half missing.
  const X = Array.from({ length: 40 }, (_, i) => [i < 20 ? -1 - (i % 5) : 1 + (i % 5), 0, i % 2 ? NaN : i]);
  const y = X.map((_, i) => (i < 20 ? 0 : 1));
  const model = new MultilayerPerceptron({ epochs: 50 }).fit(X, y);
  expect(model.predict(X)).toEqual(y);
  expect(model.learningRateUsed).toBe(0.3);
  for (const row of model.predictProba(X)) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
});

test("the same seed trains the same network; another seed, another one", () => {
  const X = Array.from({ length: 30 }, (_, i) => [Math.sin(i), Math.cos(i)]);
  const y = X.map(([a, b]) => (a * b > 0 ? 1 : 0));
  const proba = (seed: number) => new MultilayerPerceptron({ epochs: 5, seed }).fit(X, y).predictProba(X);
  expect(proba(3)).toEqual(proba(3));
  expect(proba(3)).not.toEqual(proba(4));
});
