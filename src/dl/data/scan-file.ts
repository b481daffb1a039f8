/**
 * Streams a file through a scanner in chunks, reusing one buffer: the bytes the scanner leaves
 * (a record cut by the chunk boundary) move to the buffer's front and the next read follows
 * them. No per-chunk allocation, no concatenation, and never the whole file in memory.
 */
import { open } from "fs/promises";

/** Consumes complete units from `bytes` and returns how many bytes it consumed. */
export type Scanner = (bytes: Buffer, isLast: boolean) => number;

const CHUNK_BYTES = 1 << 20;

/** @param chunkBytes bytes per read; tests use tiny chunks to cut records everywhere. */
export async function scanFile(path: string, scan: Scanner, chunkBytes = CHUNK_BYTES): Promise<void> {
  const file = await open(path, "r");
  try {
    let buffer = Buffer.allocUnsafe(2 * chunkBytes);
    let filled = 0;
    for (;;) {
      if (buffer.length - filled < chunkBytes) buffer = enlarged(buffer, filled);
      const { bytesRead } = await file.read(buffer, filled, chunkBytes, null);
      filled += bytesRead;
      const isLast = bytesRead === 0;
      const consumed = scan(buffer.subarray(0, filled), isLast);
      if (isLast) return;
      buffer.copyWithin(0, consumed, filled);
      filled -= consumed;
    }
  } finally {
    await file.close();
  }
}

/** For a record longer than a chunk. */
function enlarged(buffer: Buffer, filled: number): Buffer {
  const larger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(larger, 0, 0, filled);
  return larger;
}
