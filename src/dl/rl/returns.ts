/** Turning per-step rewards into the advantages that scale each action's gradient. */

/**
 * Discounted return of every step: R_t = r_t + gamma * R_{t+1}.
 * With `resetAtPoints` (the Pong rule from Karpathy's blog) the running sum restarts at
 * every nonzero reward, because a point ends a rally: actions of one rally earn that
 * rally's point only, not a discounted share of the next one.
 */
export function discountRewards(rewards: ArrayLike<number>, gamma: number, resetAtPoints = true): Float32Array {
  const returns = new Float32Array(rewards.length);
  let running = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    if (resetAtPoints && rewards[t] !== 0) running = 0;
    running = running * gamma + rewards[t];
    returns[t] = running;
  }
  return returns;
}

/**
 * Standardise to mean 0 and standard deviation 1, so roughly half the actions are
 * encouraged and half discouraged. Constant input gives zeros (nothing to prefer).
 */
export function normalize(values: ArrayLike<number>): Float32Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] - mean) ** 2 / n;
  const std = Math.sqrt(variance);
  return Float32Array.from({ length: n }, (_, i) => (std > 0 ? (values[i] - mean) / std : 0));
}
