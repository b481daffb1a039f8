/**
 * im2col in the transposed layout the filter gradient needs:
 * patchesT[(kh, kw, ci), (b, oh, ow)] = x[b, oh*sh - top + kh*dh, ow*sw - left + kw*dw, ci]
 * (zero where the tap falls in the padding). With it, the filter gradient is
 * the plain product patchesT · dy, which XNNPACK runs fast; a transposed
 * product would fall to the wasm backend's naive loop.
 */
import { ConvInfo, outputPositions } from "./conv-geometry";

export function writeTransposedPatches(x: Float32Array, c: ConvInfo, out: Float32Array): void {
  const columns = outputPositions(c);
  let row = 0;
  for (let kh = 0; kh < c.filterHeight; kh++) {
    for (let kw = 0; kw < c.filterWidth; kw++) {
      for (let ci = 0; ci < c.inChannels; ci++, row++) {
        writePatchRow(x, c, kh, kw, ci, out, row * columns);
      }
    }
  }
}

function writePatchRow(x: Float32Array, c: ConvInfo, kh: number, kw: number, ci: number, out: Float32Array, start: number): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = c;
  const colStep = strideWidth * inChannels;
  const firstCol = kw * c.dilationWidth - c.padInfo.left;
  const [owBegin, owEnd] = validOutputRange(firstCol, strideWidth, inWidth, outWidth);
  let o = start;
  for (let b = 0; b < c.batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++, o += outWidth) {
      const ih = oh * strideHeight - c.padInfo.top + kh * c.dilationHeight;
      out.fill(0, o, o + outWidth);
      if (ih < 0 || ih >= inHeight) continue;
      let xi = ((b * inHeight + ih) * inWidth + firstCol + owBegin * strideWidth) * inChannels + ci;
      for (let ow = owBegin; ow < owEnd; ow++, xi += colStep) out[o + ow] = x[xi];
    }
  }
}

/** Output columns ow whose input column first + ow*stride lies inside [0, width); empty if none. */
function validOutputRange(first: number, stride: number, width: number, outWidth: number): [number, number] {
  const begin = Math.min(outWidth, first >= 0 ? 0 : Math.ceil(-first / stride));
  const end = Math.max(begin, Math.min(outWidth, Math.floor((width - 1 - first) / stride) + 1));
  return [begin, end];
}
