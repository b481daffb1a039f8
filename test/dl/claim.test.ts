import { claim, CLAIM_MIME, ClaimInput, evaluateClaim } from "../../src/dl/claim";
import { recordDisplays } from "../display/fake-sink";

const KEYS = ["id", "slide", "source", "basis", "kind", "expected", "op", "tolerance", "measured", "unit", "gating", "fullRunOnly", "pass", "reason"];

/** A slide-quoted experiment: the fields every claim must carry besides the numbers. */
const SLIDE = { source: "slide", kind: "experiment" } as const;

afterEach(() => {
  delete process.env.TSDL_QUICK;
});

test("claim shows the badge and the record in one display_data and returns nothing to echo", () => {
  const sink = recordDisplays();
  const returned = claim({ id: "mnist-acc", slide: "Test accuracy: 98.5%", ...SLIDE, expected: 98.5, measured: 98.7, tolerance: 0.5, unit: "%" });
  expect(returned).toBeUndefined();
  expect(sink.outputs).toHaveLength(1);
  const data = sink.outputs[0].output.data;
  expect(data["text/plain"]).toBe("Test accuracy: 98.5% · slide 98.5 ± 0.5 % · measured 98.7 % · ✓");
  expect(String(data["text/html"])).toContain("Test accuracy: 98.5% · slide 98.5 ± 0.5 % · measured 98.7 % · ✓");
  expect(Object.keys(data[CLAIM_MIME] as object).sort()).toEqual([...KEYS].sort());
  expect(data[CLAIM_MIME]).toEqual({
    id: "mnist-acc", slide: "Test accuracy: 98.5%", source: "slide", basis: null, kind: "experiment", expected: 98.5, op: "approx",
    tolerance: 0.5, measured: 98.7, unit: "%", gating: true, fullRunOnly: false, pass: true, reason: null,
  });
});

test("a check says so, and a notebook-chosen threshold says why in the record and the badge's tooltip", () => {
  const sink = recordDisplays();
  claim({ id: "xor.single", slide: "XOR can't be solved with a single layer", source: "notebook", basis: "3 of 4 points is the best a line can do", kind: "check", expected: 0.75, op: "<=", measured: 0.5, unit: "fraction" });
  const data = sink.outputs[0].output.data;
  expect(data["text/plain"]).toBe("check · XOR can't be solved with a single layer · notebook ≤ 75 % · measured 50 % · ✓");
  expect(data[CLAIM_MIME]).toMatchObject({ source: "notebook", basis: "3 of 4 points is the best a line can do", kind: "check" });
  expect(String(data["text/html"])).toContain('title="xor.single — check, notebook — 3 of 4 points is the best a line can do"');
});

test("defaults: approx with tolerance 0, gating, not full-run-only, no unit", () => {
  expect(evaluateClaim({ id: "a", slide: "3", ...SLIDE, expected: 3, measured: 3 })).toEqual({
    id: "a", slide: "3", source: "slide", basis: null, kind: "experiment", expected: 3, op: "approx", tolerance: 0, measured: 3,
    unit: null, gating: true, fullRunOnly: false, pass: true, reason: null,
  });
});

test.each([
  [{ source: undefined }, /source must be "slide" .*"derived" .*"notebook"/],
  [{ source: "paper" }, /source must be .*got "paper"/],
  [{ source: "notebook", basis: undefined }, /a notebook number needs `basis`: why the notebook chose it/],
  [{ source: "derived", basis: "  " }, /a derived number needs `basis`: how it follows from the slide's numbers/],
  [{ kind: undefined }, /kind must be "experiment" .*or "check"/],
])("a claim without an honest source or kind is refused: %p", (change, message) => {
  const input = { id: "x", slide: "s", ...SLIDE, expected: 1, measured: 1, ...change } as unknown as ClaimInput;
  expect(() => evaluateClaim(input)).toThrow(message);
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
  const record = evaluateClaim({ id: "x", slide: "s", ...SLIDE, expected, measured, op, tolerance });
  expect(record.pass).toBe(pass);
  expect(record.reason === null).toBe(pass);
});

test("a failure says why, in readable numbers", () => {
  const sink = recordDisplays();
  claim({ id: "params", slide: "Total params: 76,468", ...SLIDE, expected: 76468, measured: 75568, op: "==" });
  const record = sink.outputs[0].output.data[CLAIM_MIME];
  expect(record).toMatchObject({ pass: false, reason: "measured 75,568, expected 76,468" });
  expect(sink.outputs[0].output.data["text/plain"]).toBe("Total params: 76,468 · slide 76,468 · measured 75,568 · ✗");
  expect(evaluateClaim({ id: "acc", slide: "s", ...SLIDE, expected: 0.977, tolerance: 0.01, measured: 0.9549999, unit: "fraction" }).reason).toBe(
    "measured 95.5 %, expected 97.7 ± 1 %",
  );
});

test("full-run-only claims are not judged in quick runs (TSDL_QUICK=1)", () => {
  const input = { id: "wisdm", slide: "0.985", ...SLIDE, expected: 0.985, measured: 0.7, tolerance: 0.01, fullRunOnly: true };
  expect(evaluateClaim(input)).toMatchObject({ pass: false });
  process.env.TSDL_QUICK = "1";
  expect(evaluateClaim(input)).toMatchObject({ pass: null, reason: "quick run", measured: 0.7 });
  expect(evaluateClaim({ ...input, fullRunOnly: false })).toMatchObject({ pass: false });
});

test("an unmeasured value records pass null with the caller's reason", () => {
  const sink = recordDisplays();
  claim({ id: "j48", slide: "85.1%", ...SLIDE, expected: 85.1, measured: undefined, reason: "WISDM data not available", unit: "%" });
  expect(sink.outputs[0].output.data[CLAIM_MIME]).toMatchObject({ measured: null, pass: null, reason: "WISDM data not available" });
  expect(sink.outputs[0].output.data["text/plain"]).toBe("85.1% · slide 85.1 % · measured n/a · – (WISDM data not available)");
  expect(evaluateClaim({ id: "x", slide: "s", ...SLIDE, expected: 1, measured: null }).reason).toBe("not measured");
});

test("ordering comparisons refuse booleans", () => {
  expect(() => evaluateClaim({ id: "x", slide: "s", ...SLIDE, expected: true, measured: true, op: "<=" })).toThrow('"<=" needs numbers');
});
