/**
 * Loads the heavy libraries the prelude exposes, once per process, in the right order: tfjs
 * with the chosen backend first, then what shares it (danfo), then the renderers that display them.
 */
import type * as TF from "@tensorflow/tfjs";

let tf: Promise<typeof TF> | null = null;

export function loadTf(): Promise<typeof TF> {
  tf ??= (async () => {
    const lib = require("@tensorflow/tfjs") as typeof TF;
    await lib.setBackend("cpu");
    await lib.ready();
    return lib;
  })();
  return tf;
}

export async function loadDanfo(): Promise<unknown> {
  await loadTf();
  return require("danfojs-node");
}
