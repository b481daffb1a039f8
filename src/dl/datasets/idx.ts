/**
 * Parser for the IDX format MNIST ships in: two zero bytes, a type byte, the number of
 * dimensions, each dimension as a big-endian uint32, then the values row-major.
 * Only unsigned bytes (type 0x08) are supported: that is all MNIST uses.
 */

export interface IdxArray {
  shape: number[];
  /** A view into the parsed buffer, not a copy. */
  data: Uint8Array;
}

export class IdxFormatError extends Error {
  constructor(name: string, problem: string) {
    super(`${name} is not a valid IDX file: ${problem}`);
    this.name = "IdxFormatError";
  }
}

const UNSIGNED_BYTE = 0x08;
const GZIP_MAGIC = [0x1f, 0x8b];

export function parseIdx(buffer: Uint8Array, name = "IDX data"): IdxArray {
  checkMagic(buffer, name);
  const shape = readShape(buffer, name);
  const headerBytes = 4 + 4 * shape.length;
  const expected = shape.reduce((product, size) => product * size, 1);
  const found = buffer.length - headerBytes;
  if (found !== expected) {
    const problem = found < expected ? "truncated" : "has trailing bytes";
    throw new IdxFormatError(name, `${problem}: shape [${shape}] needs ${expected} data bytes, found ${found}`);
  }
  return { shape, data: buffer.subarray(headerBytes) };
}

function checkMagic(buffer: Uint8Array, name: string): void {
  if (buffer.length < 4) throw new IdxFormatError(name, `only ${buffer.length} bytes, shorter than the 4-byte magic number`);
  if (buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1]) {
    throw new IdxFormatError(name, "it is gzip-compressed; gunzip it first");
  }
  if (buffer[0] !== 0 || buffer[1] !== 0) {
    const magic = Buffer.from(buffer.subarray(0, 4)).toString("hex");
    throw new IdxFormatError(name, `bad magic number 0x${magic} (an IDX file starts with two zero bytes)`);
  }
  if (buffer[2] !== UNSIGNED_BYTE) {
    throw new IdxFormatError(name, `element type 0x${buffer[2].toString(16)} is not supported (only 0x08, unsigned byte)`);
  }
}

function readShape(buffer: Uint8Array, name: string): number[] {
  const dimensions = buffer[3];
  if (buffer.length < 4 + 4 * dimensions) {
    throw new IdxFormatError(name, `truncated inside the header (${dimensions} dimensions announced)`);
  }
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return Array.from({ length: dimensions }, (_, i) => view.getUint32(4 + 4 * i, false));
}
