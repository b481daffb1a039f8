/**
 * playground.tensorflow.org in a notebook: the site's defaults as one spec, its network and
 * training (plain TypeScript, as the site's nn.ts), its pictures, and a live version built from
 * Jupyter widgets.
 */
export { PLAYGROUND_CHOICES, PLAYGROUND_DEFAULTS, PLAYGROUND_FIXED, playgroundSpec } from "./spec";
export type { PlaygroundActivation, PlaygroundRegularization, PlaygroundSpec } from "./spec";
export { PlaygroundNetwork } from "./network";
export { PlaygroundSession } from "./session";
export { heatmapHtml, heatmapPng, lossChartSvg, networkSvg, statusHtml } from "./render";
export { live, PlaygroundApp } from "./app";
export type { PlaygroundAppOptions } from "./app";
