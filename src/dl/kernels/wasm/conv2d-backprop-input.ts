/**
 * Conv2DBackpropInput for wasm as one XNNPACK product plus col2im.
 *
 * wasm's own kernel is correct but a naive loop in C++; in the WISDM conv+GRU
 * training step it is the largest single kernel. Here:
 * dPatches[(b, oh, ow), (kh, kw, ci)] = dy[(b, oh, ow), co] · Wᵀ[co, (kh, kw, ci)],
 * then every patch gradient is added back where its patch was read.
 */
import { Conv2DBackpropInput, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { addPatchesToImage } from "./col2im";
import { ConvBackpropAttrs, convGeometry, outputPositions, patchSize } from "./conv-geometry";
import { BackendWasm, heapView, matMul, transposeLastTwo, withShape } from "./heap";

interface InputGradAttrs extends ConvBackpropAttrs {
  inputShape: [number, number, number, number];
}

function conv2DBackpropInput(args: { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: BackendWasm; attrs: InputGradAttrs }): TensorInfo {
  const { inputs: { dy, filter }, backend, attrs } = args;
  const c = convGeometry(Conv2DBackpropInput, attrs.inputShape, filter.shape, attrs);
  const [k, n] = [patchSize(c), outputPositions(c)];
  const filterT = transposeLastTwo(backend, withShape(filter, [1, k, c.outChannels]));
  const dPatches = matMul(backend, withShape(dy, [1, n, c.outChannels]), filterT);
  backend.disposeData(filterT.dataId);
  const dx = backend.makeOutput(c.inShape, "float32");
  addPatchesToImage(heapView(backend, dPatches), c, heapView(backend, dx));
  backend.disposeData(dPatches.dataId);
  return dx;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: "wasm",
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
