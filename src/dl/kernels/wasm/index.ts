import { BatchMatMul, Conv2DBackpropFilter, Conv2DBackpropInput, GatherV2, MaxPoolGrad, Slice, SplitV, Unpack } from "@tensorflow/tfjs";
import type { KernelOverride } from "../kernel-override";
import { ADAM_KERNEL, adamConfig } from "./adam";
import { makeBatchMatMulConfig } from "./batch-mat-mul";
import { conv2DBackpropFilterConfig } from "./conv2d-backprop-filter";
import { conv2DBackpropInputConfig } from "./conv2d-backprop-input";
import { makeGatherV2Config } from "./gather";
import { makeMaxPoolGradConfig } from "./max-pool-grad";
import { makeSliceConfig, makeSplitVConfig, makeUnpackConfig } from "./slice";

/** tsdl's kernels for the wasm backend, replacing or filling in tfjs's own. */
export const wasmKernels: KernelOverride[] = [
  { kernelName: Conv2DBackpropFilter, make: () => conv2DBackpropFilterConfig },
  { kernelName: Conv2DBackpropInput, make: () => conv2DBackpropInputConfig },
  { kernelName: BatchMatMul, make: makeBatchMatMulConfig },
  { kernelName: Slice, make: makeSliceConfig },
  { kernelName: Unpack, make: makeUnpackConfig },
  { kernelName: SplitV, make: makeSplitVConfig },
  { kernelName: GatherV2, make: makeGatherV2Config },
  { kernelName: MaxPoolGrad, make: makeMaxPoolGradConfig },
  { kernelName: ADAM_KERNEL, make: () => adamConfig },
];
