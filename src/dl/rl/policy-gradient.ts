/**
 * Policy gradients on Pong from pixels: Karpathy's recipe (difference frames, one
 * hidden ReLU layer, sigmoid P(up), gamma 0.99 with the per-point reset, standardised
 * returns, RMSProp with decay 0.99, updates every batch of episodes), scaled down by
 * frame size, opponent speed and points per episode to learn in minutes.
 */
import * as tf from "@tensorflow/tfjs";
import { PongDifferenceEnv } from "./pong-agent";
import { createPolicyNetwork } from "./policy-network";
import { EpisodeReport, reinforce } from "./reinforce";

export { discountRewards, normalize } from "./returns";

export interface TrainPongOptions {
  episodes: number;
  frameSize?: number;
  hidden?: number;
  learningRate?: number;
  /** Episodes per policy update (played side by side). */
  batchSize?: number;
  opponentSpeed?: number;
  pointsPerEpisode?: number;
  paddleHeight?: number;
  gamma?: number;
  seed?: number;
  onEpisode?: (report: EpisodeReport) => void;
}

export interface TrainPongResult {
  /** Total reward of each episode (points won minus points lost), in order. */
  rewards: number[];
  model: tf.Sequential;
}

export async function trainPong(options: TrainPongOptions): Promise<TrainPongResult> {
  const {
    episodes,
    frameSize = 40,
    hidden = 32,
    learningRate = 1e-3,
    batchSize = 10,
    opponentSpeed = 1,
    pointsPerEpisode = 5,
    paddleHeight,
    gamma = 0.99,
    seed = 0,
    onEpisode,
  } = options;
  const model = createPolicyNetwork(frameSize * frameSize, hidden, seed);
  const optimizer = tf.train.rmsprop(learningRate, 0.99);
  try {
    const rewards = await reinforce({
      makeEnv: (i) => new PongDifferenceEnv({ frameSize, opponentSpeed, pointsPerEpisode, paddleHeight, seed: seed * 1000 + i }),
      model,
      optimizer,
      episodes,
      batchSize,
      gamma,
      seed,
      onEpisode,
    });
    return { rewards, model };
  } finally {
    optimizer.dispose();
  }
}

/** Mean of the last `fraction` of the history minus the mean of the first `fraction`. */
export function rewardImprovement(rewards: readonly number[], fraction = 0.1): number {
  const k = Math.max(1, Math.round(rewards.length * fraction));
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return mean(rewards.slice(-k)) - mean(rewards.slice(0, k));
}
