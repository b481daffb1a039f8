/**
 * `earlyStopping()`: stops training when the monitored value stops improving and, unlike
 * tf.callbacks.earlyStopping, can restore the weights of the best epoch. The best weights are
 * kept as clones (tf.keep: never swept by an enclosing tidy); a newer best disposes the older
 * snapshot, and the last one is disposed once written back, so no tensor outlives training.
 */
import * as tf from "@tensorflow/tfjs";
import { RawLogs, scalarValue } from "./logs";

export interface EarlyStoppingOptions {
  /** Log key to watch; default "val_loss". */
  monitor?: string;
  /** Epochs without improvement before stopping; default 0. */
  patience?: number;
  /** Smallest change that counts as an improvement; default 0. */
  minDelta?: number;
  /** "min" for losses, "max" for accuracies; "auto" guesses from the name. */
  mode?: "auto" | "min" | "max";
  /** Put back the weights of the best epoch when training ends; default false. */
  restoreBestWeights?: boolean;
}

function directionOf(monitor: string, mode: EarlyStoppingOptions["mode"]): 1 | -1 {
  if (mode === "max") return -1;
  if (mode === "min") return 1;
  return /acc|auc|precision|recall|f1/i.test(monitor) ? -1 : 1;
}

export class EarlyStoppingCallback extends tf.Callback {
  readonly monitor: string;
  /** 1-based epoch of the best value, and the epoch where training stopped (0: it did not). */
  bestEpoch = 0;
  stoppedEpoch = 0;
  best = Infinity;
  private wait = 0;
  private warned = false;
  private bestWeights: tf.Tensor[] | null = null;
  private readonly sign: 1 | -1;

  constructor(private readonly options: EarlyStoppingOptions = {}) {
    super();
    this.monitor = options.monitor ?? "val_loss";
    this.sign = directionOf(this.monitor, options.mode ?? "auto");
  }

  private improved(value: number): boolean {
    // Compare in "smaller is better" space: sign flips maximized metrics.
    return this.sign * value < this.sign * this.best - (this.options.minDelta ?? 0);
  }

  private snapshot(): void {
    this.disposeSnapshot();
    this.bestWeights = this.model.getWeights().map((w) => tf.keep(w.clone()));
  }

  private disposeSnapshot(): void {
    this.bestWeights?.forEach((w) => w.dispose());
    this.bestWeights = null;
  }

  override async onTrainBegin(): Promise<void> {
    Object.assign(this, { wait: 0, bestEpoch: 0, stoppedEpoch: 0, best: this.sign * Infinity });
    this.disposeSnapshot();
  }

  override async onEpochEnd(epoch: number, logs: RawLogs = {}): Promise<void> {
    const value = scalarValue(logs[this.monitor]);
    if (value === undefined) return this.warnMissing(logs);
    if (this.improved(value)) {
      Object.assign(this, { best: value, bestEpoch: epoch + 1, wait: 0 });
      if (this.options.restoreBestWeights) this.snapshot();
      return;
    }
    if (++this.wait >= (this.options.patience ?? 0)) {
      this.stoppedEpoch = epoch + 1;
      this.model.stopTraining = true;
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (this.bestWeights) this.model.setWeights(this.bestWeights);
    this.disposeSnapshot();
  }

  private warnMissing(logs: RawLogs): void {
    if (this.warned) return;
    this.warned = true;
    console.warn(`earlyStopping: no "${this.monitor}" in the epoch logs (have: ${Object.keys(logs).join(", ")}); pass validationData or change monitor.`);
  }
}

export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStoppingCallback {
  return new EarlyStoppingCallback(options);
}
