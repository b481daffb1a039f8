/**
 * The look of one epoch's progress, Keras-style, as text and as HTML:
 * `Epoch 1/5 ━━━━━━━━━━━━━━━━━━━━ 1875/1875 - 3s 2ms/step - loss: 0.2900 - acc: 0.9100`
 * and of a whole fit counted in epochs (tqdm's Keras callback), for short epochs:
 * `Epochs ━━━━━━━━━━━━━━━────────────── 250/500 - 1.2s - ETA: 1.2s - loss: 0.0123`
 */
import { escapeHtml } from "../../display/renderers/html";

export interface EpochProgress {
  epoch: number; // 1-based
  epochs: number;
  batches: number;
  /** Batches per epoch when known (fitDataset may not know). */
  totalBatches?: number;
  elapsedMs: number;
  metrics: Record<string, number>;
  done: boolean;
}

const BAR_WIDTH = 30;

/** "3.2s", "42s", "2m 05s". */
export function seconds(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)}s`;
  return `${Math.floor(s / 60)}m ${String(Math.round(s % 60)).padStart(2, "0")}s`;
}

function fraction(p: EpochProgress): number {
  if (p.done) return 1;
  return p.totalBatches ? Math.min(1, p.batches / p.totalBatches) : 0;
}

function timing(p: EpochProgress): string {
  if (p.done) {
    const perStep = p.batches > 0 ? ` ${Math.round(p.elapsedMs / p.batches)}ms/step` : "";
    return `${seconds(p.elapsedMs)}${perStep}`;
  }
  if (!p.totalBatches || p.batches === 0) return seconds(p.elapsedMs);
  const eta = (p.elapsedMs / p.batches) * (p.totalBatches - p.batches);
  return `${seconds(p.elapsedMs)} - ETA: ${seconds(eta)}`;
}

/** Keras' order: training values, then validation ones (tfjs logs put val_ first). */
function metricsText(metrics: Record<string, number>): string {
  const isVal = ([k]: [string, number]) => k.startsWith("val_");
  const entries = Object.entries(metrics);
  return [...entries.filter((e) => !isVal(e)), ...entries.filter(isVal)]
    .map(([k, v]) => ` - ${k}: ${v.toFixed(4)}`)
    .join("");
}

function counter(p: EpochProgress): string {
  return p.totalBatches ? `${p.batches}/${p.totalBatches}` : `${p.batches}`;
}

/** `━━━━━━──────` for a fraction done. */
export function barText(done: number): string {
  const filled = Math.round(done * BAR_WIDTH);
  return "━".repeat(filled) + "─".repeat(BAR_WIDTH - filled);
}

/** One line: a bold label, a bar (green once finished) and the rest as text. */
export function barLineHtml(label: string, done: number, finished: boolean, rest: string): string {
  const percent = (done * 100).toFixed(1);
  const color = finished ? "#2ca02c" : "#1f77b4";
  const bar =
    `<span style="display:inline-block;width:200px;height:10px;background:#e6e6e6;vertical-align:middle;border-radius:2px">` +
    `<span style="display:block;width:${percent}%;height:100%;background:${color};border-radius:2px"></span></span>`;
  return `<div style="font-family:monospace;font-size:12px;white-space:nowrap"><b>${escapeHtml(label)}</b> ${bar} ${escapeHtml(rest)}</div>`;
}

export function progressText(p: EpochProgress): string {
  return `Epoch ${p.epoch}/${p.epochs} ${barText(fraction(p))} ${counter(p)} - ${timing(p)}${metricsText(p.metrics)}`;
}

export function progressHtml(p: EpochProgress): string {
  return barLineHtml(`Epoch ${p.epoch}/${p.epochs}`, fraction(p), p.done, `${counter(p)} - ${timing(p)}${metricsText(p.metrics)}`);
}

export interface FitProgress {
  epochsDone: number;
  epochs: number;
  elapsedMs: number;
  /** The last finished epoch's metrics. */
  metrics: Record<string, number>;
  /** Training ended (after every epoch, or earlier: early stopping). */
  done: boolean;
}

function fitRest(p: FitProgress): string {
  const stoppedEarly = p.done && p.epochsDone < p.epochs ? " (stopped early)" : "";
  const eta = !p.done && p.epochsDone > 0 ? ` - ETA: ${seconds((p.elapsedMs / p.epochsDone) * (p.epochs - p.epochsDone))}` : "";
  return `${p.epochsDone}/${p.epochs}${stoppedEarly} - ${seconds(p.elapsedMs)}${eta}${metricsText(p.metrics)}`;
}

const fitFraction = (p: FitProgress) => (p.epochs > 0 ? Math.min(1, p.epochsDone / p.epochs) : 1);

export function fitProgressText(p: FitProgress): string {
  return `Epochs ${barText(fitFraction(p))} ${fitRest(p)}`;
}

export function fitProgressHtml(p: FitProgress): string {
  return barLineHtml("Epochs", fitFraction(p), p.done, fitRest(p));
}
