/**
 * A tiny loader for the WISDM transformed ARFF, just for these tests (the project's ARFF
 * parser lives elsewhere). Drops UNIQUE_ID and user, as the paper's Weka runs did;
 * `?` becomes NaN.
 */
import { readFileSync } from "fs";
import { join } from "path";

/** The transformed ARFF shipped in the repository (data/wisdm/). */
export const WISDM_ARFF = join(__dirname, "..", "..", "..", "..", "data", "wisdm", "WISDM_ar_v1.1_transformed.arff");
export const WISDM_CLASSES = ["Walking", "Jogging", "Upstairs", "Downstairs", "Sitting", "Standing"];

export interface WisdmTable {
  attributes: string[];
  X: number[][];
  y: number[];
}

export function loadWisdm(path = WISDM_ARFF): WisdmTable {
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  const attributes = lines
    .filter((line) => /^@attribute/i.test(line))
    .map((line) => line.split(/\s+/)[1].replace(/"/g, ""))
    .slice(2, -1);
  const dataStart = lines.findIndex((line) => /^@data/i.test(line)) + 1;
  const X: number[][] = [];
  const y: number[] = [];
  for (const line of lines.slice(dataStart)) {
    if (line.trim() === "") continue;
    const fields = line.split(",");
    X.push(fields.slice(2, -1).map((field) => (field === "?" ? NaN : Number(field))));
    y.push(WISDM_CLASSES.indexOf(fields[fields.length - 1].trim()));
  }
  return { attributes, X, y };
}
