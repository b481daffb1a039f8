/**
 * Loads the heavy libraries the prelude exposes, once per process and in order: tfjs on the
 * backend `dl/backend.ts` chooses (announced once), then danfo (which shares that tfjs), then
 * `dl`, with renderers installed so tensors, models and dataframes display themselves.
 */
import type * as TF from "@tensorflow/tfjs";
import { installRenderers } from "../display/renderers";
import { initBackend } from "../dl/backend";

let tf: Promise<typeof TF> | null = null;

export function loadTf(): Promise<typeof TF> {
  tf ??= (async () => {
    const choice = await initBackend();
    const lib = require("@tensorflow/tfjs") as typeof TF;
    installRenderers({ tf: lib });
    console.log(`[tsdl] TensorFlow.js ${lib.version.tfjs} on ${choice.reason}`);
    return lib;
  })();
  tf.catch(() => (tf = null)); // a failed load may be retried by the next cell
  return tf;
}

export async function loadDanfo(): Promise<unknown> {
  const lib = await loadTf();
  const dfd = require("danfojs-node");
  installRenderers({ tf: lib, dfd });
  return dfd;
}

export async function loadDl(): Promise<typeof import("../dl")> {
  await loadDanfo();
  return require("../dl");
}
