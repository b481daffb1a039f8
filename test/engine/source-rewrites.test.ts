/** The rewrites before tslab's converter: same lines, and the meaning of the original. */
import * as ts from "typescript";
import { rewriteCell } from "../../src/engine/source-rewrites";

test("a top-level for await becomes an awaited async arrow on the same lines", () => {
  const source = "for await (const x of gen()) {\n  console.log(x);\n}";
  const out = rewriteCell(ts, source);
  expect(out).toBe("await (async () => { for await (const x of gen()) {\n  console.log(x);\n} })();");
  expect(out.split("\n")).toHaveLength(source.split("\n").length);
});

test("shorthand properties are spelled out; nested for await and everything else stay as written", () => {
  expect(rewriteCell(ts, "const o = { seed, n: 1 };")).toBe("const o = { seed: seed, n: 1 };");
  const nested = "async function f() {\n  for await (const x of g()) {}\n}";
  expect(rewriteCell(ts, nested)).toBe(nested);
});
