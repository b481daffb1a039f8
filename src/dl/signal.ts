/**
 * `dl.signal`: the frequency content of a sampled signal, by fft.js's radix-4 FFT: O(n log n)
 * instead of the O(n²) sum of a DFT written out by hand.
 */
import FFT from "fft.js";

export interface Spectrum {
  /** Hz of each bin: k · sampleRate / paddedLength, k = 1 .. paddedLength / 2 (0 Hz left out). */
  frequencies: Float64Array;
  /** |X_k| / n of the signal minus its mean (n = the signal's length, before padding). */
  magnitudes: Float64Array;
}

function nextPowerOfTwo(n: number): number {
  let size = 2;
  while (size < n) size *= 2;
  return size;
}

/**
 * The magnitude spectrum of `values` sampled at `sampleRate` Hz. The mean is removed first and the
 * signal is zero-padded to the next power of two (what the FFT needs; 200 readings become 256), so
 * the bins are sampleRate / 256 Hz apart rather than sampleRate / 200.
 */
export function magnitudeSpectrum(values: ArrayLike<number>, sampleRate: number): Spectrum {
  const n = values.length;
  if (n < 2) throw new Error(`magnitudeSpectrum: need at least 2 samples, got ${n}`);
  const size = nextPowerOfTwo(n);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  const input = new Float64Array(size);
  for (let i = 0; i < n; i++) input[i] = values[i] - mean;
  const fft = new FFT(size);
  const out = fft.createComplexArray() as number[];
  fft.realTransform(out, input);
  const bins = size / 2;
  const frequencies = new Float64Array(bins);
  const magnitudes = new Float64Array(bins);
  for (let k = 1; k <= bins; k++) {
    frequencies[k - 1] = (k * sampleRate) / size;
    magnitudes[k - 1] = Math.hypot(out[2 * k], out[2 * k + 1]) / n;
  }
  return { frequencies, magnitudes };
}
