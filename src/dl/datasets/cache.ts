/**
 * The tsdl data cache: `$TSDL_DATA_DIR`, default `~/.cache/tsdl`, one per user. Read-only
 * folders in `$TSDL_DATA_PATH` (separated like PATH) are searched after it: on a shared server an
 * administrator places a file there once for everybody, and nobody downloads a copy.
 *
 * A file enters the cache only whole and verified: it is downloaded into memory,
 * optionally gunzipped or extracted, checked against its known checksum, written to a
 * temporary file beside the target and renamed into place. A cut-off or corrupt download
 * therefore never leaves a file a later run would trust, and simply running again retries.
 */
import { randomBytes } from "crypto";
import { constants, existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { gunzipSync } from "zlib";
import { Checksum, verifyChecksum } from "./checksum";
import { download } from "./http-download";

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TSDL_DATA_DIR || path.join(os.homedir(), ".cache", "tsdl");
}

/** Folders filled once for all users ($TSDL_DATA_PATH), searched after the user's cache, never written. */
export function sharedDataDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.TSDL_DATA_PATH ?? "").split(path.delimiter).filter(Boolean);
}

/** Where `fileName` (relative, e.g. "mnist/train-labels-idx1-ubyte") lives in the cache. */
export function cachePath(fileName: string, directory = dataDir()): string {
  return path.join(directory, fileName);
}

/** What a user without network should do to get `fileName` into the cache. */
export function placementAdvice(fileName: string, directory = dataDir()): string {
  const target = path.dirname(cachePath(fileName, directory));
  return `Place ${path.basename(fileName)} in ${target} (the tsdl data cache: $TSDL_DATA_DIR, default ~/.cache/tsdl; or, for every user of a shared server, in a folder listed in $TSDL_DATA_PATH) or run with network access.`;
}

export type FetchToCacheOptions = Checksum & {
  /** Mirrors, tried in order until one gives a verified file. */
  urls: string | readonly string[];
  /** Path inside the cache, e.g. "wisdm/WISDM_ar_v1.1_raw.txt". */
  fileName: string;
  /** The server sends gzip; the checksum is of the uncompressed content. */
  gunzip?: boolean;
  /** Turns the (gunzipped) body into the file to cache, e.g. one entry of a tarball. */
  extract?: (body: Buffer) => Promise<Buffer>;
  /** Overrides $TSDL_DATA_DIR. */
  dataDir?: string;
  /** Overrides $TSDL_DATA_PATH. */
  sharedDirs?: readonly string[];
  timeoutMs?: number;
};

export class DatasetUnavailableError extends Error {
  constructor(readonly fileName: string, readonly failures: readonly string[], advice: string) {
    super(`Could not download ${path.basename(fileName)}:\n  ${failures.join("\n  ")}\n${advice}`);
    this.name = "DatasetUnavailableError";
  }
}

/**
 * Returns the path of `fileName` in the cache, downloading it first when absent.
 * A file already there (downloaded earlier or placed by hand) is verified before use.
 */
export async function fetchToCache(options: FetchToCacheOptions): Promise<string> {
  const directory = options.dataDir ?? dataDir();
  const target = cachePath(options.fileName, directory);
  const present = [directory, ...(options.sharedDirs ?? sharedDataDirs())].map((dir) => cachePath(options.fileName, dir)).find(existsSync);
  if (present) {
    await verifyFile(present, options);
    return present;
  }
  await assertWritable(path.dirname(target), options.fileName);
  const failures: string[] = [];
  for (const url of typeof options.urls === "string" ? [options.urls] : options.urls) {
    try {
      await writeAtomically(target, await downloadVerified(url, options));
      return target;
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  throw new DatasetUnavailableError(options.fileName, failures, placementAdvice(options.fileName, directory));
}

/** Checked before downloading: a cache nobody can write would waste the download. */
async function assertWritable(folder: string, fileName: string): Promise<void> {
  try {
    await fs.mkdir(folder, { recursive: true });
    await fs.access(folder, constants.W_OK);
  } catch (error) {
    const reason = `the tsdl data cache ${folder} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    const advice = "Set TSDL_DATA_DIR to a folder you can write, or ask your administrator to place the file in a folder listed in $TSDL_DATA_PATH.";
    throw new DatasetUnavailableError(fileName, [reason], advice);
  }
}

/** Verify-on-use for a file on disk, e.g. one placed by hand; throws ChecksumMismatchError. */
export async function verifyFile(file: string, checksum: Checksum): Promise<void> {
  const advice = `Delete ${file} to download it again, or replace it with the original file.`;
  verifyChecksum(await fs.readFile(file), checksum, file, advice);
}

async function downloadVerified(url: string, options: FetchToCacheOptions): Promise<Buffer> {
  const body = await download(url, { timeoutMs: options.timeoutMs });
  const unpacked = options.gunzip ? gunzip(body, url) : body;
  const content = options.extract ? await options.extract(unpacked) : unpacked;
  const advice = "The mirror serves a different file or the transfer was corrupted; nothing was written to the cache. Retry, use another mirror, or place a verified copy by hand.";
  verifyChecksum(content, options, `${path.basename(options.fileName)} from ${url}`, advice);
  return content;
}

function gunzip(body: Buffer, url: string): Buffer {
  try {
    return gunzipSync(body);
  } catch (error) {
    throw new Error(`${url}: cannot gunzip ${body.length} bytes (${(error as Error).message}); the file is truncated or not gzip`);
  }
}

/** Temp file in the same directory, then rename: readers see the old state or the whole file. */
export async function writeAtomically(target: string, content: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
  try {
    await fs.writeFile(temporary, content);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
