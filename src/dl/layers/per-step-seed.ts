/**
 * `dl.layers.dropout` and `dl.layers.gaussianNoise`: tfjs's Dropout and GaussianNoise, made
 * reproducible. A tfjs dropout layer given a `seed` draws the *same* mask at every training step
 * (one frozen sub-network instead of regularisation), and GaussianNoise takes no seed at all.
 * These draw from `seed + step`, a different but reproducible mask or noise at every training
 * step, so a notebook run twice measures the same numbers. Outside training they pass the input
 * through, like tfjs's layers.
 */
import * as tf from "@tensorflow/tfjs";

type Tensor = tf.Tensor;
type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
type CallKwargs = { training?: boolean };

abstract class PerStepSeededLayer extends tf.layers.Layer {
  /** Training steps seen so far: the next draw uses seed + step. */
  private step = 0;

  constructor(
    protected readonly seed: number,
    args: LayerArgs,
  ) {
    super({ ...args, trainable: false });
    if (!Number.isInteger(seed)) throw new Error(`${this.getClassName()}: seed must be an integer, got ${seed}`);
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  protected abstract perturb(input: Tensor, seed: number): Tensor;

  override call(inputs: Tensor | Tensor[], kwargs: CallKwargs): Tensor {
    return tf.tidy(() => {
      const input = Array.isArray(inputs) ? inputs[0] : inputs;
      if (!kwargs.training) return input;
      return this.perturb(input, this.seed + this.step++);
    });
  }
}

export interface DropoutArgs {
  /** Probability of dropping a unit (the slide's keep probability p is 1 - rate). */
  rate: number;
  seed: number;
  name?: string;
  inputShape?: number[];
}

export class PerStepSeededDropout extends PerStepSeededLayer {
  static readonly className = "PerStepSeededDropout";
  readonly rate: number;

  constructor(args: DropoutArgs) {
    super(args.seed, { name: args.name, inputShape: args.inputShape });
    if (!(args.rate >= 0 && args.rate < 1)) throw new Error(`dropout: rate must be in [0, 1), got ${args.rate}`);
    this.rate = args.rate;
  }

  protected perturb(input: Tensor, seed: number): Tensor {
    return this.rate === 0 ? input : tf.dropout(input, this.rate, undefined, seed);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

export interface GaussianNoiseArgs {
  /** Standard deviation of the zero-mean noise added to every input during training. */
  stddev: number;
  seed: number;
  name?: string;
  inputShape?: number[];
}

export class PerStepSeededGaussianNoise extends PerStepSeededLayer {
  static readonly className = "PerStepSeededGaussianNoise";
  readonly stddev: number;

  constructor(args: GaussianNoiseArgs) {
    super(args.seed, { name: args.name, inputShape: args.inputShape });
    if (!(args.stddev >= 0)) throw new Error(`gaussianNoise: stddev must be >= 0, got ${args.stddev}`);
    this.stddev = args.stddev;
  }

  protected perturb(input: Tensor, seed: number): Tensor {
    return input.add(tf.randomNormal(input.shape, 0, this.stddev, "float32", seed));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), stddev: this.stddev, seed: this.seed };
  }
}

/** Like tf.layers.dropout({ rate }), with a reproducible mask that changes at every training step. */
export function dropout(args: DropoutArgs): PerStepSeededDropout {
  return new PerStepSeededDropout(args);
}

/** Like tf.layers.gaussianNoise({ stddev }), with reproducible noise that changes at every training step. */
export function gaussianNoise(args: GaussianNoiseArgs): PerStepSeededGaussianNoise {
  return new PerStepSeededGaussianNoise(args);
}

// Models that contain these layers can be saved and loaded like any tfjs model.
tf.serialization.registerClass(PerStepSeededDropout);
tf.serialization.registerClass(PerStepSeededGaussianNoise);
