/**
 * Noisy samples of sin(2 pi x) on [0, 1], the classic overfitting example (Bishop's
 * polynomial curve fitting): ten points are fitted well by a cubic and interpolated
 * wildly by a degree-9 polynomial.
 */
import { Random, random } from "../../random";

export interface SineSamples {
  x: Float32Array;
  /** sin(2 pi x) plus gaussian noise. */
  y: Float32Array;
  /** sin(2 pi x) without noise, to plot the truth. */
  clean: Float32Array;
}

export interface SineOptions {
  n?: number;
  /** Standard deviation of the additive gaussian noise. */
  noise?: number;
  /** "grid": x evenly spaced over [0, 1] including both ends; "random": x uniform in [0, 1). */
  spacing?: "grid" | "random";
  seed?: number;
}

export function sineWithNoise(options: SineOptions = {}): SineSamples {
  const { n = 10, noise = 0.3, spacing = "grid", seed = 0 } = options;
  const rng = random(seed);
  const x = Float32Array.from({ length: n }, (_, i) => (spacing === "grid" ? (n === 1 ? 0 : i / (n - 1)) : rng()));
  const clean = x.map((v) => Math.sin(2 * Math.PI * v));
  const y = clean.map((v) => v + rng.normal(0, noise * noise));
  return { x, y, clean };
}
