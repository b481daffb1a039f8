/** Mapping lines of emitted JavaScript back to the cell's TypeScript lines. */
import { CellLineMap } from "../../src/engine/line-map";

test("each statement's JS line maps to the TS line sharing the most tokens, in order", () => {
  const ts = ["const total: number = 1;", "", "function twice(n: number): number {", "  return n * 2;", "}", "twice(total);"];
  const js = ["exports.total = 1;", "function twice(n) {", "    return n * 2;", "}", "exports.twice = twice;", "twice(exports.total);"];
  const map = new CellLineMap(ts, js);
  expect([1, 2, 3, 6].map((line) => map.tsLine(line))).toEqual([1, 3, 4, 6]);
  expect(map.sourceLine(4)).toBe("  return n * 2;");
});

test("lines beyond the cell (the executor's wrapper) are not cell lines", () => {
  const map = new CellLineMap(["x;"], ["x;"]);
  expect([0, 1, 2].map((l) => map.isCellLine(l))).toEqual([false, true, false]);
  expect(map.tsLine(5)).toBe(1);
});
