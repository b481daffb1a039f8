/**
 * Decodes PNG bytes with fast-png. fast-png 8 is ESM-only, which jest on Node 20 cannot load, so
 * the decoding runs in a child Node process (where require() of ESM works).
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

export interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  depth: number;
  data: number[];
}

const SCRIPT = `
const { decode } = require("fast-png");
const chunks = [];
process.stdin.on("data", (c) => chunks.push(c)).on("end", () => {
  const png = decode(Buffer.concat(chunks));
  process.stdout.write(JSON.stringify({ width: png.width, height: png.height, channels: png.channels, depth: png.depth, data: Array.from(png.data) }));
});`;

export function decodeWithFastPng(png: Uint8Array): DecodedPng {
  const out = execFileSync(process.execPath, ["--no-warnings", "-e", SCRIPT], { input: Buffer.from(png), cwd: resolve(__dirname, "../..") });
  return JSON.parse(out.toString()) as DecodedPng;
}

export function hasPngSignature(png: Uint8Array): boolean {
  return Buffer.from(png.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}
