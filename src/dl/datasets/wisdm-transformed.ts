/**
 * The WISDM v1.1 "transformed" dataset: 5,418 ten-second windows of phone accelerometer data,
 * each summarised by 43 hand-made features (Kwapisz, Weiss and Moore 2010), with the user and
 * the activity. It ships with tsdl in data/wisdm/ together with the WISDM Lab's readme.txt,
 * which their redistribution terms require. Where the file and its about file disagree, the
 * file wins: XPEAK, YPEAK and ZPEAK have 615 missing values (`?`, NaN here) although the about
 * file says "None", and every class has one example fewer than the about file counts (5,418 in
 * all, not 5,424).
 */
import { existsSync, readFileSync } from "fs";
import { readFile } from "fs/promises";
import { dirname, join } from "path";
import type { DataFrame } from "danfojs-node";
import { ArffData, arffToDataFrame, nominalCodes, parseArff } from "../data/arff";
import { verifyChecksum } from "./checksum";

export const TRANSFORMED_FILE_NAME = "WISDM_ar_v1.1_transformed.arff";
export const TRANSFORMED_SHA256 = "b083abfe759dea1b8f5eae01f2bef135bbecb25246c8d1eb52afdbfadd3e883a";

/** Attributes that are not features: a row id and the user (excluded as in the paper), the label. */
const NON_FEATURES = new Set(["UNIQUE_ID", "user", "class"]);

export interface TransformedFeatures {
  /** One row of 43 features per example; NaN where XPEAK, YPEAK or ZPEAK is missing. */
  features: number[][];
  featureNames: string[];
  /** Index into classNames per example. */
  labels: Int32Array;
  /** The activities in the file's declaration order: Walking, Jogging, Upstairs, Downstairs, Sitting, Standing. */
  classNames: string[];
  /** The user id (1-36) per example, for splitting by user. */
  users: Int32Array;
}

/** data/wisdm in the package, found from this file whether it runs from src/ (ts-jest) or dist/. */
export function wisdmDataDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && isTsdlPackage(join(dir, "package.json"))) return join(dir, "data", "wisdm");
    if (dirname(dir) === dir) throw new Error(`tsdl's package root was not found above ${__dirname}`);
  }
}

function isTsdlPackage(packageJson: string): boolean {
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { name?: string }).name === "tsdl";
}

/**
 * The shipped ARFF, parsed after checking its SHA-256 (a few ms for its 1.2 MB).
 * @param dir another folder holding the same file.
 */
export async function readTransformedArff(dir = wisdmDataDir()): Promise<ArffData> {
  const path = join(dir, TRANSFORMED_FILE_NAME);
  const bytes = await readFile(path);
  verifyChecksum(bytes, { sha256: TRANSFORMED_SHA256 }, path, "The copy shipped with tsdl is damaged: restore data/wisdm from the tsdl package or repository.");
  return parseArff(bytes.toString("utf8"), path);
}

/** All 46 attributes as a DataFrame: UNIQUE_ID, user (text), the 43 features, class (text). */
export async function loadTransformed(): Promise<DataFrame> {
  return arffToDataFrame(await readTransformedArff());
}

/** The form model code wants: feature rows, integer labels, users. */
export async function loadTransformedFeatures(): Promise<TransformedFeatures> {
  return toFeatures(await readTransformedArff());
}

export function toFeatures(data: ArffData): TransformedFeatures {
  const featureNames = data.names.filter((name) => !NON_FEATURES.has(name));
  const featureColumns = featureNames.map((name) => data.columns[name] as Float64Array);
  const features = Array.from({ length: data.rowCount }, (_, row) => featureColumns.map((column) => column[row]));
  const classAttribute = data.attributes.find((attribute) => attribute.name === "class");
  const users = Int32Array.from(data.columns.user as Array<string | null>, (user) => Number(user));
  return { features, featureNames, labels: nominalCodes(data, "class"), classNames: classAttribute?.values ?? [], users };
}
