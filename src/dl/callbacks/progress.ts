/**
 * `progress()`: a Keras-like progress bar per epoch, redrawn in place (at most 10 times a second,
 * always once more with the epoch's final numbers), and a live chart of the epoch metrics.
 * `progress({ bar: "epochs" })`: one bar for the whole fit counting epochs (tqdm's Keras
 * callback), for fits of many short epochs, where a bar per epoch would be hundreds of lines.
 * Outside a Jupyter frontend (plain Node) only the final line of each epoch (or of the fit) is printed.
 */
import * as tf from "@tensorflow/tfjs";
import { display } from "../../display/display";
import { displaySink } from "../../display/protocol";
import { LiveChart } from "./live-chart";
import { RawLogs, metricValues, scalarValue } from "./logs";
import { EpochProgress, FitProgress, fitProgressHtml, fitProgressText, progressHtml, progressText } from "./progress-bar";
import { Throttle } from "./throttle";

export interface ProgressOptions {
  /** "batches" (default): a bar per epoch, counting batches; "epochs": one bar for the fit, counting epochs. */
  bar?: "batches" | "epochs";
  /** Draw the live loss/metrics chart; default true. */
  chart?: boolean;
  /** Redraw limit for the bar; default 10. */
  updatesPerSecond?: number;
  /** Clock in ms (tests inject one); default performance.now. */
  now?: () => number;
}

/** What both bars share: the clock, the redraw throttle, the live chart and the bar's display id. */
export abstract class ProgressCallback extends tf.Callback {
  protected readonly now: () => number;
  protected readonly throttle: Throttle;
  protected chart?: LiveChart;
  protected displayId = "";

  constructor(private readonly options: ProgressOptions = {}) {
    super();
    this.now = options.now ?? (() => performance.now());
    this.throttle = new Throttle(1000 / (options.updatesPerSecond ?? 10), this.now);
  }

  /** True in a Jupyter frontend, where outputs can be redrawn in place. */
  protected get live(): boolean {
    return displaySink().interactive;
  }

  /** A new bar: a fresh display id, and its first display counts as this interval's redraw. */
  protected startBar(idPrefix: string, draw: () => void): void {
    this.displayId = display.newId(idPrefix);
    this.throttle.reset();
    if (this.live) draw();
    this.throttle.ready();
  }

  protected showBar(text: string, html: string, update: boolean): void {
    display({ "text/plain": text, "text/html": html }, { raw: true, displayId: this.displayId, update });
  }

  override async onTrainBegin(): Promise<void> {
    if (!this.live || this.options.chart === false) return;
    this.chart = new LiveChart();
    this.chart.start();
  }
}

/** A bar per epoch counting batches, with the running means of the batch metrics (Keras's verbose=1). */
class EpochProgressCallback extends ProgressCallback {
  private epoch = 0;
  private epochStart = 0;
  private batches = 0;
  private samples = 0;
  private sums: Record<string, number> = {};

  private totalBatches(): number | undefined {
    const { steps, samples, batchSize } = this.params as { steps?: number | null; samples?: number | null; batchSize?: number };
    if (steps) return steps;
    return samples && batchSize ? Math.ceil(samples / batchSize) : undefined;
  }

  private state(metrics: Record<string, number>, done: boolean): EpochProgress {
    return {
      epoch: this.epoch + 1,
      epochs: Number(this.params.epochs),
      batches: this.batches,
      totalBatches: this.totalBatches(),
      elapsedMs: this.now() - this.epochStart,
      metrics,
      done,
    };
  }

  private show(state: EpochProgress, update: boolean): void {
    this.showBar(progressText(state), progressHtml(state), update);
  }

  private runningMeans(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.sums).map(([k, v]) => [k, v / Math.max(1, this.samples)]));
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    Object.assign(this, { epoch, epochStart: this.now(), batches: 0, samples: 0, sums: {} });
    this.startBar("tsdl-epoch", () => this.show(this.state({}, false), false));
  }

  override async onBatchEnd(_batch: number, logs: RawLogs = {}): Promise<void> {
    const size = scalarValue(logs.size) ?? 1;
    this.batches++;
    this.samples += size;
    for (const [k, v] of Object.entries(metricValues(logs))) this.sums[k] = (this.sums[k] ?? 0) + v * size;
    if (this.live && this.throttle.ready()) this.show(this.state(this.runningMeans(), false), true);
  }

  override async onEpochEnd(_epoch: number, logs: RawLogs = {}): Promise<void> {
    const metrics = metricValues(logs);
    this.show(this.state(metrics, true), this.live);
    this.chart?.addEpoch(metrics);
  }
}

/** One bar for the whole fit counting epochs, with the last epoch's metrics (tqdm's Keras callback). */
class FitProgressCallback extends ProgressCallback {
  private trainStart = 0;
  private epochsDone = 0;
  private lastMetrics: Record<string, number> = {};

  private show(done: boolean, update: boolean): void {
    const state: FitProgress = {
      epochsDone: this.epochsDone,
      epochs: Number(this.params.epochs),
      elapsedMs: this.now() - this.trainStart,
      metrics: this.lastMetrics,
      done,
    };
    this.showBar(fitProgressText(state), fitProgressHtml(state), update);
  }

  override async onTrainBegin(): Promise<void> {
    await super.onTrainBegin();
    Object.assign(this, { trainStart: this.now(), epochsDone: 0, lastMetrics: {} });
    this.startBar("tsdl-fit", () => this.show(false, false));
  }

  override async onEpochEnd(_epoch: number, logs: RawLogs = {}): Promise<void> {
    const metrics = metricValues(logs);
    Object.assign(this, { epochsDone: this.epochsDone + 1, lastMetrics: metrics });
    this.chart?.record(metrics);
    if (!this.live || !this.throttle.ready()) return;
    this.show(false, true);
    this.chart?.draw();
  }

  override async onTrainEnd(): Promise<void> {
    this.show(true, this.live);
    this.chart?.draw();
  }
}

export function progress(options: ProgressOptions = {}): ProgressCallback {
  return options.bar === "epochs" ? new FitProgressCallback(options) : new EpochProgressCallback(options);
}
