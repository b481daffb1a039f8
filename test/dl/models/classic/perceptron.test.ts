import { truthTable } from "../../../../src/dl/datasets/synthetic/truth-tables";
import { mcCullochPitts, novikoffBound, trainPerceptron } from "../../../../src/dl/models/classic/perceptron";

const rows = [[0, 0], [0, 1], [1, 0], [1, 1]];
const table = (gate: "and" | "or" | "xor") => Array.from(truthTable(gate).targets);

describe("McCulloch-Pitts unit", () => {
  it("computes AND with threshold 2, OR with threshold 1, NOT with one inhibitory input", () => {
    expect(rows.map((x) => mcCullochPitts({ threshold: 2 }, x))).toEqual(table("and"));
    expect(rows.map((x) => mcCullochPitts({ threshold: 1 }, x))).toEqual(table("or"));
    expect([0, 1].map((x) => mcCullochPitts({ threshold: 0, inhibitory: [true] }, [x]))).toEqual([1, 0]);
  });

  it("rejects inputs that are not binary", () => {
    expect(() => mcCullochPitts({ threshold: 1 }, [0.5])).toThrow(/binary/);
  });
});

describe("Rosenblatt's perceptron rule", () => {
  it("converges on AND: by hand, passes with 1, 3, 3, 2, 1 and then 0 mistakes", () => {
    // From w = (0, 0), b = 0, rate 1, rows in order (0,0), (0,1), (1,0), (1,1); the first
    // pass errs only on (1,1) (z = 0 does not fire), giving w = (1, 1), b = 1; and so on,
    // ending at w = (2, 1), b = -2.
    const run = trainPerceptron(rows, table("and"));
    expect(run.errorsPerEpoch).toEqual([1, 3, 3, 2, 1, 0]);
    expect([run.weights, run.bias, run.updates]).toEqual([[2, 1], -2, 10]);
    expect(run.converged).toBe(true);
    expect(run.finalErrors).toBe(0);
    expect(run.updates).toBeLessThanOrEqual(novikoffBound(rows, table("and"), { weights: [1, 1], bias: -1.5 }));
  });

  it("converges on OR within Novikoff's bound", () => {
    const run = trainPerceptron(rows, table("or"));
    expect(run.converged).toBe(true);
    expect(run.finalErrors).toBe(0);
    expect(run.updates).toBeLessThanOrEqual(novikoffBound(rows, table("or"), { weights: [2, 2], bias: -1 }));
  });

  it("never converges on XOR: its weights come back to an earlier state", () => {
    const run = trainPerceptron(rows, table("xor"), { maxEpochs: 1000 });
    expect(run.converged).toBe(false);
    expect(run.cycleAt).not.toBeNull();
    expect(Math.min(...run.errorsPerEpoch)).toBeGreaterThanOrEqual(1);
    expect(run.finalErrors).toBeGreaterThanOrEqual(1);
  });
});

describe("Novikoff's bound", () => {
  it("is (R/γ)² with the bias as an extra input: AND's widest line gives 3 / (0.5/√4.25)² = 51", () => {
    expect(novikoffBound(rows, table("and"), { weights: [1, 1], bias: -1.5 })).toBeCloseTo(51, 6);
    expect(novikoffBound(rows, table("or"), { weights: [2, 2], bias: -1 })).toBeCloseTo(27, 6);
  });

  it("is infinite for a line that does not separate", () => {
    expect(novikoffBound(rows, table("xor"), { weights: [1, 1], bias: -0.5 })).toBe(Infinity);
  });
});
