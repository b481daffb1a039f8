/**
 * Policy gradients on Pong from pixels: Karpathy's recipe (difference frames, one
 * hidden ReLU layer, sigmoid P(up), gamma 0.99 with the per-point reset, standardised
 * returns, RMSProp with decay 0.99, updates every batch of episodes), scaled down by
 * frame size (40), hidden units (32), a slow opponent (0.5) and 5-point episodes.
 * Learning is slow, as in the blog: with these defaults 1000 episodes (about 3.5 minutes
 * on the wasm backend on a busy 2-core machine) changed the mean episode reward by +0.45,
 * +0.03 and -0.12 for seeds 1, 2, 3 (last tenth minus first tenth): no reliable learning yet.
 */
import * as tf from "@tensorflow/tfjs";
import { PongOptions } from "./pong";
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
  /** Serve every ball at the agent (see PongOptions.serveToAgent). */
  serveToAgent?: boolean;
  gamma?: number;
  seed?: number;
  /** Continue training this network instead of a fresh one (it must take frameSize^2 inputs). */
  model?: tf.LayersModel;
  onEpisode?: (report: EpisodeReport) => void;
}

export interface TrainPongResult {
  /** Total reward of each episode (points won minus points lost), in order. */
  rewards: number[];
  model: tf.LayersModel;
}

export async function trainPong(options: TrainPongOptions): Promise<TrainPongResult> {
  const { frameSize = 40, hidden = 32, learningRate = 3e-4, batchSize = 10, gamma = 0.99, seed = 0 } = options;
  const game: PongOptions = {
    frameSize,
    opponentSpeed: options.opponentSpeed ?? 0.5,
    pointsPerEpisode: options.pointsPerEpisode ?? 5,
    paddleHeight: options.paddleHeight,
    serveToAgent: options.serveToAgent,
  };
  const model = options.model ?? createPolicyNetwork(frameSize * frameSize, hidden, seed);
  const optimizer = tf.train.rmsprop(learningRate, 0.99);
  try {
    const rewards = await reinforce({
      makeEnv: (i) => new PongDifferenceEnv({ ...game, seed: seed * 1000 + i }),
      model,
      optimizer,
      episodes: options.episodes,
      batchSize,
      gamma,
      seed,
      onEpisode: options.onEpisode,
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
