import { DIGIT_FEATURE_COUNT, digitFeatureMatrix, digitFeatures } from "../../../src/dl/datasets/digit-features";

/** A 28 x 28 image with ink (255) where `ink(r, c)` holds. */
const image = (ink: (r: number, c: number) => boolean) => Array.from({ length: 784 }, (_, i) => (ink(Math.floor(i / 28), i % 28) ? 255 : 0));

describe("digitFeatures", () => {
  it("gives 233 numbers: 49 block inks, 28 row and 28 column inks, 16 x 8 orientation bins", () => {
    expect(DIGIT_FEATURE_COUNT).toBe(233);
    expect(digitFeatures(image(() => false))).toEqual(new Float32Array(233));
  });

  it("measures where the ink is", () => {
    const f = digitFeatures(image((r, c) => r < 4 && c < 4));
    expect(f[0]).toBe(1);
    expect(Array.from(f.subarray(1, 49)).every((v) => v === 0)).toBe(true);
    // Rows 0-3 hold 4 of 28 inked columns; columns 0-3 likewise.
    expect(f[49]).toBeCloseTo(4 / 28, 6);
    expect(f[49 + 28]).toBeCloseTo(4 / 28, 6);
  });

  it("puts a vertical stroke's edges in the horizontal-gradient bin and a horizontal stroke's in the vertical one", () => {
    const hog = (f: Float32Array) => f.subarray(49 + 56);
    const vertical = hog(digitFeatures(image((_, c) => c === 10)));
    const horizontal = hog(digitFeatures(image((r) => r === 10)));
    const binTotals = (h: Float32Array) => Array.from({ length: 8 }, (_, b) => Array.from({ length: 16 }, (_, cell) => h[cell * 8 + b]).reduce((a, v) => a + v, 0));
    const [v, h] = [binTotals(vertical), binTotals(horizontal)];
    // Gradient along x (angle 0 or π → bin 0) for the vertical stroke, along y (π/2 → bin 4) for the horizontal.
    expect(v.indexOf(Math.max(...v))).toBe(0);
    expect(h.indexOf(Math.max(...h))).toBe(4);
  });

  it("batches row-major images and rejects other sizes", () => {
    const one = image((r, c) => r === c);
    const both = digitFeatureMatrix([...one, ...image(() => false)], 2);
    expect(both.subarray(0, 233)).toEqual(digitFeatures(one));
    expect(() => digitFeatures([1, 2, 3])).toThrow(/28x28/);
  });
});
