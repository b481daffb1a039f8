import { magnitudeSpectrum } from "../../src/dl/signal";

/** The O(n²) DFT the FFT replaces, on the same zero-padded, mean-removed signal. */
function naiveSpectrum(values: number[], size: number): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const padded = [...values.map((v) => v - mean), ...new Array(size - values.length).fill(0)];
  return Array.from({ length: size / 2 }, (_, i) => {
    const k = i + 1;
    let re = 0, im = 0;
    padded.forEach((v, t) => { re += v * Math.cos((-2 * Math.PI * k * t) / size); im += v * Math.sin((-2 * Math.PI * k * t) / size); });
    return Math.hypot(re, im) / values.length;
  });
}

test("matches a DFT written out by hand, bins up to Nyquist, padded to a power of two", () => {
  const values = Array.from({ length: 200 }, (_, t) => Math.sin(2 * Math.PI * 2 * (t / 20)) + 0.3 * Math.cos(t) + 5);
  const { frequencies, magnitudes } = magnitudeSpectrum(values, 20);
  expect(frequencies).toHaveLength(128);
  expect(frequencies[0]).toBeCloseTo(20 / 256, 12);
  expect(frequencies[127]).toBe(10);
  const naive = naiveSpectrum(values, 256);
  magnitudes.forEach((m, k) => expect(m).toBeCloseTo(naive[k], 9));
});

test("a 2 Hz rhythm peaks at the bin nearest 2 Hz", () => {
  const { frequencies, magnitudes } = magnitudeSpectrum(Array.from({ length: 256 }, (_, t) => Math.sin(2 * Math.PI * 2 * (t / 20))), 20);
  expect(frequencies[magnitudes.indexOf(Math.max(...magnitudes))]).toBeCloseTo(2, 1);
});

test("too short a signal is refused", () => {
  expect(() => magnitudeSpectrum([1], 20)).toThrow("at least 2 samples");
});
