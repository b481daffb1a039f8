import { formatExpected, formatMeasured, formatValue } from "../../src/dl/claim-format";

test.each([
  [0.9754999876022339, "fraction", "97.5 %"],
  [0.977, "fraction", "97.7 %"],
  [1, "fraction", "100 %"],
  [0.95, "fraction", "95 %"],
  [85.4, "%", "85.4 %"],
  [3.2, null, "3.2"],
  [3.2000000000000006, null, "3.2"],
  [0.25, null, "0.25"],
  [101770, null, "101,770"],
  [81.3, "×", "81×"],
  [3.21, "×", "3.2×"],
  [1e-6, null, "1e-6"],
  [2.345e-8, null, "2.3e-8"],
  [0.0123, null, "0.0123"],
  [1234.56, "steps", "1,235 steps"],
  [0, null, "0"],
  [true, null, "true"],
] as const)("%p %p reads %p", (value, unit, text) => {
  expect(formatValue(value, unit)).toBe(text);
});

test("the measured value shows the digits that tell it from the expected one", () => {
  expect(formatMeasured(0.99996, 1, "fraction")).toBe("99.996 %");
  expect(formatMeasured(1, 1, "fraction")).toBe("100 %");
  expect(formatMeasured(3.2000000000000006, 3.2, null)).toBe("3.2");
  expect(formatMeasured(null, 1, null)).toBe("n/a");
});

test.each([
  [{ expected: 0.977, op: "approx", tolerance: 0.01, unit: "fraction" }, "97.7 ± 1 %"],
  [{ expected: 10, op: ">=", tolerance: 0, unit: "×" }, "≥ 10×"],
  [{ expected: 1e-6, op: "<=", tolerance: 0, unit: null }, "≤ 1e-6"],
  [{ expected: 3.2, op: "approx", tolerance: 1e-6, unit: null }, "3.2 ± 1e-6"],
  [{ expected: 76468, op: "==", tolerance: 0, unit: null }, "76,468"],
  [{ expected: 1000, op: "<=", tolerance: 0, unit: "steps" }, "≤ 1,000 steps"],
  [{ expected: true, op: "==", tolerance: 0, unit: null }, "true"],
] as const)("expected %p reads %p", (parts, text) => {
  expect(formatExpected(parts)).toBe(text);
});
