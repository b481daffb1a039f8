/**
 * Hand-made features of a digit image, the "classic machine learning" side of the lecture's
 * "Difference in workflow" slide: someone decides what matters in the pixels, and a shallow
 * model learns only from those numbers.
 *
 * For a 28 x 28 image (0..255) we compute: ink in each cell of a 7 x 7 grid of 4 x 4 blocks
 * (49, the shape at low resolution), ink per row and per column (56, projection profiles),
 * and a histogram of oriented gradients in each cell of a 4 x 4 grid of 7 x 7 blocks (128: 8
 * orientations weighted by edge strength, where the strokes run), as in HOG (Dalal and Triggs
 * 2005) without its block normalisation. 233 numbers per image.
 */

const SIZE = 28;
const ORIENTATIONS = 8;

export const DIGIT_FEATURE_COUNT = 49 + 2 * SIZE + 16 * ORIENTATIONS;

/** Features of one 28 x 28 image given row-major, 0..255. */
export function digitFeatures(pixels: ArrayLike<number>): Float32Array {
  if (pixels.length !== SIZE * SIZE) throw new Error(`digitFeatures expects a 28x28 image (784 values), got ${pixels.length}`);
  const at = (r: number, c: number) => (r < 0 || c < 0 || r >= SIZE || c >= SIZE ? 0 : pixels[r * SIZE + c] / 255);
  const out = new Float32Array(DIGIT_FEATURE_COUNT);
  let k = 0;
  for (let br = 0; br < 7; br++) {
    for (let bc = 0; bc < 7; bc++) {
      let ink = 0;
      for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) ink += at(4 * br + r, 4 * bc + c);
      out[k++] = ink / 16;
    }
  }
  for (let r = 0; r < SIZE; r++) {
    let ink = 0;
    for (let c = 0; c < SIZE; c++) ink += at(r, c);
    out[k++] = ink / SIZE;
  }
  for (let c = 0; c < SIZE; c++) {
    let ink = 0;
    for (let r = 0; r < SIZE; r++) ink += at(r, c);
    out[k++] = ink / SIZE;
  }
  const histograms = out.subarray(k);
  for (let r = 0; r < SIZE; r++) {
    for (let c = 0; c < SIZE; c++) {
      const gx = at(r, c + 1) - at(r, c - 1);
      const gy = at(r + 1, c) - at(r - 1, c);
      const magnitude = Math.hypot(gx, gy);
      if (magnitude === 0) continue;
      // Unsigned orientation in [0, π), in 8 bins.
      const angle = (Math.atan2(gy, gx) + Math.PI) % Math.PI;
      const bin = Math.min(ORIENTATIONS - 1, Math.floor((angle / Math.PI) * ORIENTATIONS));
      const cell = Math.floor(r / 7) * 4 + Math.floor(c / 7);
      histograms[cell * ORIENTATIONS + bin] += magnitude / 49;
    }
  }
  return out;
}

/** Features of a batch of images, row-major [n x 784] -> [n x DIGIT_FEATURE_COUNT]. */
export function digitFeatureMatrix(images: ArrayLike<number>, count: number): Float32Array {
  const out = new Float32Array(count * DIGIT_FEATURE_COUNT);
  const image = new Float32Array(SIZE * SIZE);
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < SIZE * SIZE; i++) image[i] = images[n * SIZE * SIZE + i];
    out.set(digitFeatures(image), n * DIGIT_FEATURE_COUNT);
  }
  return out;
}
