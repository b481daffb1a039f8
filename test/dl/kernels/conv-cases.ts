import * as tf from "@tensorflow/tfjs";
import { randomInt } from "./helpers";

export type Pad = "same" | "valid" | [[0, 0], [number, number], [number, number], [0, 0]];
export interface Case {
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  pad: Pad;
}

export const TOLERANCE = 1e-5;

function randomPad(rand: () => number): Pad {
  const kind = randomInt(rand, 0, 2);
  if (kind === 0) return "same";
  if (kind === 1) return "valid";
  const p = () => randomInt(rand, 0, 2);
  return [[0, 0], [p(), p()], [p(), p()], [0, 0]];
}

export function randomCase(rand: () => number): Case {
  const [b, h, w] = [randomInt(rand, 1, 3), randomInt(rand, 1, 9), randomInt(rand, 1, 12)];
  const [c, co] = [randomInt(rand, 1, 5), randomInt(rand, 1, 6)];
  const [kh, kw] = [randomInt(rand, 1, Math.min(4, h)), randomInt(rand, 1, Math.min(4, w))];
  return {
    xShape: [b, h, w, c],
    filterShape: [kh, kw, c, co],
    strides: [randomInt(rand, 1, 3), randomInt(rand, 1, 3)],
    pad: randomPad(rand),
  };
}

export function outShape(k: Case, dilations: [number, number] = [1, 1]): Case["xShape"] {
  return tf.backend_util.computeConv2DInfo(k.xShape, k.filterShape, k.strides, dilations, k.pad).outShape;
}
