/** tf.LayersModel (Sequential and functional): its summary table as HTML and text. */
import type { LayersModel } from "@tensorflow/tfjs";
import { registerRenderer } from "../protocol";
import { gridHtml } from "./html";
import { summaryGrid } from "./model-summary";
import { gridText } from "./text-table";

export function installModelRenderer(tf: { LayersModel: { prototype: LayersModel } }): void {
  registerRenderer(tf.LayersModel.prototype, function (this: LayersModel) {
    const grid = summaryGrid(this);
    return { "text/plain": gridText(grid), "text/html": gridHtml(grid) };
  });
}
