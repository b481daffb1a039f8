/** Naive float64 filter gradient of an NHWC conv2d, with dilations (tfjs's cpu kernel has none). */
export interface NaiveConv {
  x: Float32Array;
  xShape: [number, number, number, number];
  dy: Float32Array;
  dyShape: [number, number, number, number];
  filterSize: [number, number];
  strides: [number, number];
  dilations: [number, number];
  padTopLeft: [number, number];
}

type Geometry = Omit<NaiveConv, "x" | "dy">;

/**
 * Visits every (output position, filter tap) pair whose input pixel lies inside the image: the
 * index set both gradients sum over, given as flat offsets of x (channel 0), dy and the tap.
 */
function forEachTap(p: Geometry, visit: (xAt: number, dyAt: number, tapAt: number) => void): void {
  const [B, H, W, C] = p.xShape;
  const [, OH, OW, CO] = p.dyShape;
  const [KH, KW] = p.filterSize;
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let kh = 0; kh < KH; kh++)
          for (let kw = 0; kw < KW; kw++) {
            const ih = oh * p.strides[0] - p.padTopLeft[0] + kh * p.dilations[0];
            const iw = ow * p.strides[1] - p.padTopLeft[1] + kw * p.dilations[1];
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
            visit(((b * H + ih) * W + iw) * C, ((b * OH + oh) * OW + ow) * CO, (kh * KW + kw) * C * CO);
          }
}

export function naiveFilterGrad(p: NaiveConv): Float64Array {
  const [, , , C] = p.xShape;
  const [, , , CO] = p.dyShape;
  const dW = new Float64Array(p.filterSize[0] * p.filterSize[1] * C * CO);
  forEachTap(p, (xAt, dyAt, tapAt) => {
    for (let ci = 0; ci < C; ci++)
      for (let co = 0; co < CO; co++) dW[tapAt + ci * CO + co] += p.x[xAt + ci] * p.dy[dyAt + co];
  });
  return dW;
}

/** Naive float64 input gradient of the same convolution (dy · W scattered back). */
export function naiveInputGrad(p: Omit<NaiveConv, "x">, filter: Float32Array, inChannels: number): Float64Array {
  const [B, H, W] = p.xShape;
  const C = inChannels;
  const [, , , CO] = p.dyShape;
  const dx = new Float64Array(B * H * W * C);
  forEachTap({ ...p, xShape: [B, H, W, C] }, (xAt, dyAt, tapAt) => {
    for (let ci = 0; ci < C; ci++)
      for (let co = 0; co < CO; co++) dx[xAt + ci] += filter[tapAt + ci * CO + co] * p.dy[dyAt + co];
  });
  return dx;
}
