import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { discountRewards, normalize, trainPong, rewardImprovement, PONG_PRESETS } from "../../../src/dl/rl/policy-gradient";
import { createPolicyNetwork } from "../../../src/dl/rl/policy-network";
import { BinaryActionEnv, reinforce, rollOutBatch } from "../../../src/dl/rl/reinforce";
import { Random, random } from "../../../src/dl/random";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("discountRewards", () => {
  it("discounts backwards and restarts at every point (the Pong rule)", () => {
    // By hand with gamma 0.5, from the end: -1; 0 + 0.5 * -1 = -0.5; -0.25; the +1 at t=2
    // restarts the sum: 1; 0.5; 0.25.
    expect(Array.from(discountRewards([0, 0, 1, 0, 0, -1], 0.5))).toEqual([0.25, 0.5, 1, -0.25, -0.5, -1]);
  });

  it("without the reset, a later point leaks into earlier returns", () => {
    // t=2: 1 + 0.5 * -0.25 = 0.875; t=1: 0.4375; t=0: 0.21875.
    expect(Array.from(discountRewards([0, 0, 1, 0, 0, -1], 0.5, false))).toEqual([0.21875, 0.4375, 0.875, -0.25, -0.5, -1]);
  });

  it("uses gamma 0.99 as in the blog", () => {
    const r = discountRewards([0, 0, -1], 0.99);
    expect(r[0]).toBeCloseTo(-0.9801, 6);
    expect(r[1]).toBeCloseTo(-0.99, 6);
  });
});

describe("normalize", () => {
  it("standardises to mean 0 and std 1", () => {
    const z = normalize([1, 2, 3]);
    const s = Math.sqrt(2 / 3);
    expect(z[0]).toBeCloseTo(-1 / s, 5);
    expect(z[1]).toBeCloseTo(0, 6);
    expect(z[2]).toBeCloseTo(1 / s, 5);
  });

  it("maps constant returns to zeros instead of dividing by zero", () => {
    expect(Array.from(normalize([-1, -1, -1]))).toEqual([0, 0, 0]);
  });
});

/**
 * A contextual bandit in episode form: the input shows one of two lights; pressing "up"
 * on light A and "down" on light B earns +1, the other action -1. Ten steps per episode.
 */
class TwoLights implements BinaryActionEnv {
  readonly inputSize = 2;
  private readonly rng: Random;
  private light = 0;
  private t = 0;

  constructor(seed: number) {
    this.rng = random(seed);
  }

  reset(): Float32Array {
    this.t = 0;
    return this.observe();
  }

  step(action: 0 | 1) {
    const reward = action === (this.light === 0 ? 1 : 0) ? 1 : -1;
    this.t++;
    return { input: this.observe(), reward, done: this.t === 10 };
  }

  private observe(): Float32Array {
    this.light = this.rng.int(2);
    return Float32Array.from([this.light === 0 ? 1 : 0, this.light === 1 ? 1 : 0]);
  }
}

describe("REINFORCE", () => {
  it("plays episodes of different lengths side by side", () => {
    const lengths = [3, 5];
    const envs: BinaryActionEnv[] = lengths.map((n) => {
      let t = 0;
      return {
        inputSize: 1,
        reset: () => ((t = 0), Float32Array.of(0)),
        step: () => ({ input: Float32Array.of(++t), reward: t === n ? 1 : 0, done: t === n }),
      };
    });
    const model = createPolicyNetwork(1, 2, 1);
    const episodes = rollOutBatch(envs, model, random(1));
    expect(episodes.map((e) => e.actions.length)).toEqual(lengths);
    expect(episodes[1].inputs.map((x) => x[0])).toEqual([0, 1, 2, 3, 4]);
    expect(episodes[0].rewards).toEqual([0, 0, 1]);
    model.dispose();
  });

  it("learns a trivially learnable toy, with a flat tensor count", async () => {
    const model = createPolicyNetwork(2, 8, 3);
    const optimizer = tf.train.rmsprop(0.02, 0.99);
    const tensorCounts: number[] = [];
    const rewards = await reinforce({
      makeEnv: (i) => new TwoLights(100 + i),
      model,
      optimizer,
      episodes: 150,
      batchSize: 10,
      gamma: 0.99,
      seed: 7,
      onEpisode: ({ episode }) => {
        if (episode > 10) tensorCounts.push(tf.memory().numTensors);
      },
    });
    expect(rewards.length).toBe(150);
    // Random play scores about 0 of a possible 10; the trained policy nearly always scores.
    expect(rewardImprovement(rewards)).toBeGreaterThan(5);
    expect(rewards.slice(-20).every((r) => r >= 6)).toBe(true);
    expect(new Set(tensorCounts).size).toBe(1);
    model.dispose();
    optimizer.dispose();
  });
});

describe("trainPong", () => {
  it("runs a tiny Pong training and reports one reward per episode without leaking tensors", async () => {
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const { rewards, model } = await trainPong({
      episodes: 4,
      batchSize: 2,
      frameSize: 20,
      hidden: 4,
      pointsPerEpisode: 1,
      seed: 1,
      onEpisode: () => counts.push(tf.memory().numTensors),
    });
    expect(rewards.length).toBe(4);
    expect(rewards.every((r) => r === 1 || r === -1)).toBe(true);
    expect(new Set(counts).size).toBe(1);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  describe("checkpoints", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "tsdl-pong-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const tiny = { batchSize: 2, frameSize: 16, hidden: 4, pointsPerEpisode: 2, learningRate: 0.05, seed: 3, ballSpeed: 5, paddleSpeed: 5 };
    const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

    it("a run stopped and resumed from its checkpoint plays exactly the games of an uninterrupted run", async () => {
      const straight = await trainPong({ ...tiny, episodes: 8 });
      const path = join(dir, "run.json");
      const first = await trainPong({ ...tiny, episodes: 4, checkpoint: path, checkpointEvery: 1 });
      first.model.dispose();
      const resumed = await trainPong({ ...tiny, episodes: 8, checkpoint: path, resume: true });
      expect(resumed.resumedEpisodes).toBe(4);
      expect(resumed.rewards).toEqual(straight.rewards);
      expect(resumed.points).toEqual(straight.points);
      expect(resumed.updates).toBe(4);
      expect(weightsOf(resumed.model)).toEqual(weightsOf(straight.model));
      straight.model.dispose();
      resumed.model.dispose();
    });

    it("refuses to resume with other settings, naming them", async () => {
      const path = join(dir, "run.json");
      (await trainPong({ ...tiny, episodes: 2, checkpoint: path })).model.dispose();
      await expect(trainPong({ ...tiny, hidden: 5, episodes: 4, checkpoint: path, resume: true })).rejects.toThrow(/hidden: checkpoint 4, asked 5/);
    });

    it("starts afresh without resume, and counts rallies per episode", async () => {
      const path = join(dir, "run.json");
      (await trainPong({ ...tiny, episodes: 2, checkpoint: path })).model.dispose();
      const fresh = await trainPong({ ...tiny, episodes: 2, checkpoint: path });
      expect(fresh.resumedEpisodes).toBe(0);
      // A game to 2 points has 2 or 3 rallies; the reward is won minus lost.
      expect(fresh.points).toHaveLength(2);
      expect(fresh.points.every((p, i) => p >= 2 && p <= 3 && Math.abs(fresh.rewards[i]) <= p)).toBe(true);
      fresh.model.dispose();
    });
  });

  it("the blog preset has no biases, 200 hidden units and 80 x 80 inputs", () => {
    expect(PONG_PRESETS.blog).toMatchObject({ frameSize: 80, hidden: 200, bias: false, pointsPerEpisode: 21, batchSize: 10 });
  });

  it("builds a network without biases when asked", async () => {
    const { model } = await trainPong({ episodes: 1, batchSize: 1, frameSize: 16, hidden: 3, pointsPerEpisode: 1, bias: false });
    expect(model.getWeights().map((w) => w.shape)).toEqual([[256, 3], [3, 1]]);
    model.dispose();
  });

  it("rewardImprovement compares the last and first tenths", () => {
    const history = [-5, -5, -5, -5, -5, -5, -5, -5, -5, -4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3];
    expect(rewardImprovement(history)).toBe((1 + 3) / 2 - -5);
  });
});
