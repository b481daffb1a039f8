import * as tf from "@tensorflow/tfjs";
import { resnet, trainableParameters } from "../../../src/dl/models/resnet";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("ResNet", () => {
  // The reference counts are torchvision's (weights only, no BN statistics), which follow
  // the paper's Table 1: resnet18 11,689,512 and resnet50 25,557,032.
  // Its depth counts the weighted layers on the main path: depth - 1 convolutions and the
  // dense layer; the projection shortcuts add 3 (basic blocks) or 4 (bottlenecks) more.
  it.each([
    [18, 11_689_512, 3],
    [50, 25_557_032, 4],
  ] as const)("ResNet-%i has the paper's %i trainable parameters", (depth, expected, projections) => {
    const before = tf.memory().numTensors;
    const model = resnet({ depth, initializer: "zeros" });
    expect(trainableParameters(model)).toBe(expected);
    expect(model.layers.filter((l) => l.getClassName() === "Conv2D")).toHaveLength(depth - 1 + projections);
    expect(model.outputs[0].shape).toEqual([null, 1000]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("counts batch normalisation's moving statistics apart: countParams adds 2 per channel", () => {
    const model = resnet({ depth: 18, initializer: "zeros", inputShape: [32, 32, 3], classes: 10 });
    const bnChannels = model.layers.filter((l) => l.getClassName() === "BatchNormalization").reduce((sum, l) => sum + (l.getWeights()[0].shape[0] as number), 0);
    expect(model.countParams() - trainableParameters(model)).toBe(2 * bnChannels);
    model.dispose();
  });

  it("rejects a depth the paper does not define", () => {
    expect(() => resnet({ depth: 20 as 18 })).toThrow(/18, 34, 50, 101, 152/);
  });
});
