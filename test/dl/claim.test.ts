import { claim, CLAIM_MIME, evaluateClaim } from "../../src/dl/claim";
import { toRichOutput } from "../../src/display/protocol";
import { recordDisplays } from "../display/fake-sink";

const KEYS = ["id", "slide", "expected", "op", "tolerance", "measured", "unit", "gating", "fullRunOnly", "pass", "reason"];

afterEach(() => {
  delete process.env.TSDL_QUICK;
});

test("claim shows a badge and the record in one display_data, and returns the record", () => {
  const sink = recordDisplays();
  const record = claim({ id: "mnist-acc", slide: "98.5%", expected: 98.5, measured: 98.7, tolerance: 0.5, unit: "%" });
  expect(sink.outputs).toHaveLength(1);
  const data = sink.outputs[0].output.data;
  expect(data["text/plain"]).toBe("slide: 98.5% · measured: 98.7% · ✓");
  expect(String(data["text/html"])).toContain("slide: 98.5% · measured: 98.7% · ✓");
  expect(Object.keys(data[CLAIM_MIME] as object).sort()).toEqual([...KEYS].sort());
  expect(data[CLAIM_MIME]).toEqual({
    id: "mnist-acc", slide: "98.5%", expected: 98.5, op: "approx", tolerance: 0.5, measured: 98.7,
    unit: "%", gating: true, fullRunOnly: false, pass: true, reason: null,
  });
  expect(JSON.parse(JSON.stringify(record))).toEqual(data[CLAIM_MIME]);
  expect(toRichOutput(record).data).toEqual({ "text/plain": "slide: 98.5% · measured: 98.7% · ✓" });
});

test("defaults: approx with tolerance 0, gating, not full-run-only, no unit", () => {
  expect(evaluateClaim({ id: "a", slide: "3", expected: 3, measured: 3 })).toEqual({
    id: "a", slide: "3", expected: 3, op: "approx", tolerance: 0, measured: 3,
    unit: null, gating: true, fullRunOnly: false, pass: true, reason: null,
  });
});

test.each([
  ["approx", 0.985, 0.98, 0.005, true],
  ["approx", 0.985, 0.979, 0.005, false],
  ["<=", 10, 10, 0, true],
  ["<=", 10, 10.1, 0, false],
  [">=", 0.9, 0.95, 0, true],
  [">=", 0.9, 0.85, 0, false],
  ["==", 76468, 76468, 0, true],
  ["==", 76468, 75568, 0, false],
  ["==", true, true, 0, true],
  ["approx", false, true, 0, false],
] as const)("%s: expected %p, measured %p, tolerance %p -> %p", (op, expected, measured, tolerance, pass) => {
  const record = evaluateClaim({ id: "x", slide: "s", expected, measured, op, tolerance });
  expect(record.pass).toBe(pass);
  expect(record.reason === null).toBe(pass);
});

test("a failure says why", () => {
  const sink = recordDisplays();
  const record = claim({ id: "params", slide: "76,468", expected: 76468, measured: 75568, op: "==" });
  expect(record.reason).toBe("measured 75568, expected == 76468");
  expect(sink.outputs[0].output.data["text/plain"]).toBe("slide: 76,468 · measured: 75568 · ✗");
});

test("full-run-only claims are not judged in quick runs (TSDL_QUICK=1)", () => {
  const input = { id: "wisdm", slide: "0.985", expected: 0.985, measured: 0.7, tolerance: 0.01, fullRunOnly: true };
  expect(evaluateClaim(input)).toMatchObject({ pass: false });
  process.env.TSDL_QUICK = "1";
  expect(evaluateClaim(input)).toMatchObject({ pass: null, reason: "quick run", measured: 0.7 });
  expect(evaluateClaim({ ...input, fullRunOnly: false })).toMatchObject({ pass: false });
});

test("an unmeasured value records pass null with the caller's reason", () => {
  const sink = recordDisplays();
  const record = claim({ id: "j48", slide: "85.1%", expected: 85.1, measured: undefined, reason: "WISDM data not available", unit: "%" });
  expect(record).toMatchObject({ measured: null, pass: null, reason: "WISDM data not available" });
  expect(sink.outputs[0].output.data["text/plain"]).toBe("slide: 85.1% · measured: n/a · – (WISDM data not available)");
  expect(evaluateClaim({ id: "x", slide: "s", expected: 1, measured: null }).reason).toBe("not measured");
});

test("ordering comparisons refuse booleans", () => {
  expect(() => evaluateClaim({ id: "x", slide: "s", expected: true, measured: true, op: "<=" })).toThrow('"<=" needs numbers');
});
