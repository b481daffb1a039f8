/** Image grids for plots (e.g. MNIST digits with labels): a PNG, not a Plotly figure. */
import type { Tensor } from "@tensorflow/tfjs";
import { ImageGridOptions, ImageInput, PngImage, imageGrid } from "../../display/renderers/image";
import { LabelsLike, toLabels } from "./values";

export interface ImagesOptions extends Omit<ImageGridOptions, "labels"> {
  /** A caption per image; tensors and one-hot rows are turned into class indices. */
  labels?: LabelsLike;
  /** Caption names for numeric labels (index = label). */
  classNames?: string[];
}

export function images(batch: Tensor | ImageInput[], options: ImagesOptions = {}): PngImage {
  const { labels, classNames, ...grid } = options;
  const captions = labels ? toLabels(labels).map((l) => (typeof l === "number" ? classNames?.[l] ?? String(l) : l)) : undefined;
  return imageGrid(batch, { ...grid, labels: captions });
}
