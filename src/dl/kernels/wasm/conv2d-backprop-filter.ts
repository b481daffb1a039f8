/**
 * Conv2DBackpropFilter for the wasm backend, which ships none (so Conv1D and
 * Conv2D layers cannot train on wasm as shipped).
 *
 * dW[kh, kw, ci, co] = sum over (b, oh, ow) of patchesT[(kh, kw, ci), (b, oh, ow)] * dy[(b, oh, ow), co]
 * i.e. one [K, N] · [N, CO] product whose [K, CO] result already has the
 * filter's [KH, KW, CI, CO] layout.
 */
import { Conv2DBackpropFilter, KernelConfig, KernelFunc, TensorInfo, util } from "@tensorflow/tfjs";
import { ConvBackpropAttrs, convGeometry, outputPositions, patchSize } from "./conv-geometry";
import { BackendWasm, heapView, matMul, withShape } from "./heap";
import { writeTransposedPatches } from "./patches";

interface FilterGradAttrs extends ConvBackpropAttrs {
  filterShape: [number, number, number, number];
}

function conv2DBackpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: BackendWasm; attrs: FilterGradAttrs }): TensorInfo {
  const { inputs: { x, dy }, backend, attrs } = args;
  const c = convGeometry(Conv2DBackpropFilter, x.shape, attrs.filterShape, attrs);
  util.assert(util.arraysEqual(dy.shape, c.outShape), () => `${Conv2DBackpropFilter}: dy shape ${dy.shape} != conv output ${c.outShape}`);
  const k = patchSize(c);
  const n = outputPositions(c);
  const patches = backend.makeOutput([1, k, n], "float32");
  writeTransposedPatches(heapView(backend, x), c, heapView(backend, patches));
  const dW = matMul(backend, patches, withShape(dy, [1, n, c.outChannels]));
  backend.disposeData(patches.dataId);
  return withShape(dW, attrs.filterShape);
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: "wasm",
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
