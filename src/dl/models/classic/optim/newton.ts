import { solveCholesky } from "./cholesky";

/**
 * Damped Newton's method for smooth convex objectives (for logistic regression this is
 * IRLS): solve H·d = -g, then pick the step along d by a line search. Newton copes with
 * the ill-conditioning of a nearly separable problem, where first-order methods crawl
 * (L-BFGS had not converged after 2,000 iterations on WISDM). Deterministic.
 */
export interface SecondOrderObjective {
  value(x: Float64Array): number;
  /** Gradient and row-major Hessian at x. */
  derivatives(x: Float64Array): { gradient: Float64Array; hessian: Float64Array };
}

export interface NewtonOptions {
  maxIterations?: number;
  /**
   * Stop when the Newton decrement λ²/2 = -gᵀd/2, Newton's own estimate of how much the
   * objective can still improve, falls below this (absolute, in objective units).
   */
  decrementTolerance?: number;
}

export interface NewtonResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

export function minimizeNewton(objective: SecondOrderObjective, start: Float64Array, options: NewtonOptions = {}): NewtonResult {
  const { maxIterations = 100, decrementTolerance = 1e-2 } = options;
  let x = Float64Array.from(start);
  let value = objective.value(x);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { gradient, hessian } = objective.derivatives(x);
    const direction = newtonDirection(hessian, gradient);
    const slope = dot(gradient, direction);
    if (-slope / 2 < decrementTolerance) return { x, value, iterations: iteration - 1, converged: true };
    const step = lineSearch(objective, x, value, slope, direction);
    if (step === null) return { x, value, iterations: iteration, converged: false };
    [x, value] = [step.x, step.value];
  }
  return { x, value, iterations: maxIterations, converged: false };
}

/** -H⁻¹g; if H is numerically singular, add a growing multiple of the identity (Levenberg). */
function newtonDirection(hessian: Float64Array, gradient: Float64Array): Float64Array {
  const n = gradient.length;
  const negative = gradient.map((g) => -g);
  let meanDiagonal = 0;
  for (let i = 0; i < n; i++) meanDiagonal += hessian[i * n + i] / n;
  for (let jitter = 0; ; jitter = jitter === 0 ? 1e-12 * Math.max(meanDiagonal, 1) : jitter * 10) {
    const damped = Float64Array.from(hessian);
    for (let i = 0; i < n; i++) damped[i * n + i] += jitter;
    const direction = solveCholesky(damped, negative);
    if (direction !== null) return direction;
  }
}

/**
 * Armijo line search that also looks beyond the full step: if step 1 is accepted, keep
 * doubling while the objective still falls (up to 64). Near separability the logistic
 * loss decays like exp(-t) along some directions and Newton's step underestimates how far
 * to go; doubling roughly halves the number of (expensive) Hessians. Null if no step helps.
 */
function lineSearch(objective: SecondOrderObjective, x: Float64Array, value: number, slope: number, direction: Float64Array) {
  const at = (step: number) => x.map((xi, i) => xi + step * direction[i]);
  const sufficient = (step: number, candidate: number) => candidate <= value + 1e-4 * step * slope;
  let step = 1;
  let candidate = objective.value(at(step));
  if (sufficient(step, candidate)) {
    for (let longer = 2; longer <= 64; longer *= 2) {
      const longerValue = objective.value(at(longer));
      if (!(longerValue < candidate)) break;
      [step, candidate] = [longer, longerValue];
    }
    return { x: at(step), value: candidate };
  }
  for (let tries = 0; tries < 50; tries++) {
    step /= 2;
    candidate = objective.value(at(step));
    if (sufficient(step, candidate)) return { x: at(step), value: candidate };
  }
  return null;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
