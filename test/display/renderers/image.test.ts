import * as tf from "@tensorflow/tfjs";
import { toRichOutput } from "../../../src/display/protocol";
import { imageGrid, imagePng } from "../../../src/display/renderers/image";
import { decodeWithFastPng, hasPngSignature } from "../png-check";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

test("a float [h,w] tensor in 0..1 becomes an 8-bit gray PNG", () => {
  const t = tf.tensor2d([[0, 0.5, 1], [1, 0.5, 0]]);
  const image = imagePng(t);
  expect(hasPngSignature(image.png)).toBe(true);
  const decoded = decodeWithFastPng(image.png);
  expect(decoded).toMatchObject({ width: 3, height: 2, channels: 1, depth: 8 });
  expect(decoded.data).toEqual([0, 128, 255, 255, 128, 0]);
  t.dispose();
});

test("int 0..255 RGB images keep their values; [h,w,1] is gray", () => {
  const rgb = tf.tensor3d([[[255, 0, 0], [0, 255, 0]]], [1, 2, 3], "int32");
  const gray = tf.tensor3d([[[10], [20]]], [1, 2, 1], "int32");
  expect(decodeWithFastPng(imagePng(rgb).png)).toMatchObject({ width: 2, height: 1, channels: 3, data: [255, 0, 0, 0, 255, 0] });
  expect(decodeWithFastPng(imagePng(gray).png)).toMatchObject({ channels: 1, data: [10, 20] });
  tf.dispose([rgb, gray]);
});

test("nested arrays work and scale enlarges by nearest neighbour", () => {
  const image = imagePng([[0, 255], [255, 0]], { scale: 3 });
  const decoded = decodeWithFastPng(image.png);
  expect([decoded.width, decoded.height]).toEqual([6, 6]);
  expect(decoded.data.slice(0, 6)).toEqual([0, 0, 0, 255, 255, 255]);
});

test("the bundle is base64 image/png with a text/plain description", () => {
  const data = toRichOutput(imagePng([[1]])).data;
  expect(Buffer.from(String(data["image/png"]), "base64").subarray(1, 4).toString()).toBe("PNG");
  expect(data["text/plain"]).toBe("<PNG image 1×1>");
});

test("a batch of MNIST-sized digits becomes one grid; labels add an HTML grid with captions", () => {
  const digits = tf.zeros([10, 28, 28]);
  const before = tf.memory().numTensors;
  const grid = imageGrid(digits, { cols: 5, scale: 1, padding: 1, labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
  expect(tf.memory().numTensors).toBe(before);
  const decoded = decodeWithFastPng(grid.png);
  expect([decoded.width, decoded.height]).toEqual([5 * 28 + 6, 2 * 28 + 3]);
  const data = toRichOutput(grid).data as Record<string, string>;
  expect(data["text/html"].match(/<figcaption/g)).toHaveLength(10);
  expect(data["text/html"]).toContain(">7</figcaption>");
  digits.dispose();
});

test("grids without labels have no HTML; mismatched images are refused", () => {
  const grid = imageGrid([[[0]], [[1]]], { scale: 2 });
  expect(toRichOutput(grid).data["text/html"]).toBeUndefined();
  expect(() => imageGrid([[[0]], [[0, 1]]])).toThrow("same height, width");
  expect(() => imagePng(tf.zeros([2, 2, 2]))).toThrow("[h,w,3]");
});
