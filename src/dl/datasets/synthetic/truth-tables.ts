/** AND / OR / XOR on two binary inputs: the single-neuron exercise and Minsky's XOR. */

export type LogicGate = "and" | "or" | "xor";

/** The four input rows (x1, x2), row-major [4 x 2]. */
export const TRUTH_TABLE_INPUTS = Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]);

const GATES: Record<LogicGate, (a: boolean, b: boolean) => boolean> = {
  and: (a, b) => a && b,
  or: (a, b) => a || b,
  xor: (a, b) => a !== b,
};

export function truthTable(gate: LogicGate): { inputs: Float32Array; targets: Float32Array } {
  const targets = new Float32Array(4);
  for (let row = 0; row < 4; row++) {
    const a = TRUTH_TABLE_INPUTS[2 * row] === 1;
    const b = TRUTH_TABLE_INPUTS[2 * row + 1] === 1;
    targets[row] = GATES[gate](a, b) ? 1 : 0;
  }
  return { inputs: TRUTH_TABLE_INPUTS.slice(), targets };
}
