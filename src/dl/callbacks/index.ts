/** `dl.callbacks`: tf.Callback subclasses to pass to model.fit({callbacks: [...]}). */
export { progress, ProgressCallback } from "./progress";
export type { ProgressOptions } from "./progress";
export { earlyStopping, EarlyStoppingCallback } from "./early-stopping";
export type { EarlyStoppingOptions } from "./early-stopping";
