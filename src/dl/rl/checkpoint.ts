/**
 * Checkpoints of a REINFORCE run, so a long run (the blog's setting takes days) can stop and
 * resume. A checkpoint holds everything the next update depends on: the weights, the
 * optimizer's state (RMSProp's running averages), the rewards so far and the states of every
 * random stream (the action sampler and each game's serves), so that a resumed run plays
 * exactly the games the uninterrupted run would have. One JSON file, written atomically.
 */
import * as tf from "@tensorflow/tfjs";
import { promises as fs } from "fs";
import { writeAtomically } from "../datasets/cache";

const FORMAT = "tsdl.reinforce-checkpoint";
const VERSION = 1;

export interface SavedTensor {
  name: string;
  shape: number[];
  /** float32 values, little-endian, base64. */
  data: string;
}

export interface ReinforceCheckpoint {
  format: typeof FORMAT;
  version: typeof VERSION;
  /** The run's settings; a resume with other settings is refused. */
  settings: Record<string, unknown>;
  /** Total reward of every episode played so far. */
  rewards: number[];
  /** Rallies (nonzero rewards) of every episode played so far. */
  points: number[];
  updates: number;
  samplerState: number;
  envStates: number[];
  weights: SavedTensor[];
  optimizer: SavedTensor[];
}

export type CheckpointState = Omit<ReinforceCheckpoint, "format" | "version" | "weights" | "optimizer">;

function encode(name: string, tensor: tf.Tensor): SavedTensor {
  const values = Float32Array.from(tensor.dataSync());
  return { name, shape: tensor.shape.slice(), data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64") };
}

function decode(saved: SavedTensor): tf.Tensor {
  const bytes = Buffer.from(saved.data, "base64");
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return tf.tensor(values, saved.shape, "float32");
}

export async function saveCheckpoint(path: string, state: CheckpointState, model: tf.LayersModel, optimizer: tf.Optimizer): Promise<void> {
  const weights = model.getWeights().map((w, i) => encode(`w${i}`, w));
  const named = await optimizer.getWeights();
  const optimizerWeights = named.map(({ name, tensor }) => encode(name, tensor));
  // getWeights makes a fresh scalar for the iteration count; the rest are the optimizer's own.
  tf.dispose(named.filter(({ name }) => name === "iter").map(({ tensor }) => tensor));
  const checkpoint: ReinforceCheckpoint = { format: FORMAT, version: VERSION, ...state, weights, optimizer: optimizerWeights };
  await writeAtomically(path, Buffer.from(JSON.stringify(checkpoint)));
}

export async function readCheckpoint(path: string): Promise<ReinforceCheckpoint> {
  const parsed = JSON.parse(await fs.readFile(path, "utf8")) as Partial<ReinforceCheckpoint>;
  if (parsed.format !== FORMAT || parsed.version !== VERSION) {
    throw new Error(`${path} is not a ${FORMAT} version ${VERSION} file`);
  }
  return parsed as ReinforceCheckpoint;
}

/** Puts the checkpoint's weights into `model` and its state into `optimizer`. */
export async function restoreCheckpoint(checkpoint: ReinforceCheckpoint, model: tf.LayersModel, optimizer: tf.Optimizer): Promise<void> {
  const weights = checkpoint.weights.map(decode);
  model.setWeights(weights);
  tf.dispose(weights);
  if (checkpoint.optimizer.length > 0) {
    const state = checkpoint.optimizer.map((saved) => ({ name: saved.name, tensor: decode(saved) }));
    await optimizer.setWeights(state);
    tf.dispose(state.map((s) => s.tensor));
  }
}
