import * as tf from "@tensorflow/tfjs";
import { PongDifferenceEnv, recordPongGame } from "../../../src/dl/rl/pong-agent";
import { createPolicyNetwork } from "../../../src/dl/rl/policy-network";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("PongDifferenceEnv", () => {
  it("feeds zeros first, then the current frame minus the previous one", () => {
    const env = new PongDifferenceEnv({ seed: 1, frameSize: 40 });
    const first = env.reset();
    expect(first.every((v) => v === 0)).toBe(true);
    const before = env.pong.observe();
    const { input } = env.step(1);
    const after = env.pong.observe();
    expect(Array.from(input)).toEqual(Array.from(after).map((v, i) => v - before[i]));
    // The paddle moved up one pixel: its new top row lit, its old bottom row dark.
    const { agentY } = env.pong.state();
    expect(input[(agentY / 2) * 40 + 35]).toBe(1);
    expect(input[(agentY / 2 + 4) * 40 + 35]).toBe(-1);
  });
});

describe("recordPongGame", () => {
  it("plays one episode with a policy and returns colour frames and the score", () => {
    const model = createPolicyNetwork(20 * 20, 4, 1);
    const { frames, score } = recordPongGame(model, { frameSize: 20, pointsPerEpisode: 1, scale: 1, every: 3, maxFrames: 10 });
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThanOrEqual(10);
    expect([frames[0].width, frames[0].height]).toEqual([80, 80]);
    expect(score.agent + score.opponent).toBe(1);
    model.dispose();
  });
});
