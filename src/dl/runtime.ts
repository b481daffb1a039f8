/**
 * Loads the heavy libraries the prelude exposes, once per process and in order: tfjs on the
 * chosen backend (announced once), then danfo (which shares that tfjs), with renderers installed
 * so tensors, models and dataframes display themselves.
 */
import type * as TF from "@tensorflow/tfjs";
import { display } from "../display/display";
import { installRenderers, showPlotly } from "../display/renderers";
import { BackendChoice, initBackend } from "./backend";

let tf: Promise<typeof TF> | null = null;
let choice: BackendChoice | null = null;

/** `display.plotly(figure)` shows a Plotly figure (JSON for JupyterLab/VS Code, HTML for the rest). */
export const displayWithPlotly = Object.assign(display, { plotly: showPlotly });

export function loadTf(): Promise<typeof TF> {
  tf ??= (async () => {
    choice = await initBackend();
    const lib = require("@tensorflow/tfjs") as typeof TF;
    installRenderers({ tf: lib });
    console.log(`[tsdl] TensorFlow.js ${lib.version.tfjs} on ${choice.reason}`);
    return lib;
  })();
  tf.catch(() => (tf = null));
  return tf;
}

export async function loadDanfo(): Promise<unknown> {
  const lib = await loadTf();
  const dfd = require("danfojs-node");
  installRenderers({ tf: lib, dfd });
  return dfd;
}

export async function loadDl(): Promise<typeof import("./index")> {
  await loadDanfo();
  return require("./index");
}

/** The backend tsdl chose for this session, or null before tfjs is first used. */
export function backendInfo(): BackendChoice | null {
  return choice;
}
