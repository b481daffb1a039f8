import { createHash } from "crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { DatasetUnavailableError, fetchToCache, placementAdvice, verifyFile } from "../../../src/dl/datasets/cache";
import { ChecksumMismatchError, gitBlobSha1Hex } from "../../../src/dl/datasets/checksum";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

const CONTENT = Buffer.from("tsdl cache test content\n".repeat(1000));
const SHA = createHash("sha256").update(CONTENT).digest("hex");

let server: http.Server;
let base: string;
let routes: Record<string, Handler>;
let hits: string[];
let cacheDir: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits.push(request.url ?? "");
    const handler = routes[request.url ?? ""];
    if (handler) handler(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  routes = { "/file.bin": (_, response) => response.end(CONTENT) };
  hits = [];
  cacheDir = mkdtempSync(path.join(os.tmpdir(), "tsdl-cache-test-"));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

const fetchFile = (urls: string | string[], extra: { gunzip?: boolean; timeoutMs?: number } = {}) =>
  fetchToCache({ urls, fileName: "set/file.bin", sha256: SHA, dataDir: cacheDir, ...extra });

/** Everything in the cache directory, temporary files included. */
const cacheListing = () => (existsSync(path.join(cacheDir, "set")) ? readdirSync(path.join(cacheDir, "set")) : []);

test("downloads, verifies and caches; a second call uses the cache", async () => {
  const file = await fetchFile(`${base}/file.bin`);
  expect(file).toBe(path.join(cacheDir, "set", "file.bin"));
  expect(readFileSync(file).equals(CONTENT)).toBe(true);
  await fetchFile(`${base}/file.bin`);
  expect(hits).toEqual(["/file.bin"]);
});

test("follows redirects, relative and absolute", async () => {
  routes["/moved"] = (_, response) => response.writeHead(302, { location: "/again" }).end();
  routes["/again"] = (_, response) => response.writeHead(301, { location: `${base}/file.bin` }).end();
  const file = await fetchFile(`${base}/moved`);
  expect(readFileSync(file).equals(CONTENT)).toBe(true);
  expect(hits).toEqual(["/moved", "/again", "/file.bin"]);
});

test("a truncated download gives a clear error, leaves no file, and a retry works", async () => {
  routes["/file.bin"] = (_, response) => {
    response.writeHead(200, { "content-length": CONTENT.length });
    response.write(CONTENT.subarray(0, 1000), () => response.destroy());
  };
  await expect(fetchFile(`${base}/file.bin`)).rejects.toThrow(/of 24000 bytes[\s\S]*Place file\.bin in/);
  expect(cacheListing()).toEqual([]);
  routes["/file.bin"] = (_, response) => response.end(CONTENT);
  expect(readFileSync(await fetchFile(`${base}/file.bin`)).equals(CONTENT)).toBe(true);
});

test("a checksum mismatch names both hashes and writes nothing", async () => {
  routes["/file.bin"] = (_, response) => response.end("something else");
  const actual = createHash("sha256").update("something else").digest("hex");
  const error = await fetchFile(`${base}/file.bin`).catch((e: Error) => e);
  expect((error as Error).message).toContain(`has sha256 ${actual}, expected ${SHA}`);
  expect((error as Error).message).toContain("nothing was written to the cache");
  expect(cacheListing()).toEqual([]);
});

test("gunzips and verifies the uncompressed content; truncated gzip is reported", async () => {
  const gzipped = gzipSync(CONTENT);
  routes["/file.bin.gz"] = (_, response) => response.end(gzipped);
  routes["/cut.gz"] = (_, response) => response.end(gzipped.subarray(0, 40));
  await expect(fetchFile(`${base}/cut.gz`, { gunzip: true })).rejects.toThrow(/cannot gunzip 40 bytes/);
  const file = await fetchFile(`${base}/file.bin.gz`, { gunzip: true });
  expect(readFileSync(file).equals(CONTENT)).toBe(true);
});

test("tries mirrors in order and reports every failure when all fail", async () => {
  const file = await fetchFile([`${base}/missing`, `${base}/file.bin`]);
  expect(readFileSync(file).equals(CONTENT)).toBe(true);
  rmSync(file);
  const error = (await fetchFile([`${base}/missing`, "http://127.0.0.1:1/x"]).catch((e: Error) => e)) as Error;
  expect(error.message).toContain(`${base}/missing: HTTP 404`);
  expect(error.message).toContain("http://127.0.0.1:1/x: connect ECONNREFUSED");
  expect(error.message).toContain(`Place file.bin in ${path.join(cacheDir, "set")}`);
  expect(error.message).toContain("or run with network access");
});

test("times out on a server that never answers", async () => {
  routes["/silent"] = () => undefined;
  await expect(fetchFile(`${base}/silent`, { timeoutMs: 200 })).rejects.toThrow(/no data for 200 ms/);
});

test("verifies files placed by hand before use", async () => {
  mkdirSync(path.join(cacheDir, "set"));
  writeFileSync(path.join(cacheDir, "set", "file.bin"), "hand-placed but wrong");
  const error = await fetchFile(`${base}/file.bin`).catch((e: Error) => e);
  expect(error).toBeInstanceOf(ChecksumMismatchError);
  expect((error as Error).message).toMatch(/expected [0-9a-f]{64}\. Delete .*file\.bin to download it again/);
  expect(hits).toEqual([]);
  writeFileSync(path.join(cacheDir, "set", "file.bin"), CONTENT);
  await expect(verifyFile(path.join(cacheDir, "set", "file.bin"), { sha256: SHA })).resolves.toBeUndefined();
});

test("git blob ids match git's", () => {
  expect(gitBlobSha1Hex(Buffer.alloc(0))).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  expect(gitBlobSha1Hex(Buffer.from("hello\n"))).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
});

test("placement advice names the file and the directory", () => {
  expect(placementAdvice("wisdm/WISDM_ar_v1.1_raw.txt", "/data")).toBe(
    "Place WISDM_ar_v1.1_raw.txt in /data/wisdm (the tsdl data cache: $TSDL_DATA_DIR, default ~/.cache/tsdl; or, for every user of a shared server, in a folder listed in $TSDL_DATA_PATH) or run with network access.",
  );
});

test("a file in a shared read-only folder ($TSDL_DATA_PATH) is verified and used in place: no download, no copy", async () => {
  const shared = mkdtempSync(path.join(os.tmpdir(), "tsdl-shared-test-"));
  try {
    mkdirSync(path.join(shared, "set"));
    writeFileSync(path.join(shared, "set", "file.bin"), CONTENT);
    const options = { urls: `${base}/file.bin`, fileName: "set/file.bin", sha256: SHA, dataDir: cacheDir };
    await expect(fetchToCache({ ...options, sharedDirs: ["/nonexistent", shared] })).resolves.toBe(path.join(shared, "set", "file.bin"));
    expect(hits).toEqual([]);
    expect(cacheListing()).toEqual([]);
    writeFileSync(path.join(shared, "set", "file.bin"), "damaged");
    await expect(fetchToCache({ ...options, sharedDirs: [shared] })).rejects.toBeInstanceOf(ChecksumMismatchError);
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
});

test("a cache that cannot be written is reported before downloading, as a DatasetUnavailableError that says what to do", async () => {
  const notAFolder = path.join(cacheDir, "file");
  writeFileSync(notAFolder, "");
  const error = await fetchToCache({ urls: `${base}/file.bin`, fileName: "set/file.bin", sha256: SHA, dataDir: notAFolder, sharedDirs: [] }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(DatasetUnavailableError);
  expect((error as Error).message).toMatch(/cache .*file[\\/]set cannot be written \(ENOTDIR\)[\s\S]*Set TSDL_DATA_DIR to a folder you can write/);
  expect(hits).toEqual([]);
});
