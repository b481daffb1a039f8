/** Jupyter's code-point cursor positions against JavaScript's UTF-16 string indices. */
import { codePointOfIndex, indexOfCodePoint } from "../../src/kernel/cursor";

const code = "a😀b"; // code points: a, 😀, b; UTF-16 units: a, high, low, b

test("code points to indices: astral characters take two units; anything else is clamped into the code", () => {
  expect([0, 1, 2, 3].map((p) => indexOfCodePoint(code, p))).toEqual([0, 1, 3, 4]);
  expect([-1, 99, 1.7, Number.NaN, undefined, null, "2"].map((p) => indexOfCodePoint(code, p))).toEqual([0, 4, 1, 4, 4, 4, 4]);
});

test("indices to code points; an index inside a surrogate pair counts the pair", () => {
  expect([0, 1, 2, 3, 4, 9, -3].map((i) => codePointOfIndex(code, i))).toEqual([0, 1, 2, 2, 3, 3, 0]);
});
