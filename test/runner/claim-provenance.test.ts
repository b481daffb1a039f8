/** The provenance check of the shipped-notebooks test, on small examples of both kinds. */
import { measuredValues } from "./claim-provenance";

const claim = (measured: string) => `dl.claim({ id: "c", slide: "s", expected: 0.98, measured: ${measured}, source: "slide", kind: "experiment" });`;
const fromRun = (code: string) => measuredValues(code).map((v) => v.fromRun);

test.each([
  ["a literal", claim("0.98")],
  ["a constant declared earlier", `const x = 0.98;\n${claim("x")}`],
  ["arithmetic on constants, across declarations", `const a = 0.49, b = a * 2;\n${claim("Math.round(b * 100) / 100")}`],
  ["a constant assigned later", `let x;\nx = 0.98;\n${claim("x")}`],
  ["a field of a constant object", `const r = { acc: [0.98] };\n${claim("r.acc[0]")}`],
  ["a shorthand property", `const measured = 0.98;\ndl.claim({ id: "c", measured });`],
  ["a parameter cell's value", `const epochs = 5;\n${claim("epochs")}`],
  ["a container filled with constants", `const accs: number[] = [];\naccs.push(0.97, 0.98);\nconst byName: Record<string, number> = {};\nbyName["mlp"] = 0.98;\n${claim("accs[1] + byName.mlp")}`],
])("typed in: %s", (_name, code) => {
  expect(fromRun(code)).toEqual([false]);
});

test.each([
  ["a model's evaluation", `const [, acc] = await model.evaluate(x, y);\n${claim("acc")}`],
  ["a tensor read back", `const acc = tf.mean(hits).dataSync()[0];\n${claim("100 * acc")}`],
  ["a library call", `const result = dl.metrics.accuracy(yTrue, yPred);\n${claim("result")}`],
  ["a loop that accumulates", `let best = 0;\nfor (const r of results) best = Math.max(best, r.acc);\n${claim("best")}`],
  ["a counter", `let n = 0;\nwhile (step()) n++;\n${claim("n")}`],
  ["a function's parameter", `function report(acc: number) {\n  ${claim("acc")}\n}`],
  ["a prelude or global name", claim("performance.now()")],
  ["a container filled by the run", `const mses: number[] = [];\nfor (const h of sizes) mses.push(await fit(h));\n${claim("mses[mses.length - 1]")}`],
])("from the run: %s", (_name, code) => {
  expect(fromRun(code)).toEqual([true]);
});
