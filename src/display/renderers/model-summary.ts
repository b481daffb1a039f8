/**
 * `model.summary()` as data, Keras-style: one row per layer with its name and class, output shape
 * and parameter count, plus totals counted over the model's distinct weights (shared layers count
 * once). Functional models also list each layer's inputs ("Connected to"), as Keras does.
 */
import type { LayersModel } from "@tensorflow/tfjs";
import { Grid } from "./grid";
import { formatCount, formatShape } from "./format";

type Layer = LayersModel["layers"][number];
type Shape = (number | null)[];

export interface ParamTotals {
  total: number;
  trainable: number;
  nonTrainable: number;
}

function countWeights(weights: { shape: Shape }[]): number {
  return weights.reduce((sum, w) => sum + w.shape.reduce<number>((p, d) => p * (d ?? 0), 1), 0);
}

export function paramTotals(model: LayersModel): ParamTotals {
  const trainable = countWeights(model.trainableWeights);
  const nonTrainable = countWeights(model.nonTrainableWeights);
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}

/** A layer called on several inputs has no single output shape: Keras prints "multiple". */
function outputShapeText(layer: Layer): string {
  try {
    const shape = layer.outputShape as Shape | Shape[];
    const many = Array.isArray(shape[0]);
    return many ? (shape as Shape[]).map(formatShape).join(", ") : formatShape(shape as Shape);
  } catch {
    return "multiple";
  }
}

function connectedTo(layer: Layer): string {
  return layer.inboundNodes
    .flatMap((node) => node.inboundLayers.map((inbound, i) => `${inbound.name}[${node.nodeIndices[i]}][${node.tensorIndices[i]}]`))
    .join(", ");
}

function isSequential(model: LayersModel): boolean {
  return model.getClassName() === "Sequential";
}

export function summaryGrid(model: LayersModel): Grid {
  const functional = !isSequential(model);
  const header = ["Layer (type)", "Output Shape", "Param #", ...(functional ? ["Connected to"] : [])];
  const rows = model.layers.map((layer) => [
    `${layer.name} (${layer.getClassName()})`,
    outputShapeText(layer),
    formatCount(layer.countParams()),
    ...(functional ? [connectedTo(layer)] : []),
  ]);
  const totals = paramTotals(model);
  return {
    caption: `Model: "${model.name}"`,
    header,
    rows,
    numeric: [false, false, true, false],
    footer: [
      `Total params: ${formatCount(totals.total)}`,
      `Trainable params: ${formatCount(totals.trainable)}`,
      `Non-trainable params: ${formatCount(totals.nonTrainable)}`,
    ],
  };
}
