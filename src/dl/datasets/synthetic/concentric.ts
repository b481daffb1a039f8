/**
 * "Green triangles vs. blue circles" from the representation slide: an inner disc of
 * triangles (label 1) inside a ring of circles (label 0). No straight line separates
 * them in cartesian coordinates; in polar coordinates the radius alone does.
 */
import { Random, random } from "../../random";
import { LabeledPoints } from "./types";

export const TRIANGLE = 1;
export const CIRCLE = 0;

export interface ConcentricOptions {
  /** Points per class. */
  perClass?: number;
  /** Radii of the inner disc [0, innerRadius) and the outer ring [outerMin, outerMax). */
  innerRadius?: number;
  outerMin?: number;
  outerMax?: number;
  seed?: number;
}

function uniformInAnnulus(rng: Random, rMin: number, rMax: number): [number, number] {
  // sqrt of a uniform radius² spreads points evenly over the area instead of piling them at the centre.
  const r = Math.sqrt(rng.uniform(rMin * rMin, rMax * rMax));
  const theta = rng.uniform(0, 2 * Math.PI);
  return [r * Math.cos(theta), r * Math.sin(theta)];
}

export function trianglesAndCircles(options: ConcentricOptions = {}): LabeledPoints {
  const { perClass = 100, innerRadius = 1, outerMin = 2, outerMax = 3, seed = 0 } = options;
  const rng = random(seed);
  const n = 2 * perClass;
  const points: LabeledPoints = { x: new Float32Array(n), y: new Float32Array(n), label: new Float32Array(n) };
  for (let i = 0; i < n; i++) {
    const isTriangle = i < perClass;
    const [x, y] = isTriangle ? uniformInAnnulus(rng, 0, innerRadius) : uniformInAnnulus(rng, outerMin, outerMax);
    points.x[i] = x;
    points.y[i] = y;
    points.label[i] = isTriangle ? TRIANGLE : CIRCLE;
  }
  return points;
}

/** Cartesian (x, y) -> polar (r, theta), theta in (-pi, pi]; labels are kept. */
export function toPolar(points: LabeledPoints): { r: Float32Array; theta: Float32Array; label: Float32Array } {
  const n = points.label.length;
  const r = new Float32Array(n);
  const theta = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    r[i] = Math.hypot(points.x[i], points.y[i]);
    theta[i] = Math.atan2(points.y[i], points.x[i]);
  }
  return { r, theta, label: points.label.slice() };
}
