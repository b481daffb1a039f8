/**
 * The four classification datasets of the TensorFlow Playground
 * (playground.tensorflow.org), generated the way the Playground does: same shapes,
 * radii, padding, noise scaling, draw order, shuffle and train/test split. Only the
 * PRNG differs (seeded mulberry32 instead of seedrandom), so a given seed gives
 * different points than the website, with the same distribution.
 *
 * Labels are +1 / -1 as in the Playground; `noise` is the slider value 0..50.
 */
import { Random, random } from "../../random";
import { Example2D, TrainTestSplit, toColumns } from "./types";

export type PlaygroundDatasetName = "circle" | "xor" | "gauss" | "spiral";

export interface PlaygroundOptions {
  /** Points before the split; the Playground uses 500. */
  numSamples?: number;
  /** The noise slider, 0..50 (the generators receive noise / 100). */
  noise?: number;
  /** Percentage of points in the training set, the "ratio of training to test data" slider. */
  percTrainData?: number;
  seed?: number;
}

/** Half-width of the Playground's square plot: inputs live in [-6, 6]. */
export const PLAYGROUND_DOMAIN = 6;
const CIRCLE_RADIUS = 5;
const XOR_HALF_RANGE = 5;
const XOR_PADDING = 0.3;

type Generator = (rng: Random, numSamples: number, noise: number) => Example2D[];

function distanceFromOrigin(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}

/** Inner disc (+1) vs. outer ring (-1); noise can flip labels near the boundary. */
function circle(rng: Random, numSamples: number, noise: number): Example2D[] {
  const labelAt = (x: number, y: number) => (distanceFromOrigin(x, y) < CIRCLE_RADIUS * 0.5 ? 1 : -1);
  const ring = (minR: number, maxR: number): Example2D[] =>
    Array.from({ length: numSamples / 2 }, () => {
      const r = rng.uniform(minR, maxR);
      const angle = rng.uniform(0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const noiseX = rng.uniform(-CIRCLE_RADIUS, CIRCLE_RADIUS) * noise;
      const noiseY = rng.uniform(-CIRCLE_RADIUS, CIRCLE_RADIUS) * noise;
      return { x, y, label: labelAt(x + noiseX, y + noiseY) };
    });
  return [...ring(0, CIRCLE_RADIUS * 0.5), ...ring(CIRCLE_RADIUS * 0.7, CIRCLE_RADIUS)];
}

/** Quadrants: +1 where x and y share a sign; points are pushed 0.3 away from the axes. */
function xor(rng: Random, numSamples: number, noise: number): Example2D[] {
  const padded = (v: number) => v + (v > 0 ? XOR_PADDING : -XOR_PADDING);
  return Array.from({ length: numSamples }, () => {
    const x = padded(rng.uniform(-XOR_HALF_RANGE, XOR_HALF_RANGE));
    const y = padded(rng.uniform(-XOR_HALF_RANGE, XOR_HALF_RANGE));
    const noiseX = rng.uniform(-XOR_HALF_RANGE, XOR_HALF_RANGE) * noise;
    const noiseY = rng.uniform(-XOR_HALF_RANGE, XOR_HALF_RANGE) * noise;
    return { x, y, label: (x + noiseX) * (y + noiseY) >= 0 ? 1 : -1 };
  });
}

/** Two gaussians at (2, 2) (+1) and (-2, -2) (-1); noise widens the variance from 0.5 to 4. */
function gauss(rng: Random, numSamples: number, noise: number): Example2D[] {
  const variance = 0.5 + (noise / 0.5) * (4 - 0.5);
  const blob = (c: number, label: number): Example2D[] =>
    Array.from({ length: numSamples / 2 }, () => {
      const x = rng.normal(c, variance);
      const y = rng.normal(c, variance);
      return { x, y, label };
    });
  return [...blob(2, 1), ...blob(-2, -1)];
}

/** Two interleaved arms of 1.75 turns out to radius 5; noise jitters points, labels stay. */
function spiral(rng: Random, numSamples: number, noise: number): Example2D[] {
  const n = numSamples / 2;
  const arm = (deltaT: number, label: number): Example2D[] =>
    Array.from({ length: n }, (_, i) => {
      const r = (i / n) * 5;
      const t = ((1.75 * i) / n) * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + rng.uniform(-1, 1) * noise;
      const y = r * Math.cos(t) + rng.uniform(-1, 1) * noise;
      return { x, y, label };
    });
  return [...arm(0, 1), ...arm(Math.PI, -1)];
}

const GENERATORS: Record<PlaygroundDatasetName, Generator> = { circle, xor, gauss, spiral };

/** Generate, shuffle and split one Playground dataset, as the "regenerate" button does. */
export function playgroundDataset(name: PlaygroundDatasetName, options: PlaygroundOptions = {}): TrainTestSplit {
  const { numSamples = 500, noise = 0, percTrainData = 50, seed = 0 } = options;
  if (noise < 0 || noise > 50) throw new RangeError(`noise must be in 0..50 (the Playground slider), got ${noise}`);
  const rng = random(seed);
  const examples = rng.shuffle(GENERATORS[name](rng, numSamples, noise / 100));
  const splitIndex = Math.floor((examples.length * percTrainData) / 100);
  return { train: toColumns(examples.slice(0, splitIndex)), test: toColumns(examples.slice(splitIndex)) };
}
