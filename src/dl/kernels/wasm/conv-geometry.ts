import { backend_util } from "@tensorflow/tfjs";

export type ConvInfo = backend_util.Conv2DInfo;

/** Attributes shared by the Conv2D backprop kernels. */
export interface ConvBackpropAttrs {
  strides: [number, number] | number;
  pad: "valid" | "same" | number | backend_util.ExplicitPadding;
  dataFormat: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
  /**
   * Not sent by tfjs: its Conv2D gradient refuses dilations > 1 before any
   * kernel runs (gradients/Conv2D_grad). Honoured here for direct callers.
   */
  dilations?: [number, number] | number;
}

/**
 * The forward convolution's geometry. Only NHWC: the wasm backend's own Conv2D
 * rejects NCHW, so no wasm model can produce an NCHW gradient.
 */
export function convGeometry(
  kernelName: string,
  xShape: number[],
  filterShape: number[],
  attrs: ConvBackpropAttrs,
): ConvInfo {
  if (attrs.dataFormat === "NCHW") throw new Error(`${kernelName} on wasm supports NHWC only (as does wasm's Conv2D)`);
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast",
  );
}

/** Rows of the patch matrix: one per filter tap and input channel. */
export function patchSize(c: ConvInfo): number {
  return c.filterHeight * c.filterWidth * c.inChannels;
}

/** Columns of the patch matrix: one per output position. */
export function outputPositions(c: ConvInfo): number {
  return c.batchSize * c.outHeight * c.outWidth;
}
