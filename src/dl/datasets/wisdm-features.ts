/**
 * The 43 features of Kwapisz, Weiss & Moore (2010), in the order of the published
 * WISDM_ar_v1.1_transformed.arff, as WISDM_ar_v1.1_trans_about.txt defines them:
 * per axis a 10-bin distribution, the mean, the peak time, the average absolute deviation
 * and the standard deviation; then the average resultant.
 *
 * Where the published ARFF differs from its own definition this follows the definition:
 * in the ARFF XAVG is 0 and ZSTANDDEV equals XSTANDDEV in all 5,418 rows, and windows
 * shorter than 200 samples have bins and averages divided by 200.
 */

export interface AxisWindow {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  z: ArrayLike<number>;
}

export interface FeatureOptions {
  /** Time between samples; WISDM records at 20 Hz. */
  samplePeriodMs?: number;
}

const BINS = 10;
const AXES = ["X", "Y", "Z"] as const;

export const FEATURE_NAMES: readonly string[] = [
  ...AXES.flatMap((axis) => Array.from({ length: BINS }, (_, bin) => `${axis}${bin}`)),
  ...["AVG", "PEAK", "ABSOLDEV", "STANDDEV"].flatMap((stat) => AXES.map((axis) => `${axis}${stat}`)),
  "RESULTANT",
];

/** The 43 features of one window, in FEATURE_NAMES order; a PEAK is NaN (ARFF "?") without two peaks. */
export function features(window: AxisWindow, options: FeatureOptions = {}): Float64Array {
  const periodMs = options.samplePeriodMs ?? 50;
  const axes = [window.x, window.y, window.z];
  const means = axes.map(mean);
  return Float64Array.from([
    ...axes.flatMap(binFractions),
    ...means,
    ...axes.map((values) => peakTimeMs(values, periodMs)),
    ...axes.map((values, i) => averageAbsoluteDeviation(values, means[i])),
    ...axes.map((values, i) => standardDeviation(values, means[i])),
    averageResultant(window),
  ]);
}

/** Fractions of the samples in 10 equal bins spanning the window's [min, max]; a constant axis fills bin 0. */
export function binFractions(values: ArrayLike<number>): number[] {
  const { min, max } = range(values);
  const width = (max - min) / BINS;
  const counts = new Array<number>(BINS).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bin = width > 0 ? Math.floor((values[i] - min) / width) : 0;
    counts[Math.min(bin, BINS - 1)]++;
  }
  return counts.map((count) => count / values.length);
}

/**
 * The trans_about.txt peak time: find the greatest value; take the local peaks within 10%
 * of its amplitude; while fewer than 3, lower the threshold by further 10% steps; then sum
 * the times between consecutive peaks and divide by the number of peaks (not of intervals).
 * "Amplitude" is read as |greatest value| (the range when that is 0); times are sample
 * index x period, which matches the ARFF's values (multiples of 50 ms / peak count).
 */
export function peakTimeMs(values: ArrayLike<number>, periodMs: number): number {
  const peaks = localPeaks(values);
  const { min, max } = range(values);
  const step = 0.1 * (Math.abs(max) || max - min);
  const threshold = peakThreshold(peaks.map((i) => values[i]), max, step);
  const chosen = peaks.filter((i) => values[i] >= threshold);
  if (chosen.length < 2) return NaN;
  return ((chosen[chosen.length - 1] - chosen[0]) * periodMs) / chosen.length;
}

/** max - k*step for the smallest k >= 1 that admits 3 peaks (all of them when there are fewer). */
function peakThreshold(peakValues: number[], max: number, step: number): number {
  if (peakValues.length < 3) return -Infinity;
  const third = [...peakValues].sort((a, b) => b - a)[2];
  if (third >= max - step) return max - step;
  // Clamped so rounding in the division can never leave the third peak out.
  return Math.min(third, max - Math.ceil((max - third) / step) * step);
}

/** Indices strictly above the previous sample and not below the next (a plateau counts once). */
function localPeaks(values: ArrayLike<number>): number[] {
  const peaks: number[] = [];
  for (let i = 1; i < values.length - 1; i++) {
    if (values[i] > values[i - 1] && values[i] >= values[i + 1]) peaks.push(i);
  }
  return peaks;
}

function range(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  return { min, max };
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

function averageAbsoluteDeviation(values: ArrayLike<number>, center: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.abs(values[i] - center);
  return sum / values.length;
}

/** Population standard deviation (divides by n): the window is the whole population described. */
function standardDeviation(values: ArrayLike<number>, center: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - center) ** 2;
  return Math.sqrt(sum / values.length);
}

function averageResultant({ x, y, z }: AxisWindow): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.sqrt(x[i] ** 2 + y[i] ** 2 + z[i] ** 2);
  return sum / x.length;
}
