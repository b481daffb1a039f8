/**
 * Image-like values (tensors `[h,w]`, `[h,w,c]`, batches `[n,h,w(,c)]`, nested arrays) as 8-bit
 * pixels. Reads tensors with dataSync only. Float images are taken as 0..1 unless some value
 * exceeds 1 (then 0..255, like raw MNIST); int32 images are 0..255.
 */
import type { Tensor } from "@tensorflow/tfjs";
import { RawImage } from "./png-encode";

export type ImageInput = Tensor | number[][] | number[][][];

interface Pixels {
  shape: number[];
  values: ArrayLike<number>;
  integer: boolean;
}

function isTensor(x: unknown): x is Tensor {
  return typeof x === "object" && x !== null && typeof (x as Tensor).dataSync === "function" && Array.isArray((x as Tensor).shape);
}

function arrayShape(x: unknown): number[] {
  return Array.isArray(x) ? [x.length, ...arrayShape(x[0])] : [];
}

export function readPixels(input: Tensor | unknown[]): Pixels {
  if (isTensor(input)) return { shape: [...input.shape], values: input.dataSync() as ArrayLike<number>, integer: input.dtype !== "float32" };
  return { shape: arrayShape(input), values: (input as unknown[]).flat(3) as number[], integer: false };
}

/** True when the values are 0..255 rather than 0..1. */
export function isByteRange(all: Pixels[]): boolean {
  return all.some((p) => p.integer) || all.some((p) => Array.prototype.some.call(p.values, (v: number) => v > 1));
}

function channelsOf(shape: number[]): 1 | 3 | 4 {
  const c = shape.length === 2 ? 1 : shape[2];
  if (shape.length < 2 || shape.length > 3 || (c !== 1 && c !== 3 && c !== 4)) {
    throw new Error(`image: expected a [h,w], [h,w,1], [h,w,3] or [h,w,4] image, got shape [${shape.join(",")}]`);
  }
  return c;
}

export function toRawImage(pixels: Pixels, byteRange: boolean): RawImage {
  const channels = channelsOf(pixels.shape);
  const factor = byteRange ? 1 : 255;
  const data = Uint8Array.from(pixels.values, (v) => Math.max(0, Math.min(255, Math.round(v * factor))));
  return { width: pixels.shape[1], height: pixels.shape[0], channels, data };
}

/** A batch tensor `[n,h,w(,c)]` split into per-image views of one dataSync (no tensor ops). */
export function splitBatch(batch: Pixels): Pixels[] {
  const [n, ...shape] = batch.shape;
  const size = shape.reduce((a, b) => a * b, 1);
  const values = batch.values as unknown as { subarray?: (a: number, b: number) => ArrayLike<number>; slice: (a: number, b: number) => ArrayLike<number> };
  const cut = (i: number) => (values.subarray ? values.subarray(i * size, (i + 1) * size) : values.slice(i * size, (i + 1) * size));
  return Array.from({ length: n }, (_, i) => ({ shape, values: cut(i), integer: batch.integer }));
}

/** Nearest-neighbour enlargement: 28-pixel digits are unreadable at 1:1. */
export function upscale(image: RawImage, factor: number): RawImage {
  if (factor === 1) return image;
  const { width, height, channels } = image;
  const out = new Uint8Array(width * height * channels * factor * factor);
  const outWidth = width * factor;
  for (let y = 0; y < height * factor; y++) {
    for (let x = 0; x < outWidth; x++) {
      const from = ((Math.floor(y / factor) * width) + Math.floor(x / factor)) * channels;
      out.set(image.data.subarray(from, from + channels), (y * outWidth + x) * channels);
    }
  }
  return { width: outWidth, height: height * factor, channels, data: out };
}
