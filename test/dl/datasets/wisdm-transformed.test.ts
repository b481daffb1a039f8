import * as tf from "@tensorflow/tfjs";
import { createHash } from "crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ArffData } from "../../../src/dl/data/arff";
import {
  loadTransformed,
  readTransformedArff,
  toFeatures,
  TRANSFORMED_FILE_NAME,
  TRANSFORMED_SHA256,
  wisdmDataDir,
} from "../../../src/dl/datasets/wisdm-transformed";

const dir = wisdmDataDir();
const read = (name: string) => readFileSync(join(dir, name));

/** What the file actually holds: one example per class fewer than the about file's counts. */
const CLASS_COUNTS = { Walking: 2081, Jogging: 1625, Upstairs: 632, Downstairs: 528, Sitting: 306, Standing: 246 };

describe("the shipped WISDM files", () => {
  test("match SHA256SUMS, which lists the ARFF, the readme and both about files", () => {
    const sums = read("SHA256SUMS").toString("utf8").trim().split("\n").map((line) => line.split(/\s+\*?/));
    expect(sums.map(([, name]) => name).sort()).toEqual(
      ["WISDM_ar_v1.1_raw_about.txt", "WISDM_ar_v1.1_trans_about.txt", TRANSFORMED_FILE_NAME, "readme.txt"].sort(),
    );
    for (const [hash, name] of sums) expect([name, createHash("sha256").update(read(name)).digest("hex")]).toEqual([name, hash]);
    expect(sums.find(([, name]) => name === TRANSFORMED_FILE_NAME)?.[0]).toBe(TRANSFORMED_SHA256);
  });

  test("the readme with the redistribution request ships with the data", () => {
    expect(read("readme.txt").toString("utf8")).toContain("this readme.txt file is always included");
  });

  test("a damaged copy is refused with both hashes named", async () => {
    const damaged = mkdtempSync(join(tmpdir(), "tsdl-wisdm-"));
    try {
      const bytes = read(TRANSFORMED_FILE_NAME);
      bytes[bytes.length - 3] ^= 1;
      writeFileSync(join(damaged, TRANSFORMED_FILE_NAME), bytes);
      await expect(readTransformedArff(damaged)).rejects.toThrow(new RegExp(`sha256 [0-9a-f]{64}, expected ${TRANSFORMED_SHA256}.*damaged`));
      copyFileSync(join(dir, TRANSFORMED_FILE_NAME), join(damaged, TRANSFORMED_FILE_NAME));
      await expect(readTransformedArff(damaged)).resolves.toMatchObject({ rowCount: 5418 });
    } finally {
      rmSync(damaged, { recursive: true, force: true });
    }
  });
});

describe("the transformed ARFF", () => {
  let data: ArffData;
  beforeAll(async () => {
    data = await readTransformedArff();
  });

  test("5,418 rows of UNIQUE_ID, user, 43 features and class", () => {
    expect(data.rowCount).toBe(5418);
    expect(data.names).toHaveLength(46);
    expect(data.names.slice(0, 2)).toEqual(["UNIQUE_ID", "user"]);
    expect(data.names[45]).toBe("class");
  });

  test("class counts: the file's, each one below the about file's", () => {
    const classes = data.attributes[45].values as string[];
    expect(classes).toEqual(Object.keys(CLASS_COUNTS));
    const counts = Object.fromEntries(classes.map((name) => [name, 0]));
    for (const label of data.columns.class as string[]) counts[label]++;
    expect(counts).toEqual(CLASS_COUNTS);

    const about = read("WISDM_ar_v1.1_trans_about.txt").toString("utf8");
    const aboutCounts = Object.fromEntries(
      [...about.matchAll(/(\w+) -> ([\d,]+) ->/g)].map(([, name, count]) => [name, Number(count.replace(",", ""))]),
    );
    expect(Object.fromEntries(classes.map((name) => [name, aboutCounts[name] - 1]))).toEqual(CLASS_COUNTS);
    expect(about).toContain("Number of examples: 5,424");
  });

  test("only XPEAK, YPEAK and ZPEAK have missing values", () => {
    const missing = Object.fromEntries(
      data.names.map((name) => [name, Array.from(data.columns[name] as ArrayLike<unknown>).filter((v) => v === null || Number.isNaN(v)).length]),
    );
    expect(Object.fromEntries(Object.entries(missing).filter(([, count]) => count > 0))).toEqual({ XPEAK: 381, YPEAK: 131, ZPEAK: 103 });
  });

  test("toFeatures: 43 features without UNIQUE_ID and user, integer labels, users 1-36", () => {
    const { features, featureNames, labels, classNames, users } = toFeatures(data);
    expect(featureNames).toHaveLength(43);
    expect(featureNames).not.toContain("UNIQUE_ID");
    expect(featureNames).not.toContain("user");
    expect(featureNames.slice(0, 2)).toEqual(["X0", "X1"]);
    expect(featureNames[42]).toBe("RESULTANT");
    expect(features).toHaveLength(5418);
    expect(features[0].slice(0, 3)).toEqual([0.04, 0.09, 0.14]);
    expect(features[0][42]).toBe(11.96);
    expect(classNames[labels[0]]).toBe("Jogging");
    expect(labels[3]).toBe(classNames.indexOf("Walking"));
    expect(users[0]).toBe(33);
    expect(new Set(users).size).toBe(36);
    expect(Math.min(...users)).toBe(1);
    expect(Math.max(...users)).toBe(36);
  });
});

describe("loadTransformed", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  test("gives a 5,418 x 46 DataFrame", async () => {
    const df = await loadTransformed();
    expect(df.shape).toEqual([5418, 46]);
    expect(df.columns[45]).toBe("class");
    expect(df.dtypes[1]).toBe("string");
    expect(df.dtypes[2]).toBe("float32");
    expect(df.column("XPEAK").isNa().sum()).toBe(381);
  });
});
