import * as tf from "@tensorflow/tfjs";
import { toRichOutput } from "../../../src/display/protocol";
import { installRenderers } from "../../../src/display/renderers";

beforeAll(async () => {
  await tf.setBackend("cpu");
  installRenderers({ tf });
});

function bundle(t: tf.Tensor): Record<string, string> {
  return toRichOutput(t).data as Record<string, string>;
}

test("a small 2-D tensor prints like numpy with its dtype and shape", () => {
  const t = tf.tensor2d([[1, 2.5, 3], [4, 5, 6]]);
  expect(bundle(t)["text/plain"]).toBe("Tensor float32 [2, 3]\n[[  1, 2.5,   3],\n [  4,   5,   6]]");
  t.dispose();
});

test("scalars, ints, bools and strings", () => {
  const tensors = [tf.scalar(0.25), tf.tensor1d([1, 2], "int32"), tf.tensor1d([1, 0], "bool"), tf.tensor1d(["a", "b"], "string")];
  expect(tensors.map((t) => bundle(t)["text/plain"].split("\n")[1])).toEqual(["0.25", "[1, 2]", "[ true, false]", '["a", "b"]']);
  tf.dispose(tensors);
});

test("more than 1000 elements are summarized with edge items", () => {
  const t = tf.range(0, 2000, 1, "int32");
  expect(bundle(t)["text/plain"]).toBe("Tensor int32 [2000]\n[   0,    1,    2, ..., 1997, 1998, 1999]");
  const m = tf.zeros([100, 100]);
  const rows = bundle(m)["text/plain"].split("\n");
  expect(rows).toHaveLength(1 + 7);
  expect(rows[4]).toBe(" ...,");
  tf.dispose([t, m]);
});

test("3-D tensors separate their blocks with a blank line", () => {
  const t = tf.tensor3d([[[1, 2]], [[3, 4]]]);
  expect(bundle(t)["text/plain"]).toBe("Tensor float32 [2, 1, 2]\n[[[1, 2]],\n\n [[3, 4]]]");
  expect(bundle(t)["text/html"]).toContain("<pre>");
  t.dispose();
});

test("the HTML table of a big 2-D tensor keeps 10 edge rows and columns around an ellipsis", () => {
  const t = tf.ones([50, 60]);
  const html = bundle(t)["text/html"];
  expect(html).toContain("Tensor float32 [50, 60]");
  expect(html.match(/<tr>/g)).toHaveLength(1 + 21);
  expect(html).toContain(">…<");
  expect(html).toContain(">59<");
  t.dispose();
});

test("a 1-D tensor is a one-row table", () => {
  const t = tf.tensor1d([7, 8, 9]);
  const html = bundle(t)["text/html"];
  expect(html.match(/<tr>/g)).toHaveLength(2);
  expect(html).toContain(">9<");
  t.dispose();
});

test("rendering creates no tensors", () => {
  const t = tf.randomNormal([30, 40]);
  const before = tf.memory().numTensors;
  bundle(t);
  expect(tf.memory().numTensors).toBe(before);
  t.dispose();
});

test("a disposed tensor says so instead of throwing", () => {
  const t = tf.tensor1d([1]);
  t.dispose();
  expect(bundle(t)["text/plain"]).toBe("Tensor float32 [1] (disposed)");
});
