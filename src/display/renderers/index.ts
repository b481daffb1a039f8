/**
 * Installs the display method on the library types the prelude exposes. Each renderer registers
 * itself on its prototypes; the kernel never switches on types.
 */
import type * as TF from "@tensorflow/tfjs";
import { DanfoLike, installDataFrameRenderer } from "./dataframe";
import { installModelRenderer } from "./model";
import { installTensorRenderer } from "./tensor";

export interface RenderedLibraries {
  tf: Pick<typeof TF, "Tensor" | "LayersModel">;
  dfd?: DanfoLike;
}

export function installRenderers({ tf, dfd }: RenderedLibraries): void {
  installTensorRenderer(tf);
  installModelRenderer(tf);
  if (dfd) installDataFrameRenderer(dfd);
}

export { imageGrid, imagePng, PngImage } from "./image";
export type { ImageGridOptions, ImageInput } from "./image";
export { plotlyBundle, resetPlotlyInlining, showPlotly, PLOTLY_MIME } from "./plotly";
export type { PlotlyFigure, PlotlyOptions } from "./plotly";
