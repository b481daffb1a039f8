/**
 * Images as `image/png`: one image (`imagePng`) or a grid of same-sized images with optional
 * captions (`imageGrid`, e.g. MNIST digits with their labels). Captions need text, which a PNG
 * cannot carry: a captioned grid adds a `text/html` grid of per-image PNGs with the labels under
 * them (frontends prefer it), and keeps the caption-less grid as `image/png`.
 */
import type { Tensor } from "@tensorflow/tfjs";
import { DISPLAY_SYMBOL, Displayable, MimeBundle } from "../protocol";
import { escapeHtml } from "./html";
import { ImageInput, isByteRange, readPixels, splitBatch, toRawImage, upscale } from "./pixels";
import { RawImage, encodePng } from "./png-encode";

export type { ImageInput } from "./pixels";

function base64(png: Uint8Array): string {
  return Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString("base64");
}

/** A displayable PNG; `png` holds the encoded bytes. */
export class PngImage implements Displayable {
  constructor(
    readonly png: Uint8Array,
    readonly width: number,
    readonly height: number,
    private readonly html?: string,
  ) {}

  [DISPLAY_SYMBOL](): MimeBundle {
    const bundle: MimeBundle = { "image/png": base64(this.png), "text/plain": `<PNG image ${this.width}×${this.height}>` };
    if (this.html) bundle["text/html"] = this.html;
    return bundle;
  }
}

function pngOf(image: RawImage, html?: string): PngImage {
  return new PngImage(encodePng(image), image.width, image.height, html);
}

export function imagePng(input: ImageInput, options: { scale?: number } = {}): PngImage {
  const pixels = readPixels(input as Tensor | unknown[]);
  return pngOf(upscale(toRawImage(pixels, isByteRange([pixels])), options.scale ?? 1));
}

export interface ImageGridOptions {
  /** Images per row; default: a near-square grid. */
  cols?: number;
  /** One caption per image (e.g. class labels). */
  labels?: ArrayLike<string | number>;
  /** Nearest-neighbour enlargement factor; default 2. */
  scale?: number;
  /** Gray pixels between images (before scaling); default 1. */
  padding?: number;
}

const PADDING_GRAY = 128;

function cellsOf(images: Tensor | ImageInput[]): RawImage[] {
  const all = Array.isArray(images) ? images.map((i) => readPixels(i as Tensor | unknown[])) : splitBatch(readPixels(images));
  const byteRange = isByteRange(all);
  const cells = all.map((p) => toRawImage(p, byteRange));
  const [first] = cells;
  if (!first) throw new Error("imageGrid: no images");
  if (cells.some((c) => c.width !== first.width || c.height !== first.height || c.channels !== first.channels)) {
    throw new Error("imageGrid: all images must have the same height, width and channels");
  }
  return cells;
}

function compose(cells: RawImage[], cols: number, padding: number): RawImage {
  const { width: w, height: h, channels } = cells[0];
  const rows = Math.ceil(cells.length / cols);
  const width = cols * w + (cols + 1) * padding;
  const height = rows * h + (rows + 1) * padding;
  const data = new Uint8Array(width * height * channels).fill(PADDING_GRAY);
  cells.forEach((cell, i) => {
    const left = padding + (i % cols) * (w + padding);
    const top = padding + Math.floor(i / cols) * (h + padding);
    for (let y = 0; y < h; y++) {
      data.set(cell.data.subarray(y * w * channels, (y + 1) * w * channels), ((top + y) * width + left) * channels);
    }
  });
  return { width, height, channels, data };
}

function captionedHtml(cells: RawImage[], labels: ArrayLike<string | number>, cols: number): string {
  const figures = cells.map((cell, i) => {
    const src = `data:image/png;base64,${base64(encodePng(cell))}`;
    const caption = escapeHtml(String(labels[i] ?? ""));
    return `<figure style="margin:0;text-align:center"><img src="${src}" width="${cell.width}" height="${cell.height}" style="image-rendering:pixelated"/><figcaption style="font-size:11px">${caption}</figcaption></figure>`;
  });
  return `<div style="display:grid;grid-template-columns:repeat(${cols},max-content);gap:4px">${figures.join("")}</div>`;
}

export function imageGrid(images: Tensor | ImageInput[], options: ImageGridOptions = {}): PngImage {
  const scale = options.scale ?? 2;
  const cells = cellsOf(images).map((c) => upscale(c, scale));
  const cols = options.cols ?? Math.ceil(Math.sqrt(cells.length));
  const grid = compose(cells, cols, (options.padding ?? 1) * scale);
  return pngOf(grid, options.labels ? captionedHtml(cells, options.labels, cols) : undefined);
}
