/**
 * tsdl's own tfjs kernels, registered per backend through tfjs's public kernel
 * registry. Replaced kernels are remembered so `unregisterKernels` restores
 * tfjs's originals (benchmarks compare both in one process).
 */
import { getKernel, KernelConfig, registerKernel, unregisterKernel } from "@tensorflow/tfjs";
import { installFusedAdam, uninstallFusedAdam } from "./fused-adam";
import type { KernelOverride } from "./kernel-override";
import { wasmKernels } from "./wasm";

const KERNELS: Record<string, KernelOverride[]> = { wasm: wasmKernels };

/** tfjs's own kernel for each name we replaced, keyed "kernel/backend". */
const originals = new Map<string, KernelConfig | undefined>();

/** Registers tsdl's kernels for `backendName`; returns their kernel names. */
export function registerKernels(backendName: string): string[] {
  const overrides = KERNELS[backendName] ?? [];
  for (const override of overrides) swapKernel(backendName, override);
  // tf.train.adam uses the fused kernel wherever a backend registered it, tfjs's ops elsewhere.
  if (overrides.length > 0) installFusedAdam();
  return overrides.map((o) => o.kernelName);
}

/** Puts back the kernels tfjs had before `registerKernels(backendName)`. */
export function unregisterKernels(backendName: string): void {
  uninstallFusedAdam();
  for (const { kernelName } of KERNELS[backendName] ?? []) {
    const key = `${kernelName}/${backendName}`;
    if (!originals.has(key)) continue;
    const original = originals.get(key);
    unregisterKernel(kernelName, backendName);
    if (original) registerKernel(original);
    originals.delete(key);
  }
}

function swapKernel(backendName: string, override: KernelOverride): void {
  const key = `${override.kernelName}/${backendName}`;
  // getKernel's type says KernelConfig, but it returns undefined for a missing kernel.
  const current = getKernel(override.kernelName, backendName) as KernelConfig | undefined;
  if (!originals.has(key)) originals.set(key, current);
  // registerKernel keeps the old kernel (and warns) if the name is taken.
  if (current) unregisterKernel(override.kernelName, backendName);
  registerKernel(override.make(originals.get(key)));
}
