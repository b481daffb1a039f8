/**
 * col2im: scatter-adds patch gradients back onto the input image.
 * dx[b, oh*sh - top + kh*dh, ow*sw - left + kw*dw, ci] += dPatches[(b, oh, ow), (kh, kw, ci)]
 * The innermost loop runs over channels, contiguous on both sides.
 */
import { ConvInfo, patchSize } from "./conv-geometry";

export function addPatchesToImage(dPatches: Float32Array, c: ConvInfo, dx: Float32Array): void {
  dx.fill(0);
  const k = patchSize(c);
  let row = 0;
  for (let b = 0; b < c.batchSize; b++) {
    for (let oh = 0; oh < c.outHeight; oh++) {
      for (let ow = 0; ow < c.outWidth; ow++, row += k) addPatch(dPatches, row, c, b, oh, ow, dx);
    }
  }
}

function addPatch(dPatches: Float32Array, row: number, c: ConvInfo, b: number, oh: number, ow: number, dx: Float32Array): void {
  const { inHeight, inWidth, inChannels } = c;
  for (let kh = 0; kh < c.filterHeight; kh++) {
    const ih = oh * c.strideHeight - c.padInfo.top + kh * c.dilationHeight;
    if (ih < 0 || ih >= inHeight) continue;
    for (let kw = 0; kw < c.filterWidth; kw++) {
      const iw = ow * c.strideWidth - c.padInfo.left + kw * c.dilationWidth;
      if (iw < 0 || iw >= inWidth) continue;
      const src = row + (kh * c.filterWidth + kw) * inChannels;
      const dst = ((b * inHeight + ih) * inWidth + iw) * inChannels;
      for (let ci = 0; ci < inChannels; ci++) dx[dst + ci] += dPatches[src + ci];
    }
  }
}
