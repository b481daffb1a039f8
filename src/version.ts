/** tsdl's version, from package.json (one source of truth). */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const packageRoot = join(__dirname, "..");
export const version: string = (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
