/**
 * Policy gradients on Pong from pixels: Karpathy's recipe (difference frames, one
 * hidden ReLU layer, sigmoid P(up), gamma 0.99 with the per-point reset, standardised
 * returns, RMSProp with decay 0.99, updates every batch of episodes). `PONG_PRESETS` holds
 * the blog's setting and a scaled one that learns within minutes on a CPU.
 */
import * as tf from "@tensorflow/tfjs";
import { existsSync } from "fs";
import { PongOptions } from "./pong";
import { PongDifferenceEnv } from "./pong-agent";
import { createPolicyNetwork } from "./policy-network";
import { CheckpointState, readCheckpoint, restoreCheckpoint, saveCheckpoint } from "./checkpoint";
import { EpisodeReport, reinforce } from "./reinforce";
import { random } from "../random";

export { discountRewards, normalize } from "./returns";

export interface TrainPongOptions {
  /** Total episodes (games to `pointsPerEpisode`), including any resumed from a checkpoint. */
  episodes: number;
  frameSize?: number;
  hidden?: number;
  /** Biases in the policy network (the blog's has none). */
  bias?: boolean;
  learningRate?: number;
  /** Episodes per policy update (played side by side). */
  batchSize?: number;
  opponentSpeed?: number;
  pointsPerEpisode?: number;
  paddleHeight?: number;
  paddleSpeed?: number;
  ballSpeed?: number;
  /** Serve every ball at the agent (see PongOptions.serveToAgent). */
  serveToAgent?: boolean;
  gamma?: number;
  seed?: number;
  /** Continue training this network instead of a fresh one (it must take frameSize^2 inputs). */
  model?: tf.LayersModel;
  onEpisode?: (report: EpisodeReport) => void;
  /** A file to write checkpoints to (see checkpoint.ts); none by default. */
  checkpoint?: string;
  /** Policy updates between checkpoints (default 10); the last update always writes one. */
  checkpointEvery?: number;
  /** Continue from `checkpoint` if that file exists; it must come from the same settings. */
  resume?: boolean;
}

export interface TrainPongResult {
  /** Total reward of each episode (points won minus points lost), in order. */
  rewards: number[];
  /** Rallies of each episode (points scored by either side). */
  points: number[];
  /** Policy updates made in all (resumed ones included). */
  updates: number;
  /** Episodes that came from the checkpoint (0 for a fresh run). */
  resumedEpisodes: number;
  model: tf.LayersModel;
}

/**
 * Two settings. `blog`: Karpathy's 2016 run (80x80 difference frames, 200 hidden units, no
 * biases, 21-point games, RMSProp 1e-4, batches of 10 episodes) against an Atari-like game
 * (paddle 8 of 80, ball and paddle speed 2). `scaled`: the same algorithm on a 16x16 frame, a
 * taller paddle, a faster game and 3-point games, which learns in a few thousand short games.
 */
export const PONG_PRESETS = {
  blog: {
    frameSize: 80, hidden: 200, bias: false, learningRate: 1e-4, batchSize: 10, gamma: 0.99,
    pointsPerEpisode: 21, paddleHeight: 8, ballSpeed: 2, paddleSpeed: 2, opponentSpeed: 1.5, serveToAgent: false,
  },
  scaled: {
    frameSize: 16, hidden: 32, bias: true, learningRate: 0.01, batchSize: 4, gamma: 0.99,
    pointsPerEpisode: 3, paddleHeight: 16, ballSpeed: 5, paddleSpeed: 5, opponentSpeed: 1, serveToAgent: true,
  },
} as const satisfies Record<string, Omit<TrainPongOptions, "episodes">>;

type Settings = Required<Omit<TrainPongOptions, "episodes" | "model" | "onEpisode" | "checkpoint" | "checkpointEvery" | "resume">>;

function settingsOf(options: TrainPongOptions): Settings {
  return {
    frameSize: options.frameSize ?? 40,
    hidden: options.hidden ?? 32,
    bias: options.bias ?? true,
    learningRate: options.learningRate ?? 3e-4,
    batchSize: options.batchSize ?? 10,
    opponentSpeed: options.opponentSpeed ?? 0.5,
    pointsPerEpisode: options.pointsPerEpisode ?? 5,
    paddleHeight: options.paddleHeight ?? 8,
    paddleSpeed: options.paddleSpeed ?? 2,
    ballSpeed: options.ballSpeed ?? 2,
    serveToAgent: options.serveToAgent ?? false,
    gamma: options.gamma ?? 0.99,
    seed: options.seed ?? 0,
  };
}

function gameOf(s: Settings): PongOptions {
  const { frameSize, opponentSpeed, pointsPerEpisode, paddleHeight, paddleSpeed, ballSpeed, serveToAgent } = s;
  return { frameSize, opponentSpeed, pointsPerEpisode, paddleHeight, paddleSpeed, ballSpeed, serveToAgent };
}

function differingSettings(saved: Record<string, unknown>, wanted: Settings): string[] {
  return Object.entries(wanted)
    .filter(([key, value]) => saved[key] !== value)
    .map(([key, value]) => `${key}: checkpoint ${JSON.stringify(saved[key])}, asked ${JSON.stringify(value)}`);
}

export async function trainPong(options: TrainPongOptions): Promise<TrainPongResult> {
  const settings = settingsOf(options);
  const { frameSize, hidden, bias, learningRate, batchSize, gamma, seed } = settings;
  const envs = Array.from({ length: batchSize }, (_, i) => new PongDifferenceEnv({ ...gameOf(settings), seed: seed * 1000 + i }));
  const model = options.model ?? createPolicyNetwork(frameSize * frameSize, hidden, seed, { bias });
  const optimizer = tf.train.rmsprop(learningRate, 0.99);
  const sampler = random(seed);
  const points: number[] = [];
  let rewards: number[] = [];
  let updates = 0;
  try {
    if (options.resume && options.checkpoint && existsSync(options.checkpoint)) {
      const saved = await readCheckpoint(options.checkpoint);
      const differences = differingSettings(saved.settings, settings);
      if (differences.length > 0) throw new Error(`${options.checkpoint} comes from other settings (${differences.join("; ")}); delete it or change them back`);
      await restoreCheckpoint(saved, model, optimizer);
      rewards = saved.rewards;
      points.push(...saved.points);
      updates = saved.updates;
      sampler.restore(saved.samplerState);
      envs.forEach((env, i) => env.pong.restoreRandom(saved.envStates[i]));
    }
    const resumedEpisodes = rewards.length;
    const every = options.checkpointEvery ?? 10;
    const state = (history: readonly number[]): CheckpointState => ({
      settings: { ...settings },
      rewards: [...history],
      points: [...points],
      updates,
      samplerState: sampler.snapshot(),
      envStates: envs.map((env) => env.pong.snapshotRandom()),
    });
    rewards = await reinforce({
      makeEnv: (i) => envs[i],
      model,
      optimizer,
      episodes: options.episodes,
      batchSize,
      gamma,
      seed,
      sampler,
      history: rewards,
      onEpisode: (report) => {
        points.push(report.points);
        options.onEpisode?.(report);
      },
      afterUpdate: async ({ episodes, history }) => {
        updates++;
        const last = episodes >= options.episodes;
        if (options.checkpoint && (updates % every === 0 || last)) await saveCheckpoint(options.checkpoint, state(history), model, optimizer);
      },
    });
    return { rewards, points, updates, resumedEpisodes, model };
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
