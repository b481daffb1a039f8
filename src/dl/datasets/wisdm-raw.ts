/**
 * The WISDM v1.1 raw accelerometer data (Kwapisz, Weiss & Moore 2010): 1,098,207 samples
 * at 20 Hz from 36 users and six activities, as typed columns.
 *
 * Source: the `path` option, else WISDM_ar_v1.1_raw.txt in the tsdl cache
 * (`$TSDL_DATA_DIR/wisdm`), else the release tarball downloaded from the `url` option,
 * $TSDL_WISDM_URL or the WISDM lab's site, from which only the raw file is kept. The cached
 * file is checked against its git blob id before use.
 */
import { promises as fs } from "fs";
import { fetchToCache } from "./cache";
import { verifyChecksum } from "./checksum";
import { extractTarEntry } from "./tar-entry";
import { parseRaw, WisdmRaw } from "./wisdm-parse";

export { ACTIVITIES, parseRaw } from "./wisdm-parse";
export type { Activity, ParseReport, SkipReason, SkippedRecord, WisdmRaw } from "./wisdm-parse";
export { segment } from "./wisdm-segment";
export type { SegmentOptions, SensorWindow } from "./wisdm-segment";
export { features, FEATURE_NAMES } from "./wisdm-features";
export type { AxisWindow, FeatureOptions } from "./wisdm-features";
export { syntheticRaw } from "./wisdm-synthetic";
export type { SyntheticRawOptions } from "./wisdm-synthetic";
export { toDataFrame } from "./wisdm-dataframe";

export const RAW_FILE_NAME = "WISDM_ar_v1.1_raw.txt";
export const DEFAULT_WISDM_URL = "https://www.cis.fordham.edu/wisdm/includes/datasets/latest/WISDM_ar_latest.tar.gz";
/** git blob id of the released WISDM_ar_v1.1_raw.txt. */
export const RAW_GIT_BLOB_SHA1 = "f448b1ec15898a77f47f49d85e98ae1bde83185c";

export interface LoadRawOptions {
  /** Parse this file as it is (verified only when `gitBlobSha1` is given). */
  path?: string;
  /** Overrides $TSDL_DATA_DIR. */
  dataDir?: string;
  /** The release tarball; default $TSDL_WISDM_URL, else the WISDM lab's. */
  url?: string;
  /** Expected git blob id of the raw file; default the released file's. */
  gitBlobSha1?: string;
  timeoutMs?: number;
}

export interface LoadedRaw extends WisdmRaw {
  /** The file that was parsed. */
  file: string;
  /** Time spent parsing, without reading or verifying. */
  parseMs: number;
}

export async function loadRaw(options: LoadRawOptions = {}): Promise<LoadedRaw> {
  const file = options.path ?? (await fetchRaw(options));
  const bytes = await fs.readFile(file);
  if (options.path && options.gitBlobSha1) {
    verifyChecksum(bytes, { gitBlobSha1: options.gitBlobSha1 }, file, `Use the original ${RAW_FILE_NAME}.`);
  }
  const started = performance.now();
  const raw = parseRaw(bytes);
  return { ...raw, file, parseMs: performance.now() - started };
}

function fetchRaw(options: LoadRawOptions): Promise<string> {
  return fetchToCache({
    urls: options.url ?? process.env.TSDL_WISDM_URL ?? DEFAULT_WISDM_URL,
    fileName: `wisdm/${RAW_FILE_NAME}`,
    gitBlobSha1: options.gitBlobSha1 ?? RAW_GIT_BLOB_SHA1,
    extract: (tarball) => extractTarEntry(tarball, RAW_FILE_NAME),
    dataDir: options.dataDir,
    timeoutMs: options.timeoutMs,
  });
}
