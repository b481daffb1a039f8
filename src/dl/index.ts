/**
 * `dl`, the helper library every cell sees: datasets, data readers, classic models, metrics,
 * plots, training callbacks and slide claims. Plain library code: usable without a kernel.
 */
export * as datasets from "./datasets";
export * as data from "./data";
export * as models from "./models";
export * as metrics from "./metrics";
export * as plot from "./plot";
export * as callbacks from "./callbacks";
export * as layers from "./layers";
export * as rl from "./rl";
export * as signal from "./signal";
export * as playground from "./playground";
export { claim, evaluateClaim, isQuickRun } from "./claim";
export type { Claim, ClaimInput, ClaimKind, ClaimSource } from "./claim";
export { predictBatched } from "./predict";
export { random } from "./random";
export type { Random } from "./random";
export { tqdm } from "./tqdm";
export type { TqdmOptions } from "./tqdm";
export { backendInfo } from "./backend";
export { imageGrid, imagePng } from "../display/renderers";
