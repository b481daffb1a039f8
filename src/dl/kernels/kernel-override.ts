import type { KernelConfig } from "@tensorflow/tfjs";

/** Builds a kernel from the one tfjs registered (undefined if it has none). */
export interface KernelOverride {
  kernelName: string;
  make(original: KernelConfig | undefined): KernelConfig;
}
