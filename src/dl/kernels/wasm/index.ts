import { KernelConfig } from "@tensorflow/tfjs";
import { conv2DBackpropFilterConfig } from "./conv2d_backprop_filter";

/** tsdl's kernels for the wasm backend, replacing or filling in tfjs's own. */
export function wasmKernels(): KernelConfig[] {
  return [conv2DBackpropFilterConfig];
}
