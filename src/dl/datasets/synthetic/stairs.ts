/**
 * 2x2 grayscale "stairs" images from the perceptron slides, after Ben Gorman's
 * "Introduction to Neural Networks" (gormanalysis.com), which the slide cites.
 *
 * Our reading of the blog:
 * - an image is four intensities [x1, x2, x3, x4] laid out as   x1 x2
 *                                                               x3 x4
 *   each 0..255, where 0 is white and 255 is black (higher = darker ink);
 * - "stairs" are three dark pixels forming a step: the whole bottom row plus one top
 *   pixel. Left stairs ▙ = x1, x3, x4 dark and x2 light; right stairs ▟ = x2, x3, x4 dark
 *   and x1 light;
 * - every other dark/light pattern (one dark row, a checkerboard, all dark, ...) is not stairs.
 * Generated pixels keep a margin (STAIRS_MARGIN by default) on each side of the threshold (dark
 * ones are clearly dark, light ones clearly light), so the classes are nearly separable by the
 * left/right detectors the slide's two-unit network learns; with `margin: 0`, lightly shaded
 * stairs (dark pixels just above the threshold) and near-threshold images appear, which are
 * ambiguous to any smooth classifier and cap its accuracy near 0.9.
 * "Dark" means at least STAIRS_THRESHOLD; the slide's examples agree: [225, 13, 210, 144]
 * and [0, 212, 169, 167] are stairs, [12, 61, 158, 248] (bottom row only) is not, which
 * is exactly the single-layer perceptron's mistake the slide shows.
 */
import { Random, random } from "../../random";

export type StairsKind = "left" | "right" | "other";

export interface StairsImages {
  /** Row-major [n x 4] intensities 0..255 (integers). */
  pixels: Float32Array;
  /** 1 = stairs, 0 = not stairs. */
  label: Float32Array;
  kind: StairsKind[];
}

export const STAIRS_THRESHOLD = 128;
export const STAIRS_MARGIN = 32;
const MAX_INTENSITY = 255;

/** Pixel pattern (true = dark) of each stairs kind, in x1..x4 order. */
const STAIRS_PATTERNS: Record<Exclude<StairsKind, "other">, readonly boolean[]> = {
  left: [true, false, true, true],
  right: [false, true, true, true],
};

function matches(pixels: ArrayLike<number>, pattern: readonly boolean[]): boolean {
  return pattern.every((dark, i) => (pixels[i] >= STAIRS_THRESHOLD) === dark);
}

/** Which stairs pattern, if any, a 4-pixel image shows. */
export function stairsKind(pixels: ArrayLike<number>): StairsKind {
  if (matches(pixels, STAIRS_PATTERNS.left)) return "left";
  if (matches(pixels, STAIRS_PATTERNS.right)) return "right";
  return "other";
}

function darkPixel(rng: Random, margin: number): number {
  const lowest = STAIRS_THRESHOLD + margin;
  return lowest + rng.int(MAX_INTENSITY + 1 - lowest);
}

function lightPixel(rng: Random, margin: number): number {
  return rng.int(STAIRS_THRESHOLD - margin);
}

function drawPattern(rng: Random, pattern: readonly boolean[], margin: number): number[] {
  return pattern.map((dark) => (dark ? darkPixel(rng, margin) : lightPixel(rng, margin)));
}

/** A random dark/light pattern, redrawn until it is not a stairs pattern. */
function drawOther(rng: Random, margin: number): number[] {
  for (;;) {
    const pixels = drawPattern(rng, [0, 1, 2, 3].map(() => rng.int(2) === 1), margin);
    if (stairsKind(pixels) === "other") return pixels;
  }
}

/**
 * `n` images, half stairs (alternating left / right) and half not, shuffled.
 * Intensities are integers so printed images read like the slide's. `margin` (0 to 127, default
 * STAIRS_MARGIN) keeps dark pixels at or above 128 + margin and light ones below 128 - margin.
 */
export function stairsImages(options: { n?: number; seed?: number; margin?: number } = {}): StairsImages {
  const { n = 200, seed = 0, margin = STAIRS_MARGIN } = options;
  if (!Number.isInteger(margin) || margin < 0 || margin > 127) throw new Error(`stairsImages: margin must be an integer from 0 to 127, got ${margin}`);
  const rng = random(seed);
  const kinds: StairsKind[] = Array.from({ length: n }, (_, i) =>
    i < n / 2 ? (i % 2 === 0 ? "left" : "right") : "other",
  );
  rng.shuffle(kinds);
  const pixels = new Float32Array(n * 4);
  kinds.forEach((kind, i) => pixels.set(kind === "other" ? drawOther(rng, margin) : drawPattern(rng, STAIRS_PATTERNS[kind], margin), i * 4));
  return { pixels, label: Float32Array.from(kinds, (k) => (k === "other" ? 0 : 1)), kind: kinds };
}

/** The single-layer perceptron printed on the slide: y = w . x + b, "stairs" when y > 0. */
export const SLIDE_PERCEPTRON = { weights: [-0.0019, -0.0016, 0.002, 0.0023], bias: 0.0003 } as const;

/** The images the slides score with that perceptron, with the score printed next to each. */
export const SLIDE_STAIRS_EXAMPLES: readonly { pixels: readonly number[]; slideScore: number }[] = [
  { pixels: [47, 250, 8, 88], slideScore: -0.27 },
  { pixels: [115, 138, 80, 88], slideScore: -0.08 },
  { pixels: [225, 13, 210, 144], slideScore: 0.3 },
  { pixels: [181, 5, 157, 152], slideScore: 0.31 },
  { pixels: [0, 212, 169, 167], slideScore: 0.38 },
  { pixels: [12, 61, 158, 248], slideScore: 0.77 },
  { pixels: [100, 0, 0, 125], slideScore: 0.1 },
  { pixels: [100, 0, 60, 125], slideScore: 0.22 },
];
