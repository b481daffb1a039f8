/**
 * C4.5 compares weights with a small tolerance because fractional instances (missing
 * values) make sums like 0.1 + 0.2 inexact; Weka uses 1e-6 everywhere, so do we.
 */
export const EPSILON = 1e-6;

export const approxEqual = (a: number, b: number): boolean => Math.abs(a - b) < EPSILON;
export const clearlyGreater = (a: number, b: number): boolean => a - b > EPSILON;
export const atLeast = (a: number, b: number): boolean => a - b > -EPSILON;
export const atMost = (a: number, b: number): boolean => a - b < EPSILON;
