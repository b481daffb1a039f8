/**
 * REINFORCE for a policy with two actions and a sigmoid output, the algorithm of
 * "Pong from Pixels": play a batch of episodes with the current policy, then push up
 * the log-probability of every action taken in proportion to its standardised
 * discounted return.
 */
import * as tf from "@tensorflow/tfjs";
import { Random, random } from "../random";
import { upProbabilities } from "./policy-network";
import { discountRewards, normalize } from "./returns";

/** An environment seen through the policy's eyes: inputs in, action 1 ("up") or 0 out. */
export interface BinaryActionEnv {
  readonly inputSize: number;
  reset(): Float32Array;
  step(action: 0 | 1): { input: Float32Array; reward: number; done: boolean };
}

export interface Episode {
  inputs: Float32Array[];
  actions: number[];
  rewards: number[];
}

export interface EpisodeReport {
  /** 1-based. */
  episode: number;
  reward: number;
  steps: number;
  /** Steps with a nonzero reward: in Pong, rallies (points scored by either side). */
  points: number;
  /** Karpathy's exponential average of episode rewards (0.99 old, 0.01 new). */
  runningReward: number;
}

export interface ReinforceOptions {
  /** Builds the i-th of `batchSize` environments, played side by side. */
  makeEnv: (index: number) => BinaryActionEnv;
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  episodes: number;
  batchSize: number;
  gamma: number;
  /** Seeds the action sampling. */
  seed: number;
  /** Restart discounting at nonzero rewards (Pong's points); see discountRewards. */
  resetAtPoints?: boolean;
  onEpisode?: (report: EpisodeReport) => void;
  /**
   * To continue a run (checkpoints): the action sampler as it was (default: a fresh one
   * seeded with `seed`), and the rewards of the episodes already played; `episodes` counts
   * them too.
   */
  sampler?: Random;
  history?: readonly number[];
  /** Called after every policy update (e.g. to write a checkpoint). */
  afterUpdate?: (progress: { episodes: number; history: readonly number[]; sampler: Random }) => void | Promise<void>;
}

/**
 * Plays one episode in each env in lock-step, so every step is a single batched forward
 * pass; the weights are fixed during a batch anyway, so this equals playing them in turn.
 */
export function rollOutBatch(envs: readonly BinaryActionEnv[], model: tf.LayersModel, rng: Random): Episode[] {
  const episodes: Episode[] = envs.map(() => ({ inputs: [], actions: [], rewards: [] }));
  const current = envs.map((env) => env.reset());
  let active = envs.map((_, i) => i);
  while (active.length > 0) {
    const inputSize = envs[active[0]].inputSize;
    const batch = new Float32Array(active.length * inputSize);
    active.forEach((envIndex, row) => batch.set(current[envIndex], row * inputSize));
    const pUp = upProbabilities(model, batch, active.length);
    active = active.filter((envIndex, row) => {
      const action = rng() < pUp[row] ? 1 : 0;
      const { input, reward, done } = envs[envIndex].step(action);
      const episode = episodes[envIndex];
      episode.inputs.push(current[envIndex]);
      episode.actions.push(action);
      episode.rewards.push(reward);
      current[envIndex] = input;
      return !done;
    });
  }
  return episodes;
}

/** Sum over steps of advantage * log P(action taken | input). */
export function weightedLogLikelihood(model: tf.LayersModel, episode: Episode, advantages: Float32Array): tf.Scalar {
  const steps = episode.actions.length;
  const inputSize = episode.inputs[0].length;
  const inputs = new Float32Array(steps * inputSize);
  episode.inputs.forEach((input, t) => inputs.set(input, t * inputSize));
  const x = tf.tensor2d(inputs, [steps, inputSize]);
  const up = tf.tensor1d(Float32Array.from(episode.actions));
  const pUp = (model.apply(x) as tf.Tensor).reshape([steps]).clipByValue(1e-6, 1 - 1e-6);
  const logP = up.mul(pUp.log()).add(tf.scalar(1).sub(up).mul(tf.scalar(1).sub(pUp).log()));
  return logP.mul(tf.tensor1d(advantages)).sum() as tf.Scalar;
}

/**
 * One gradient ascent step on the batch's mean weighted log-likelihood. Gradients are
 * accumulated episode by episode (Karpathy's grad_buffer) so memory holds one episode's
 * activations at a time, not the batch's.
 */
export function policyGradientUpdate(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  episodes: readonly Episode[],
  gamma: number,
  resetAtPoints = true,
): void {
  const totalSteps = episodes.reduce((sum, e) => sum + e.actions.length, 0);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let summed: tf.NamedTensorMap | undefined;
  for (const episode of episodes) {
    const advantages = normalize(discountRewards(episode.rewards, gamma, resetAtPoints));
    const { value, grads } = optimizer.computeGradients(
      () => tf.neg(weightedLogLikelihood(model, episode, advantages)).div(totalSteps) as tf.Scalar,
      variables,
    );
    value.dispose();
    summed = summed ? addAndDispose(summed, grads) : grads;
  }
  if (summed) {
    optimizer.applyGradients(summed);
    tf.dispose(Object.values(summed));
  }
}

function addAndDispose(a: tf.NamedTensorMap, b: tf.NamedTensorMap): tf.NamedTensorMap {
  const sum: tf.NamedTensorMap = {};
  for (const name of Object.keys(a)) sum[name] = tf.add(a[name], b[name]);
  tf.dispose([...Object.values(a), ...Object.values(b)]);
  return sum;
}

/** Karpathy's running reward over a history: 0.99 old + 0.01 new, starting at the first reward. */
export function runningRewards(history: readonly number[]): number[] {
  const out: number[] = [];
  for (const r of history) out.push(out.length === 0 ? r : 0.99 * out[out.length - 1] + 0.01 * r);
  return out;
}

/** Train with REINFORCE; resolves to every episode's total reward, in order. */
export async function reinforce(options: ReinforceOptions): Promise<number[]> {
  const { model, optimizer, episodes, batchSize, gamma, resetAtPoints = true, onEpisode } = options;
  const envs = Array.from({ length: batchSize }, (_, i) => options.makeEnv(i));
  const sampler = options.sampler ?? random(options.seed);
  const history = [...(options.history ?? [])];
  let runningReward = runningRewards(history).pop();
  while (history.length < episodes) {
    const batch = rollOutBatch(envs.slice(0, Math.min(batchSize, episodes - history.length)), model, sampler);
    policyGradientUpdate(model, optimizer, batch, gamma, resetAtPoints);
    for (const episode of batch) {
      const reward = episode.rewards.reduce((a, b) => a + b, 0);
      const points = episode.rewards.filter((r) => r !== 0).length;
      runningReward = runningReward === undefined ? reward : 0.99 * runningReward + 0.01 * reward;
      history.push(reward);
      onEpisode?.({ episode: history.length, reward, steps: episode.rewards.length, points, runningReward });
    }
    await options.afterUpdate?.({ episodes: history.length, history, sampler });
    // Let the event loop breathe between batches so a notebook can show progress.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return history;
}
