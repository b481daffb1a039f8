/** `dl.layers`: tfjs layers that tfjs lacks or gets wrong for reproducible notebooks. */
export { dropout, gaussianNoise, PerStepSeededDropout, PerStepSeededGaussianNoise } from "./per-step-seed";
export type { DropoutArgs, GaussianNoiseArgs } from "./per-step-seed";
