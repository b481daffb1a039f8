/** `dl.plot`: helpers returning displayable figures (a cell ending in one shows it). */
export { line } from "./line";
export type { LineOptions } from "./line";
export { scatter } from "./scatter";
export type { ScatterOptions } from "./scatter";
export { history } from "./history";
export type { HistoryLike } from "./history";
export { decisionBoundary } from "./decision-boundary";
export type { DecisionBoundaryOptions, Predictor } from "./decision-boundary";
export { confusionMatrix, confusionCounts } from "./confusion-matrix";
export type { ConfusionMatrixOptions } from "./confusion-matrix";
export { histogram } from "./histogram";
export type { HistogramOptions } from "./histogram";
export { images } from "./images";
export type { ImagesOptions } from "./images";
export { Figure } from "./figure";
export type { CommonOptions } from "./figure";
