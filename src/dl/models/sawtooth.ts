/**
 * Depth against width on one function: the sawtooth t^k, the tent map t(x) = 2x on [0, ½],
 * 2 − 2x on [½, 1], composed k times (Telgarsky, "Benefits of depth in neural networks", 2016).
 * t^k has 2^k linear pieces (2^(k−1) teeth). A ReLU network computes it exactly with k hidden
 * layers of 2 units, since t(x) = 2·relu(x) − 4·relu(x − ½) on [0, 1]; a network with one
 * hidden layer of n ReLU units is piecewise linear with at most n + 1 pieces in 1-D, so it
 * needs 2^k − 1 units. With fewer, every tooth it cannot bend inside stays a straight line,
 * which bounds its error from below.
 */
import * as tf from "@tensorflow/tfjs";

export function tent(x: number): number {
  return x < 0.5 ? 2 * x : 2 - 2 * x;
}

/** t^k(x) on [0, 1]. */
export function sawtooth(x: number, k: number): number {
  let y = x;
  for (let i = 0; i < k; i++) y = tent(y);
  return y;
}

/**
 * The exact deep network for t^k: k hidden layers of 2 ReLU units and a linear output, with
 * each layer's weights folding in the previous tent's 2·h₁ − 4·h₂.
 */
export function deepSawtoothNetwork(k: number): tf.Sequential {
  const model = tf.sequential();
  for (let layer = 0; layer < k; layer++) {
    model.add(tf.layers.dense({ units: 2, activation: "relu", ...(layer === 0 ? { inputShape: [1] } : {}) }));
  }
  model.add(tf.layers.dense({ units: 1 }));
  tf.tidy(() => {
    model.layers[0].setWeights([tf.tensor2d([[1, 1]]), tf.tensor1d([0, -0.5])]);
    for (let layer = 1; layer < k; layer++) model.layers[layer].setWeights([tf.tensor2d([[2, 2], [-4, -4]]), tf.tensor1d([0, -0.5])]);
    model.layers[k].setWeights([tf.tensor2d([[2], [-4]]), tf.tensor1d([0])]);
  });
  return model;
}

/**
 * Linear pieces of a function sampled at increasing xs: 1 + the number of places where the
 * slope between neighbouring samples changes by more than `tolerance`. A kink that falls between
 * two samples shows as two slope changes, so sample finely or compare with care.
 */
export function linearPieces(xs: ArrayLike<number>, ys: ArrayLike<number>, tolerance = 1e-3): number {
  let pieces = 1;
  let previous = (ys[1] - ys[0]) / (xs[1] - xs[0]);
  for (let i = 2; i < xs.length; i++) {
    const slope = (ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]);
    if (Math.abs(slope - previous) > tolerance * Math.max(1, Math.abs(previous))) pieces++;
    previous = slope;
  }
  return pieces;
}

/**
 * A lower bound on the mean squared error over [0, 1] of any function with at most `pieces`
 * linear pieces against t^k. Each of the 2^(k−1) teeth (a tent of height 1) that contains no
 * breakpoint is matched by a straight line, whose best mean squared error over a tent is 1/12
 * (the line y = ½); `pieces − 1` breakpoints spoil at most that many teeth.
 */
export function sawtoothErrorBound(k: number, pieces: number): number {
  const teeth = 2 ** (k - 1);
  return Math.max(0, teeth - (pieces - 1)) / teeth / 12;
}

/**
 * A network with one hidden layer of ReLU units whose kinks sit at `knots` (unit i computes
 * relu(x − knots[i])) and whose output layer is the least-squares fit to (xs, ys): the best
 * such a network can do with those kinks, found exactly instead of by gradient descent.
 */
export function shallowReLUFit(xs: ArrayLike<number>, ys: ArrayLike<number>, knots: readonly number[]): tf.Sequential {
  const features = (x: number) => [...knots.map((c) => Math.max(0, x - c)), 1];
  const size = knots.length + 1;
  const gram = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const rhs = new Array<number>(size).fill(0);
  for (let n = 0; n < xs.length; n++) {
    const f = features(xs[n]);
    for (let i = 0; i < size; i++) {
      rhs[i] += f[i] * ys[n];
      for (let j = 0; j < size; j++) gram[i][j] += f[i] * f[j];
    }
  }
  const solution = solveSymmetric(gram, rhs);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: knots.length, activation: "relu", inputShape: [1] }), tf.layers.dense({ units: 1 })] });
  tf.tidy(() => {
    model.layers[0].setWeights([tf.ones([1, knots.length]), tf.tensor1d(knots.map((c) => -c))]);
    model.layers[1].setWeights([tf.tensor2d(solution.slice(0, knots.length), [knots.length, 1]), tf.tensor1d([solution[knots.length]])]);
  });
  return model;
}

/** Gaussian elimination with partial pivoting, plus a tiny ridge so duplicate knots stay solvable. */
function solveSymmetric(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row.map((v, j) => v + (i === j ? 1e-10 : 0)), rhs[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = col + 1; r < n; r++) {
      const factor = a[r][col] / a[col][col];
      for (let c = col; c <= n; c++) a[r][c] -= factor * a[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let c = r + 1; c < n; c++) s -= a[r][c] * x[c];
    x[r] = s / a[r][r];
  }
  return x;
}
