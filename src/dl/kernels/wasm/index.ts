import { BatchMatMul, Conv2DBackpropFilter, Conv2DBackpropInput, Slice, SplitV, Unpack } from "@tensorflow/tfjs";
import type { KernelOverride } from "../index";
import { makeBatchMatMulConfig } from "./batch_mat_mul";
import { conv2DBackpropFilterConfig } from "./conv2d_backprop_filter";
import { conv2DBackpropInputConfig } from "./conv2d_backprop_input";
import { makeSliceConfig, makeSplitVConfig, makeUnpackConfig } from "./slice";

/** tsdl's kernels for the wasm backend, replacing or filling in tfjs's own. */
export const wasmKernels: KernelOverride[] = [
  { kernelName: Conv2DBackpropFilter, make: () => conv2DBackpropFilterConfig },
  { kernelName: Conv2DBackpropInput, make: () => conv2DBackpropInputConfig },
  { kernelName: BatchMatMul, make: makeBatchMatMulConfig },
  { kernelName: Slice, make: makeSliceConfig },
  { kernelName: Unpack, make: makeUnpackConfig },
  { kernelName: SplitV, make: makeSplitVConfig },
];
