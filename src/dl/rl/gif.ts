/** Animated GIFs of RGBA frames (e.g. Pong games) with the gifenc package. */
import { GIFEncoder, applyPalette, quantize } from "gifenc";
import { RGBAImage } from "./pong-render";

export interface GifOptions {
  /** Milliseconds per frame. */
  delayMs?: number;
  /** 0 loops forever, -1 plays once, n > 0 repeats n times. */
  repeat?: number;
}

/** Encode frames of equal size; each frame gets its own palette of up to 256 colours. */
export function encodeGif(frames: readonly RGBAImage[], options: GifOptions = {}): Uint8Array {
  const { delayMs = 40, repeat = 0 } = options;
  if (frames.length === 0) throw new Error("encodeGif needs at least one frame");
  const { width, height } = frames[0];
  const gif = GIFEncoder();
  for (const frame of frames) {
    if (frame.width !== width || frame.height !== height) throw new Error("all GIF frames must have the same size");
    const palette = quantize(frame.data, 256);
    gif.writeFrame(applyPalette(frame.data, palette), width, height, { palette, delay: delayMs, repeat });
  }
  gif.finish();
  return gif.bytes();
}

/**
 * A grey image of what the network sees: `values` row-major width x height, mapped
 * linearly from [min, max] to black..white (difference frames: min -1, max 1), each value
 * drawn as a `scale` x `scale` block.
 */
export function grayscaleImage(
  values: ArrayLike<number>,
  width: number,
  options: { min?: number; max?: number; scale?: number } = {},
): RGBAImage {
  const { min = 0, max = 1, scale = 4 } = options;
  const height = values.length / width;
  const out: RGBAImage = { width: width * scale, height: height * scale, data: new Uint8ClampedArray(width * height * scale * scale * 4) };
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const v = values[Math.floor(y / scale) * width + Math.floor(x / scale)];
      const level = Math.round(((v - min) / (max - min)) * 255);
      out.data.set([level, level, level, 255], (y * out.width + x) * 4);
    }
  }
  return out;
}
