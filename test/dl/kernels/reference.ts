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

export function naiveFilterGrad(p: NaiveConv): Float64Array {
  const [B, H, W, C] = p.xShape;
  const [, OH, OW, CO] = p.dyShape;
  const [KH, KW] = p.filterSize;
  const dW = new Float64Array(KH * KW * C * CO);
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let kh = 0; kh < KH; kh++)
          for (let kw = 0; kw < KW; kw++) {
            const ih = oh * p.strides[0] - p.padTopLeft[0] + kh * p.dilations[0];
            const iw = ow * p.strides[1] - p.padTopLeft[1] + kw * p.dilations[1];
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
            for (let ci = 0; ci < C; ci++) {
              const xv = p.x[((b * H + ih) * W + iw) * C + ci];
              for (let co = 0; co < CO; co++) {
                dW[((kh * KW + kw) * C + ci) * CO + co] += xv * p.dy[((b * OH + oh) * OW + ow) * CO + co];
              }
            }
          }
  return dW;
}

/** Naive float64 input gradient of the same convolution (dy · W scattered back). */
export function naiveInputGrad(p: Omit<NaiveConv, "x">, filter: Float32Array, inChannels: number): Float64Array {
  const [B, H, W] = p.xShape;
  const C = inChannels;
  const [, OH, OW, CO] = p.dyShape;
  const [KH, KW] = p.filterSize;
  const dx = new Float64Array(B * H * W * C);
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let kh = 0; kh < KH; kh++)
          for (let kw = 0; kw < KW; kw++) {
            const ih = oh * p.strides[0] - p.padTopLeft[0] + kh * p.dilations[0];
            const iw = ow * p.strides[1] - p.padTopLeft[1] + kw * p.dilations[1];
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
            for (let ci = 0; ci < C; ci++)
              for (let co = 0; co < CO; co++) {
                dx[((b * H + ih) * W + iw) * C + ci] += filter[((kh * KW + kw) * C + ci) * CO + co] * p.dy[((b * OH + oh) * OW + ow) * CO + co];
              }
          }
  return dx;
}
