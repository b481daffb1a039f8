/**
 * Whole-body HTTP(S) downloads into memory with redirects, an idle timeout and a
 * truncation check. Dataset files are at most tens of MB, and keeping the body in memory
 * means nothing touches the disk until the caller has verified it.
 */
import * as http from "http";
import * as https from "https";

export interface DownloadOptions {
  /** Give up when the connection is idle this long (ms). */
  timeoutMs?: number;
  maxRedirects?: number;
}

/** `network`: no answer at all (offline, refused, timed out); `http`: a non-200 status; `truncated`: body cut off. */
export type DownloadFailure = "network" | "http" | "truncated";

export class DownloadError extends Error {
  constructor(readonly url: string, readonly failure: DownloadFailure, detail: string) {
    super(`${url}: ${detail}`);
    this.name = "DownloadError";
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function download(url: string, options: DownloadOptions = {}): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 5;
  let current = url;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const response = await get(current, timeoutMs);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(status) && location) {
      response.resume();
      current = new URL(location, current).toString();
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new DownloadError(current, "http", `HTTP ${status} ${response.statusMessage ?? ""}`.trim());
    }
    return readBody(response, current);
  }
  throw new DownloadError(url, "http", `more than ${maxRedirects} redirects`);
}

function get(url: string, timeoutMs: number): Promise<http.IncomingMessage> {
  const client = new URL(url).protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, resolve);
    // The socket timeout also covers a body that stalls half-way: the response then errors.
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no data for ${timeoutMs} ms`)));
    request.on("error", (error) => reject(new DownloadError(url, "network", error.message)));
  });
}

async function readBody(response: http.IncomingMessage, url: string): Promise<Buffer> {
  const expected = Number(response.headers["content-length"] ?? NaN);
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
      received += (chunk as Buffer).length;
    }
  } catch (error) {
    throw new DownloadError(url, "truncated", `connection lost after ${describeBytes(received, expected)} (${(error as Error).message})`);
  }
  if (Number.isFinite(expected) && received !== expected) {
    throw new DownloadError(url, "truncated", `body ended after ${describeBytes(received, expected)}`);
  }
  return Buffer.concat(chunks, received);
}

function describeBytes(received: number, expected: number): string {
  return Number.isFinite(expected) ? `${received} of ${expected} bytes` : `${received} bytes`;
}
