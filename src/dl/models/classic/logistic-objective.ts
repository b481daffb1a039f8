import { SecondOrderObjective } from "./optim/newton";

/**
 * The objective of Weka's Logistic (le Cessie & van Houwelingen 1992): negative
 * multinomial log-likelihood plus ridge·Σβ² over the non-intercept coefficients.
 * Weights are (K-1) rows of (1 + numAttributes); the last class is the reference with
 * all-zero coefficients, as in Weka.
 */
export interface DesignMatrix {
  /** Row-major, numRows × width, first column all ones (the intercept). */
  readonly values: Float64Array;
  readonly numRows: number;
  readonly width: number;
}

export function designMatrix(rows: ReadonlyArray<Float64Array>): DesignMatrix {
  const width = (rows[0]?.length ?? 0) + 1;
  const values = new Float64Array(rows.length * width);
  rows.forEach((row, i) => {
    values[i * width] = 1;
    values.set(row, i * width + 1);
  });
  return { values, numRows: rows.length, width };
}

/** Class probabilities of row `i` (softmax over K-1 linear logits and a zero). */
export function rowProbabilities(data: DesignMatrix, i: number, weights: Float64Array, numClasses: number, out: Float64Array): void {
  const { values, width } = data;
  const offset = i * width;
  let max = 0;
  for (let k = 0; k < numClasses - 1; k++) {
    let logit = 0;
    for (let j = 0; j < width; j++) logit += weights[k * width + j] * values[offset + j];
    out[k] = logit;
    max = Math.max(max, logit);
  }
  out[numClasses - 1] = 0;
  let sum = 0;
  for (let k = 0; k < numClasses; k++) sum += out[k] = Math.exp(out[k] - max);
  for (let k = 0; k < numClasses; k++) out[k] /= sum;
}

/**
 * Value, gradient and Hessian of the objective. Parameter (k, j) sits at k·width + j.
 * Hessian block (k, l) = Σ_i p_ik(δ_kl − p_il)·x_i·x_iᵀ, plus 2·ridge on the penalised diagonal.
 */
export function logisticObjective(data: DesignMatrix, labels: Int32Array, numClasses: number, ridge: number): SecondOrderObjective {
  const numOutputs = numClasses - 1;
  const probabilities = new Float64Array(numClasses);
  const value = (weights: Float64Array): number => {
    let loss = ridgePenalty(weights, data.width, numOutputs, ridge);
    for (let i = 0; i < data.numRows; i++) {
      rowProbabilities(data, i, weights, numClasses, probabilities);
      loss -= Math.log(Math.max(probabilities[labels[i]], 1e-300));
    }
    return loss;
  };
  const derivatives = (weights: Float64Array) => {
    const { values, width } = data;
    const gradient = new Float64Array(numOutputs * width);
    const pairs = (numOutputs * (numOutputs + 1)) / 2;
    const accumulated = new Float64Array(pairs * width * width);
    const block = { rows: [] as Float64Array[], curvatures: new Float64Array(ROWS_PER_BLOCK * pairs) };
    const zeroRow = new Float64Array(width);
    for (let start = 0; start < data.numRows; start += ROWS_PER_BLOCK) {
      block.curvatures.fill(0);
      block.rows = [];
      for (let r = 0; r < ROWS_PER_BLOCK; r++) {
        const i = start + r;
        if (i >= data.numRows) {
          block.rows.push(zeroRow);
          continue;
        }
        rowProbabilities(data, i, weights, numClasses, probabilities);
        const x = values.subarray(i * width, (i + 1) * width);
        for (let k = 0; k < numOutputs; k++) addScaled(gradient, k * width, x, probabilities[k] - (labels[i] === k ? 1 : 0));
        blockCurvatures(probabilities, numOutputs, block.curvatures.subarray(r * pairs, (r + 1) * pairs));
        block.rows.push(x);
      }
      accumulateOuterProducts(block.rows, block.curvatures, accumulated);
    }
    const hessian = assembleHessian(accumulated, width, numOutputs);
    addRidge(weights, gradient, hessian, width, numOutputs, ridge);
    return { gradient, hessian };
  };
  return { value, derivatives };
}

function ridgePenalty(weights: Float64Array, width: number, numOutputs: number, ridge: number): number {
  let penalty = 0;
  for (let k = 0; k < numOutputs; k++) for (let j = 1; j < width; j++) penalty += ridge * weights[k * width + j] ** 2;
  return penalty;
}

function addRidge(weights: Float64Array, gradient: Float64Array, hessian: Float64Array, width: number, numOutputs: number, ridge: number): void {
  const size = numOutputs * width;
  for (let k = 0; k < numOutputs; k++) {
    for (let j = 1; j < width; j++) {
      const p = k * width + j;
      gradient[p] += 2 * ridge * weights[p];
      hessian[p * size + p] += 2 * ridge;
    }
  }
}

function addScaled(target: Float64Array, offset: number, x: Float64Array, factor: number): void {
  for (let j = 0; j < x.length; j++) target[offset + j] += factor * x[j];
}

/** p_k(δ_kl − p_l) for every pair k <= l, in row order of the upper triangle. */
function blockCurvatures(probabilities: Float64Array, numOutputs: number, out: Float64Array): void {
  let pair = 0;
  for (let k = 0; k < numOutputs; k++) {
    for (let l = k; l < numOutputs; l++) out[pair++] = probabilities[k] * ((k === l ? 1 : 0) - probabilities[l]);
  }
}

/** Rows handled together in the Hessian loop: four reuse each accumulator load ~3x faster. */
const ROWS_PER_BLOCK = 4;

/**
 * The hot loop: accumulated[pair][j][m] += Σ_r curvature[r][pair]·x_r[j]·x_r[m] for j <= m,
 * over a block of four rows.
 */
function accumulateOuterProducts(rows: Float64Array[], curvatures: Float64Array, accumulated: Float64Array): void {
  const [x1, x2, x3, x4] = rows;
  const width = x1.length;
  const pairs = curvatures.length / ROWS_PER_BLOCK;
  for (let pair = 0; pair < pairs; pair++) {
    const c1 = curvatures[pair];
    const c2 = curvatures[pairs + pair];
    const c3 = curvatures[2 * pairs + pair];
    const c4 = curvatures[3 * pairs + pair];
    const base = pair * width * width;
    for (let j = 0; j < width; j++) {
      const a1 = c1 * x1[j];
      const a2 = c2 * x2[j];
      const a3 = c3 * x3[j];
      const a4 = c4 * x4[j];
      const row = base + j * width;
      for (let m = j; m < width; m++) accumulated[row + m] += a1 * x1[m] + a2 * x2[m] + a3 * x3[m] + a4 * x4[m];
    }
  }
}

/** Spread the accumulated (k <= l, j <= m) entries over the full symmetric Hessian. */
function assembleHessian(accumulated: Float64Array, width: number, numOutputs: number): Float64Array {
  const size = numOutputs * width;
  const hessian = new Float64Array(size * size);
  let pair = 0;
  for (let k = 0; k < numOutputs; k++) {
    for (let l = k; l < numOutputs; l++, pair++) {
      for (let j = 0; j < width; j++) {
        for (let m = 0; m < width; m++) {
          const entry = accumulated[pair * width * width + Math.min(j, m) * width + Math.max(j, m)];
          hessian[(k * width + j) * size + l * width + m] = entry;
          hessian[(l * width + m) * size + k * width + j] = entry;
        }
      }
    }
  }
  return hessian;
}
