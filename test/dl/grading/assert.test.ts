/** The test cells' helper: passes what it should, and fails with a message a student understands. */
import * as tf from "@tensorflow/tfjs";
import { assert, AssertionError } from "../../../src/dl/grading/assert";
import { grade, GRADE_MIME } from "../../../src/dl/grading/grade";
import { setDisplaySink } from "../../../src/display/protocol";

const message = (check: () => void): string => {
  try {
    check();
  } catch (e) {
    expect(e).toBeInstanceOf(AssertionError);
    expect((e as Error).name).toBe("AssertionError");
    return (e as Error).message;
  }
  throw new Error("the check passed");
};

test("equal: same value, or arrays and plain objects with equal items", () => {
  assert.equal(1, 1);
  assert.equal([1, [2, { a: NaN }]], [1, [2, { a: NaN }]]);
  assert.equal([null, 10], [null, 10]);
  expect(message(() => assert.equal(perceptronOf(0), 1, "AND(1, 1)"))).toBe("AND(1, 1): expected 1 but got 0");
  expect(message(() => assert.equal([1, 2, 3], [1, 5, 3]))).toBe("expected [1,5,3] but got [1,2,3] (they differ at [1])");
  expect(message(() => assert.equal({ w: [1] }, { w: [1], b: 0 }))).toBe('expected {"w":[1],"b":0} but got {"w":[1]}');
  expect(message(() => assert.equal(undefined, 3, "f()"))).toBe("f(): expected 3 but got undefined (did your code return a value?)");
});

function perceptronOf(x: number): number {
  return x;
}

test("close: within tol, relative once |expected| > 1", () => {
  assert.close(0.1 + 0.2, 0.3);
  assert.close(1000.0004, 1000, 1e-6);
  assert.close([0.5, 0.25], [0.5, 0.2500001]);
  expect(message(() => assert.close(0.73, 0.5, 1e-6, "sigmoid(0)"))).toBe("sigmoid(0): expected 0.5 ± 0.000001 but got 0.73 (off by 0.22999999999999998)");
  expect(message(() => assert.close("0.5", 0.5))).toBe('expected a number close to 0.5 but got "0.5"');
  expect(message(() => assert.close(NaN, 0.5))).toMatch(/expected 0.5 ± 0.000001 but got NaN/);
});

test("tensorClose and shape, on tfjs tensors", () => {
  const t = tf.tensor2d([[1, 2], [3, 4]]);
  assert.tensorClose(t, [[1, 2], [3, 4.000001]]);
  assert.tensorClose(t, tf.tensor2d([[1, 2], [3, 4]]));
  assert.tensorClose(tf.zeros([2, 3]), 0);
  assert.shape(t, [2, 2]);
  assert.shape(t, [-1, 2]);
  assert.shape([[1, 2, 3]], [1, 3]);
  expect(message(() => assert.tensorClose(t, [[1, 2], [3, 5]], 1e-5, "denseForward(x)"))).toBe("denseForward(x): 1 of 4 values differ; at [1, 1] expected 5 ± 0.00001 but got 4");
  expect(message(() => assert.tensorClose(t, [1, 2, 3, 4]))).toBe("expected shape [4] but got [2, 2]");
  expect(message(() => assert.tensorClose([1, 2], [1, 2]))).toBe("expected a tensor but got [1,2]");
  expect(message(() => assert.shape(tf.zeros([4, 1]), [4], "out"))).toBe("out: expected shape [4] but got [4, 1]");
});

test("ok, and the helpers cannot be changed", () => {
  assert.ok(0.96 >= 0.95, "accuracy");
  expect(message(() => assert.ok(false, "test accuracy 0.93 is below 0.95"))).toBe("test accuracy 0.93 is below 0.95");
  expect(Object.isFrozen(assert) && Object.isFrozen(grade)).toBe(true);
  expect(() => ((assert as { equal: unknown }).equal = () => undefined)).toThrow(TypeError);
});

test("built-ins patched after the helper loaded do not change its verdicts", () => {
  const original = { is: Object.is, abs: Math.abs };
  try {
    Object.is = () => true;
    Math.abs = () => 0;
    expect(message(() => assert.equal(1, 2))).toBe("expected 2 but got 1");
    expect(message(() => assert.close(3, 2))).toMatch(/expected 2 ± 0.000001 but got 3/);
  } finally {
    Object.assign(Object, { is: original.is });
    Object.assign(Math, { abs: original.abs });
  }
});

test("grade.partial shows a line and carries the fraction in tsdl's MIME type; it refuses fractions outside [0, 1]", () => {
  const shown: Record<string, unknown>[] = [];
  setDisplaySink({ display: (o) => void shown.push(o.data), clearOutput() {}, interactive: true });
  try {
    grade.partial(0.75, "3 of 4 rows");
    expect(shown).toEqual([{ [GRADE_MIME]: { fraction: 0.75, why: "3 of 4 rows" }, "text/plain": "partial credit: 75% (3 of 4 rows)" }]);
    expect(() => grade.partial(1.5, "too much")).toThrow("grade.partial expects a fraction between 0 and 1, got 1.5");
  } finally {
    setDisplaySink(null);
  }
});
