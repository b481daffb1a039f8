/** `dl.datasets`: every dataset a lecture notebook loads, grouped by source. */
export * as mnist from "./mnist";
export * as synthetic from "./synthetic";
import * as transformed from "./wisdm-transformed";
import * as raw from "./wisdm-raw";

/** WISDM v1.1: the shipped transformed ARFF and the raw accelerometer file (downloaded). */
export const wisdm = { ...transformed, ...raw };
export { dataDir, fetchToCache, DatasetUnavailableError } from "./cache";
