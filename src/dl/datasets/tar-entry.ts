/** One file out of a (gzipped) tarball held in memory, found by its base name. */
import * as path from "path";
import { Parser, ReadEntry } from "tar";

export function extractTarEntry(archive: Buffer, baseName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const seen: string[] = [];
    let found = false;
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        seen.push(entry.path);
        if (found || path.posix.basename(entry.path) !== baseName) return entry.resume();
        found = true;
        entry.on("data", (chunk: Buffer) => chunks.push(chunk));
      },
    });
    parser.on("error", (error: Error) => reject(new Error(`cannot read the tarball (${error.message}); it is truncated or not a tar file`)));
    parser.on("end", () => {
      if (found) resolve(Buffer.concat(chunks));
      else reject(new Error(`the tarball has no ${baseName} (entries: ${seen.join(", ") || "none"})`));
    });
    parser.end(archive);
  });
}
