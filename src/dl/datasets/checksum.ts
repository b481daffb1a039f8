/**
 * Content checksums for dataset files. Two kinds, because the sources publish two:
 * SHA-256 (MNIST, as Keras lists it) and git blob ids (the WISDM raw file, whose only
 * stable fingerprint is the id of the blob in the repositories that carry it).
 */
import { createHash } from "crypto";

/** Exactly one of the two; the `?: undefined` halves let callers pass it as flat options. */
export type Checksum = { sha256: string; gitBlobSha1?: undefined } | { gitBlobSha1: string; sha256?: undefined };

export function sha256Hex(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The id git gives a file: sha1 of "blob <size>\0" followed by the content. */
export function gitBlobSha1Hex(data: Uint8Array): string {
  return createHash("sha1").update(`blob ${data.length}\0`).update(data).digest("hex");
}

export function checksumKind(checksum: Checksum): string {
  return checksum.sha256 !== undefined ? "sha256" : "git blob sha1";
}

function expectedHex(checksum: Checksum): string {
  return (checksum.sha256 ?? checksum.gitBlobSha1).toLowerCase();
}

function actualHex(checksum: Checksum, data: Uint8Array): string {
  return checksum.sha256 !== undefined ? sha256Hex(data) : gitBlobSha1Hex(data);
}

export class ChecksumMismatchError extends Error {
  constructor(
    readonly file: string,
    readonly kind: string,
    readonly expected: string,
    readonly actual: string,
    advice: string,
  ) {
    super(`${file} has ${kind} ${actual}, expected ${expected}. ${advice}`);
    this.name = "ChecksumMismatchError";
  }
}

/** Throws a ChecksumMismatchError naming both hashes and `advice` (what the user should do). */
export function verifyChecksum(data: Uint8Array, checksum: Checksum, file: string, advice: string): void {
  const expected = expectedHex(checksum);
  const actual = actualHex(checksum, data);
  if (actual !== expected) throw new ChecksumMismatchError(file, checksumKind(checksum), expected, actual, advice);
}
