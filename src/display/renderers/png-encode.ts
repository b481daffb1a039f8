/**
 * A minimal 8-bit PNG encoder (gray, RGB or RGBA; no filtering) on Node's zlib.
 *
 * Why not fast-png (a dependency): fast-png 8 is ESM-only with an `exports`-only package.json, so
 * this CommonJS build cannot resolve its types (TS2307 under `module: commonjs`) and jest on
 * Node 20 cannot load it ("Must use import to load ES Module"). Encoding is 40 lines; the tests
 * still decode our output with fast-png, in a child Node process.
 */
import { deflateSync } from "node:zlib";

export interface RawImage {
  width: number;
  height: number;
  /** 1 = gray, 3 = RGB, 4 = RGBA; row-major, 8 bits per channel. */
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE = { 1: 0, 3: 2, 4: 6 } as const;

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function header(image: RawImage): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr.set([8, COLOR_TYPE[image.channels], 0, 0, 0], 8); // depth, color type, compression, filter, interlace
  return ihdr;
}

/** Each scanline is prefixed with filter type 0 ("None"). */
function scanlines(image: RawImage): Buffer {
  const stride = image.width * image.channels;
  const out = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) out.set(image.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return out;
}

export function encodePng(image: RawImage): Uint8Array {
  if (image.data.length !== image.width * image.height * image.channels) {
    throw new Error(`encodePng: ${image.data.length} bytes for a ${image.width}x${image.height}x${image.channels} image`);
  }
  const parts = [SIGNATURE, chunk("IHDR", header(image)), chunk("IDAT", deflateSync(scanlines(image))), chunk("IEND", new Uint8Array(0))];
  return new Uint8Array(Buffer.concat(parts));
}
