/**
 * tsdl's own tfjs kernels, registered per backend through tfjs's public kernel
 * registry. Replaced kernels are remembered so `unregisterKernels` restores
 * tfjs's originals (benchmarks compare both in one process).
 */
import { getKernel, KernelConfig, registerKernel, unregisterKernel } from "@tensorflow/tfjs";
import { wasmKernels } from "./wasm";

const KERNELS: Record<string, () => KernelConfig[]> = { wasm: wasmKernels };

/** What each registered kernel replaced (undefined: the backend had none). */
const replaced = new Map<string, KernelConfig | undefined>();

/** Registers tsdl's kernels for `backendName`; returns their kernel names. */
export function registerKernels(backendName: string): string[] {
  const configs = KERNELS[backendName]?.() ?? [];
  for (const config of configs) swapKernel(config);
  return configs.map((c) => c.kernelName);
}

/** Puts back the kernels tfjs had before `registerKernels(backendName)`. */
export function unregisterKernels(backendName: string): void {
  for (const [key, original] of replaced) {
    const [kernelName, backend] = key.split("/");
    if (backend !== backendName) continue;
    unregisterKernel(kernelName, backend);
    if (original) registerKernel(original);
    replaced.delete(key);
  }
}

function swapKernel(config: KernelConfig): void {
  const key = `${config.kernelName}/${config.backendName}`;
  // getKernel's type says KernelConfig, but it returns undefined for a missing kernel.
  const current = getKernel(config.kernelName, config.backendName) as KernelConfig | undefined;
  if (!replaced.has(key)) replaced.set(key, current);
  // registerKernel warns and keeps the old one if the name is taken.
  if (current) unregisterKernel(config.kernelName, config.backendName);
  registerKernel(config);
}
