/** Which prelude declarations a cell's type context holds (prelude.ts). */
import { declarationsUsedBy, nameBeingTyped, preludeDeclarations, PreludeEntry } from "../../src/engine/prelude";

const entries: PreludeEntry[] = [
  { name: "tf", declaration: "import * as tf from 'tfjs';", load: () => undefined },
  { name: "dfd", declaration: "import * as dfd from 'danfo';", load: () => undefined, declareOnUse: true },
  { name: "dl", declaration: "import * as dl from 'dl';", load: () => undefined, declareOnUse: true },
];
const lazyTf: PreludeEntry[] = [{ ...entries[0], declareOnUse: true }, ...entries.slice(1)];

test("the first context declares everything but the declare-on-use names", () => {
  expect(preludeDeclarations(entries)).toBe("import * as tf from 'tfjs';\n");
});

test("a declare-on-use name is declared by the first source that mentions it, and only once", () => {
  const declared = new Set<string>();
  expect(declarationsUsedBy(entries, "tf.tensor([1])", declared)).toBe("");
  expect(declarationsUsedBy(entries, "const frame = new dfd.DataFrame({})", declared)).toBe("import * as dfd from 'danfo';\n");
  expect(declarationsUsedBy(entries, "dfd.concat; dl.plot", declared)).toBe("import * as dl from 'dl';\n");
  expect(declarationsUsedBy(entries, "dl.plot; dfd", declared)).toBe("");
  expect([...declared].sort()).toEqual(["dfd", "dl"]);
});

test("only the whole identifier counts as a mention", () => {
  const declared = new Set<string>();
  expect(declarationsUsedBy(entries, "const dl2 = 1; my_dl; $dl; dl$; dfdx", declared)).toBe("");
  expect(declarationsUsedBy(entries, "(dl)", declared)).toBe("import * as dl from 'dl';\n");
});

test("completing a prefix of one declare-on-use name declares it; an ambiguous prefix declares none", () => {
  expect(nameBeingTyped(entries, "const x = d")).toBeUndefined();
  expect(nameBeingTyped(entries, "const x = df")).toBe("dfd");
  expect(nameBeingTyped(entries, "x.")).toBeUndefined();
  expect(nameBeingTyped(entries, "")).toBeUndefined();
  expect(nameBeingTyped(lazyTf, "t")).toBe("tf");
});
