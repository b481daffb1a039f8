/** Pong as the policy network sees it: difference frames in, "up" (1) or "down" (0) out. */
import * as tf from "@tensorflow/tfjs";
import { Pong, PongOptions } from "./pong";
import { RGBAImage } from "./pong-render";
import { upProbabilities } from "./policy-network";
import { BinaryActionEnv } from "./reinforce";

/**
 * Feeds the policy x_t = frame_t - frame_{t-1} (zeros on the first step), so a single
 * input shows where things are and which way they move, as in the blog.
 */
export class PongDifferenceEnv implements BinaryActionEnv {
  readonly pong: Pong;
  readonly inputSize: number;
  private previous: Float32Array;

  constructor(options: PongOptions = {}) {
    this.pong = new Pong(options);
    this.inputSize = this.pong.frameSize ** 2;
    this.previous = new Float32Array(this.inputSize);
  }

  reset(): Float32Array {
    this.previous = this.pong.reset();
    return new Float32Array(this.inputSize);
  }

  step(action: 0 | 1): { input: Float32Array; reward: number; done: boolean } {
    const { observation, reward, done } = this.pong.step(action === 1 ? "up" : "down");
    const input = observation.map((v, i) => v - this.previous[i]);
    this.previous = observation;
    return { input, reward, done };
  }
}

/**
 * Plays one episode with the policy, moving up when P(up) > 0.5, and returns the colour
 * frames (every `every`-th step, at most `maxFrames`) and the final score, for a GIF.
 */
export function recordPongGame(
  model: tf.LayersModel,
  options: PongOptions & { scale?: number; every?: number; maxFrames?: number } = {},
): { frames: RGBAImage[]; score: { agent: number; opponent: number } } {
  const { scale = 3, every = 2, maxFrames = 600, ...pongOptions } = options;
  const env = new PongDifferenceEnv(pongOptions);
  const frames: RGBAImage[] = [];
  let input = env.reset();
  for (let t = 0, done = false; !done; t++) {
    if (t % every === 0 && frames.length < maxFrames) frames.push(env.pong.renderRGB(scale));
    const pUp = upProbabilities(model, input, 1)[0];
    ({ input, done } = env.step(pUp > 0.5 ? 1 : 0));
  }
  return { frames, score: env.pong.state().score };
}
