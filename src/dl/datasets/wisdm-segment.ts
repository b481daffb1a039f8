/**
 * Cuts parsed WISDM data into fixed-length windows, the examples of the paper's
 * classifiers (200 samples = 10 s at 20 Hz) or of the lecture's deep models (100 = 5 s).
 *
 * A window never crosses a change of user or activity. A timestamp gap also ends a run:
 * when the clock jumps forward by more than `maxGapMs` or runs backwards, the samples
 * before and after were not recorded as one movement. Pass `maxGapMs: null` to ignore
 * timestamps, as the published transform did (it took 200 consecutive lines). Samples left
 * over at the end of a run (fewer than `window`) are dropped.
 */
import type { Activity, WisdmRaw } from "./wisdm-parse";

export interface SegmentOptions {
  /** Samples per window; 200 (10 s, the paper) or 100 (5 s). Default 200. */
  window?: number;
  /** Samples between window starts; default `window` (no overlap). */
  step?: number;
  /** Largest forward timestamp jump (ms) inside a run; default 1000; null ignores timestamps. */
  maxGapMs?: number | null;
}

export interface SensorWindow {
  user: number;
  activity: number;
  activityName: Activity;
  /** Row of the first sample in the parsed data. */
  start: number;
  /** Views into the parsed columns (no copies). */
  timestamp: Float64Array;
  x: Float32Array;
  y: Float32Array;
  z: Float32Array;
}

const NANOSECONDS_PER_MS = 1e6;

export function segment(raw: WisdmRaw, options: SegmentOptions = {}): SensorWindow[] {
  const window = options.window ?? 200;
  const step = options.step ?? window;
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be a positive integer, got ${step}`);
  const maxGapMs = options.maxGapMs === undefined ? 1000 : options.maxGapMs;
  const windows: SensorWindow[] = [];
  for (let runStart = 0; runStart < raw.length; ) {
    const runEnd = endOfRun(raw, runStart, maxGapMs);
    for (let start = runStart; start + window <= runEnd; start += step) windows.push(windowAt(raw, start, window));
    runStart = runEnd;
  }
  return windows;
}

/** The first row after `start` that begins a new user, activity or recording. */
function endOfRun(raw: WisdmRaw, start: number, maxGapMs: number | null): number {
  let row = start + 1;
  for (; row < raw.length; row++) {
    if (raw.user[row] !== raw.user[start] || raw.activity[row] !== raw.activity[start]) break;
    if (maxGapMs !== null && isGap(raw.timestamp[row] - raw.timestamp[row - 1], maxGapMs)) break;
  }
  return row;
}

function isGap(deltaNs: number, maxGapMs: number): boolean {
  return deltaNs < 0 || deltaNs / NANOSECONDS_PER_MS > maxGapMs;
}

function windowAt(raw: WisdmRaw, start: number, length: number): SensorWindow {
  const end = start + length;
  return {
    user: raw.user[start],
    activity: raw.activity[start],
    activityName: raw.activityNames[raw.activity[start]],
    start,
    timestamp: raw.timestamp.subarray(start, end),
    x: raw.x.subarray(start, end),
    y: raw.y.subarray(start, end),
    z: raw.z.subarray(start, end),
  };
}
