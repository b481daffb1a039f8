import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { create as createTar } from "tar";
import { NumberSyntax, ParsedNumber, parseNumber } from "../../../src/dl/data/parse-number";
import { gitBlobSha1Hex } from "../../../src/dl/datasets/checksum";
import { binFractions, peakTimeMs } from "../../../src/dl/datasets/wisdm-features";
import {
  ACTIVITIES,
  FEATURE_NAMES,
  features,
  loadRaw,
  parseRaw,
  segment,
  syntheticRaw,
  toDataFrame,
  WisdmRaw,
} from "../../../src/dl/datasets/wisdm-raw";

const FIXTURES = path.join(__dirname, "../../fixtures/wisdm");
const DEFECTS = path.join(FIXTURES, "defects.txt");
const parseText = (text: string) => parseRaw(Buffer.from(text, "latin1"));

describe("parsing the raw format", () => {
  test("reads every valid record of a file with the real file's defects and reports the rest", async () => {
    const raw = await loadRaw({ path: DEFECTS });
    expect(raw.length).toBe(6);
    expect(Array.from(raw.user)).toEqual([33, 33, 33, 1, 33, 11]);
    expect(Array.from(raw.activity, (code) => raw.activityNames[code])).toEqual(["Jogging", "Jogging", "Jogging", "Walking", "Jogging", "Walking"]);
    expect(raw.timestamp[3]).toBe(4991922345000);
    expect(raw.x[0]).toBe(Math.fround(-0.6946377));
    expect(raw.z[2]).toBe(Math.fround(-0.08172209));
    expect(raw.z[4]).toBe(Math.fround(3.0237172));
    expect(raw.report.skipped).toEqual({ fieldCount: 1, emptyField: 2, badNumber: 1, unknownActivity: 1 });
    expect(raw.report.skippedTotal).toBe(5);
    expect(raw.report.joinedRecords).toBe(1);
    expect(raw.report.trailingCommas).toBe(1);
    expect(raw.report.examples[0]).toEqual({ line: 5, reason: "emptyField", text: "11,Walking,1867172313000,4.4,4.4," });
    expect(raw.report.examples.map((e) => e.line)).toEqual([5, 6, 7, 8, 9]);
    expect(raw.file).toBe(DEFECTS);
  });

  test("handles CRLF, exponents, signs and a missing final newline", () => {
    const raw = parseRaw(readFileSync(path.join(FIXTURES, "crlf-no-final-newline.txt")));
    expect(raw.length).toBe(3);
    expect(raw.y[0]).toBe(Math.fround(-0.025));
    expect(raw.z[2]).toBe(1);
    expect(raw.report.skippedTotal).toBe(0);
  });

  test("ignores blank records and surrounding blanks", () => {
    const raw = parseText("\n ;;\n 5,Upstairs,1,2,3,4 ;  \n\n");
    expect(raw.length).toBe(1);
    expect(raw.activityNames[raw.activity[0]]).toBe("Upstairs");
    expect(raw.report.skippedTotal).toBe(0);
  });

  test("numbers parse exactly as Number() does", () => {
    const bytes = (s: string) => Buffer.from(s, "latin1");
    const out: ParsedNumber = { value: 0, syntax: NumberSyntax.NotANumber };
    const parse = (s: string) => (parseNumber(bytes(s), 0, s.length, out), out.value);
    for (const text of ["0", "-0.0", "12.680544", "1.2E-4", "-3e+2", "+7", ".5", "5.", "49105962326000", "1.23456789012345678"]) {
      expect(parse(text)).toBe(Number(text));
    }
    for (const bad of ["", "-", "1.2.3", "1e", "e5", "NaN", "1,5", "0x10"]) expect(parse(bad)).toBeNaN();
    let seed = 7;
    const mismatches: string[] = [];
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 48271) % 2147483647;
      const text = ((seed / 2147483647 - 0.5) * 40).toPrecision(1 + (seed % 9));
      if (parse(text) !== Number(text)) mismatches.push(text);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("loading from the cache or a download", () => {
  const rawFixture = readFileSync(path.join(FIXTURES, "release/WISDM_ar_v1.1/WISDM_ar_v1.1_raw.txt"));
  const blob = gitBlobSha1Hex(rawFixture);
  let tarball: Buffer;
  let server: http.Server;
  let base: string;
  let cacheDir: string;
  const hits: string[] = [];

  beforeAll(async () => {
    const chunks: Buffer[] = [];
    const pack = createTar({ gzip: true, cwd: path.join(FIXTURES, "release"), portable: true }, ["WISDM_ar_v1.1"]);
    for await (const chunk of pack) chunks.push(chunk as Buffer);
    tarball = Buffer.concat(chunks);
    server = http.createServer((request, response) => {
      hits.push(request.url ?? "");
      if (request.url === "/latest.tar.gz") response.end(tarball);
      else if (request.url === "/cut.tar.gz") response.end(tarball.subarray(0, tarball.length >> 1));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), "tsdl-wisdm-test-"));
    hits.length = 0;
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  test("extracts the raw file from the tarball into the cache, verified, then reuses it", async () => {
    const raw = await loadRaw({ dataDir: cacheDir, url: `${base}/latest.tar.gz`, gitBlobSha1: blob });
    expect(raw.length).toBe(6);
    expect(raw.file).toBe(path.join(cacheDir, "wisdm", "WISDM_ar_v1.1_raw.txt"));
    expect(readFileSync(raw.file).equals(rawFixture)).toBe(true);
    await loadRaw({ dataDir: cacheDir, url: `${base}/latest.tar.gz`, gitBlobSha1: blob });
    expect(hits).toEqual(["/latest.tar.gz"]);
  });

  test("takes the tarball URL from TSDL_WISDM_URL", async () => {
    process.env.TSDL_WISDM_URL = `${base}/latest.tar.gz`;
    try {
      expect((await loadRaw({ dataDir: cacheDir, gitBlobSha1: blob })).length).toBe(6);
    } finally {
      delete process.env.TSDL_WISDM_URL;
    }
  });

  test("a truncated tarball, a wrong file or no network say what to do", async () => {
    const dir = path.join(cacheDir, "wisdm");
    await expect(loadRaw({ dataDir: cacheDir, url: `${base}/cut.tar.gz`, gitBlobSha1: blob })).rejects.toThrow(
      /cannot read the tarball[\s\S]*Place WISDM_ar_v1\.1_raw\.txt in/,
    );
    const wrong = loadRaw({ dataDir: cacheDir, url: `${base}/latest.tar.gz` });
    await expect(wrong).rejects.toThrow(`has git blob sha1 ${blob}, expected f448b1ec15898a77f47f49d85e98ae1bde83185c`);
    await expect(loadRaw({ dataDir: cacheDir, url: "http://127.0.0.1:1/latest.tar.gz" })).rejects.toThrow(
      `Place WISDM_ar_v1.1_raw.txt in ${dir} (the tsdl data cache: $TSDL_DATA_DIR, default ~/.cache/tsdl; or, for every user of a shared server, in a folder listed in $TSDL_DATA_PATH) or run with network access.`,
    );
  });

  test("verifies a given path only when asked", async () => {
    await expect(loadRaw({ path: DEFECTS, gitBlobSha1: "0".repeat(40) })).rejects.toThrow("expected 0000000000");
    expect((await loadRaw({ path: DEFECTS, gitBlobSha1: blob })).length).toBe(6);
  });
});

describe("synthetic data", () => {
  test("is seeded, in the raw format, and parses back whole", () => {
    const text = syntheticRaw({ seed: 3, users: 2, samplesPerActivity: 50 });
    expect(syntheticRaw({ seed: 3, users: 2, samplesPerActivity: 50 })).toBe(text);
    expect(syntheticRaw({ seed: 4, users: 2, samplesPerActivity: 50 })).not.toBe(text);
    expect(text.split("\n")[0]).toMatch(/^1,Walking,\d+,-?[\d.]+(E-?\d+)?,-?[\d.]+(E-?\d+)?,-?[\d.]+(E-?\d+)?;$/i);
    const raw = parseText(text);
    expect(raw.length).toBe(2 * 6 * 50);
    expect(raw.report.skippedTotal).toBe(0);
  });

  test("can carry the real file's defects", () => {
    const raw = parseText(syntheticRaw({ seed: 5, samplesPerActivity: 200, defectRate: 0.05 }));
    const { report } = raw;
    expect(report.joinedRecords).toBeGreaterThan(0);
    expect(report.trailingCommas).toBeGreaterThan(0);
    expect(report.skipped.emptyField).toBeGreaterThan(0);
    expect(raw.length + report.skippedTotal).toBe(3 * 6 * 200);
  });
});

/** Parsed data with one user and activity per run and the given timestamps (ms). */
function rawWithTimes(runs: { user: number; activity: number; timesMs: number[] }[]): WisdmRaw {
  const rows = runs.flatMap((run) => run.timesMs.map((ms) => ({ ...run, ns: ms * 1e6 })));
  const n = rows.length;
  return {
    ...parseText(""),
    length: n,
    user: Int32Array.from(rows, (r) => r.user),
    activity: Uint8Array.from(rows, (r) => r.activity),
    timestamp: Float64Array.from(rows, (r) => r.ns),
    x: Float32Array.from(rows, (_, i) => i),
    y: new Float32Array(n),
    z: new Float32Array(n),
  };
}
const every50ms = (count: number, fromMs = 0) => Array.from({ length: count }, (_, i) => fromMs + 50 * i);

describe("segment", () => {
  const raw = rawWithTimes([
    { user: 1, activity: 0, timesMs: every50ms(450) },
    { user: 1, activity: 1, timesMs: every50ms(450, 30_000) },
    { user: 2, activity: 1, timesMs: every50ms(250, 60_000) },
  ]);

  test("cuts windows per user and activity, never across a change", () => {
    const windows = segment(raw, { window: 200 });
    expect(windows.map((w) => [w.user, w.activityName, w.start])).toEqual([
      [1, "Walking", 0],
      [1, "Walking", 200],
      [1, "Jogging", 450],
      [1, "Jogging", 650],
      [2, "Jogging", 900],
    ]);
    expect(Array.from(windows[1].x.slice(0, 2))).toEqual([200, 201]);
    expect(windows.every((w) => w.x.length === 200 && w.timestamp.length === 200)).toBe(true);
  });

  test("overlapping windows with a step, and 5-s windows", () => {
    expect(segment(raw, { window: 200, step: 100 })).toHaveLength(3 + 3 + 1);
    expect(segment(raw, { window: 100 })).toHaveLength(4 + 4 + 2);
  });

  test("a timestamp gap or a clock running backwards ends a run, unless timestamps are ignored", () => {
    // 150 samples, a 12.5-s pause, 150 samples, then the clock restarts earlier for 300 samples.
    const gappy = rawWithTimes([{ user: 3, activity: 4, timesMs: [...every50ms(150), ...every50ms(150, 20_000), ...every50ms(300, 5_000)] }]);
    expect(segment(gappy).map((w) => w.start)).toEqual([300]);
    expect(segment(gappy, { maxGapMs: 30_000 }).map((w) => w.start)).toEqual([0, 300]);
    expect(segment(gappy, { maxGapMs: null }).map((w) => w.start)).toEqual([0, 200, 400]);
  });

  test("rejects nonsense sizes", () => {
    expect(() => segment(raw, { window: 0 })).toThrow("window must be a positive integer, got 0");
    expect(() => segment(raw, { step: 2.5 })).toThrow("step must be a positive integer, got 2.5");
  });
});

describe("features", () => {
  test("are named and ordered like the published ARFF", () => {
    const header = readFileSync(path.join(FIXTURES, "transformed-header.arff"), "latin1");
    const names = [...header.matchAll(/@attribute "([^"]+)" numeric/g)].map((m) => m[1]).filter((n) => n !== "UNIQUE_ID");
    expect(FEATURE_NAMES).toEqual(names);
    expect(FEATURE_NAMES).toHaveLength(43);
  });

  test("bins split the window's range into ten equal parts", () => {
    expect(binFractions([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual(new Array(10).fill(0.1));
    expect(binFractions([0, 0, 0, 10])).toEqual([0.75, 0, 0, 0, 0, 0, 0, 0, 0, 0.25]);
    expect(binFractions([2.5, 2.5])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  test("peak time: peaks within 10% of the maximum, sum of intervals over the number of peaks", () => {
    const series = (length: number, peaks: Record<number, number>) => Array.from({ length }, (_, i) => peaks[i] ?? 0);
    // 10, 9.5 and 9.2 are within 10% of 10; 5 is not: (12 - 2) * 50 ms / 3 peaks.
    expect(peakTimeMs(series(20, { 2: 10, 7: 9.5, 12: 9.2, 17: 5 }), 50)).toBeCloseTo(500 / 3, 10);
    // Only 10 is within 10%: the threshold drops to 7 (three steps) to admit 8.5 and 7.6, not 5.
    expect(peakTimeMs(series(20, { 2: 10, 5: 5, 9: 8.5, 15: 7.6 }), 50)).toBeCloseTo(650 / 3, 10);
    // All negative: 10% of |-5| is 0.5; -6 needs a second step; the plateau at -5 counts once.
    expect(peakTimeMs([-9, -5, -5, -9, -6, -9, -5.5, -9], 50)).toBeCloseTo((250 / 3), 10);
    expect(peakTimeMs([0, 1, 0, 0], 50)).toBeNaN();
    expect(peakTimeMs([1, 1, 1], 50)).toBeNaN();
  });

  test("the full vector of one window, computed by hand", () => {
    const window = { x: [1, 2, 3, 4], y: [4, 0, 0, 0], z: [0, 0, 0, 3] };
    const f = features(window);
    const at = (name: string) => f[FEATURE_NAMES.indexOf(name)];
    expect(f).toHaveLength(43);
    expect(Array.from(f.slice(0, 10))).toEqual([0.25, 0, 0, 0.25, 0, 0, 0.25, 0, 0, 0.25]);
    expect(Array.from(f.slice(10, 20))).toEqual([0.75, 0, 0, 0, 0, 0, 0, 0, 0, 0.25]);
    expect([at("XAVG"), at("YAVG"), at("ZAVG")]).toEqual([2.5, 1, 0.75]);
    expect([at("XPEAK"), at("YPEAK"), at("ZPEAK")]).toEqual([NaN, NaN, NaN]);
    expect([at("XABSOLDEV"), at("YABSOLDEV"), at("ZABSOLDEV")]).toEqual([1, 1.5, 1.125]);
    expect(at("XSTANDDEV")).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(at("YSTANDDEV")).toBeCloseTo(Math.sqrt(3), 12);
    expect(at("ZSTANDDEV")).toBeCloseTo(Math.sqrt(27 / 16), 12);
    expect(at("RESULTANT")).toBeCloseTo((Math.sqrt(17) + 2 + 3 + 5) / 4, 12);
  });

  test("run on segmented synthetic data", () => {
    const windows = segment(parseText(syntheticRaw({ seed: 9, users: 1, samplesPerActivity: 400 })));
    expect(windows).toHaveLength(12);
    const jogging = features(windows.find((w) => w.activityName === "Jogging")!);
    const sitting = features(windows.find((w) => w.activityName === "Sitting")!);
    const ystd = FEATURE_NAMES.indexOf("YSTANDDEV");
    expect(jogging[ystd]).toBeGreaterThan(4 * sitting[ystd]);
    // Jogging at 2.7 Hz: about 370 ms per step, and the peak time is of that order.
    expect(jogging[FEATURE_NAMES.indexOf("YPEAK")]).toBeGreaterThan(100);
  });
});

test("toDataFrame shows the columns with activity names", () => {
  const df = toDataFrame(parseRaw(readFileSync(DEFECTS)), 4);
  expect(df.shape).toEqual([4, 6]);
  expect(df.columns).toEqual(["user", "activity", "timestamp", "x", "y", "z"]);
  expect(df.column("activity").values).toEqual(["Jogging", "Jogging", "Jogging", "Walking"]);
  expect(ACTIVITIES).toHaveLength(6);
});
