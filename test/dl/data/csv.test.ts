import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CsvParseError, CsvTable, parseCsv, readCsv, SkippedLine } from "../../../src/dl/data/csv";
import { CsvRecordSplitter } from "../../../src/dl/data/csv-records";
import { TableSink } from "../../../src/dl/data/csv-table";
import { scanFile } from "../../../src/dl/data/scan-file";

const fixture = (name: string) => join(__dirname, "../../fixtures/csv", name);

function parseError(text: string, options = {}): CsvParseError {
  try {
    parseCsv(text, options);
  } catch (error) {
    if (error instanceof CsvParseError) return error;
    throw error;
  }
  throw new Error("expected a CsvParseError");
}

describe("parseCsv: types", () => {
  test("infers int32, float64 and string columns", () => {
    const table = parseCsv("i,f,s\n1,2.5,x\n-3,4,y\n");
    expect(table.names).toEqual(["i", "f", "s"]);
    expect(table.types).toEqual({ i: "int32", f: "float64", s: "string" });
    expect(table.columns.i).toEqual(Int32Array.from([1, -3]));
    expect(table.columns.f).toEqual(Float64Array.from([2.5, 4]));
    expect(table.columns.s).toEqual(["x", "y"]);
    expect(table.rowCount).toBe(2);
  });

  test("integers beyond int32 make a float column", () => {
    expect(parseCsv("n\n1\n3000000000\n").types.n).toBe("float64");
  });

  test("a column that turns to text later keeps every value's original text", () => {
    const table = parseCsv("code,v\n007,1.50\n12,x\n");
    expect(table.columns.code).toEqual(Int32Array.from([7, 12]));
    expect(table.columns.v).toEqual(["1.50", "x"]);
  });

  test("floatType float32 gives Float32Array columns", () => {
    expect(parseCsv("f\n0.1\n", { floatType: "float32" }).columns.f).toEqual(Float32Array.from([0.1]));
  });

  test("numbers equal Number(text) exactly, including long mantissas and exponents", () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");
    const texts = Array.from({ length: 3000 }, (_, i) => {
      const sign = ["", "-", "+"][i % 3];
      const fraction = i % 4 === 0 ? "" : `.${digits(1 + (i % 19))}`;
      const exponent = i % 5 === 0 ? `e${i % 2 ? "-" : ""}${Math.floor(random() * 40)}` : "";
      return `${sign}${digits(1 + (i % 21))}${fraction}${exponent}`;
    });
    texts.push(".5", "5.", "0.1", "1e308", "4.9e-324", "9007199254740993", "0.30000000000000004");
    const column = parseCsv(`x\n${texts.join("\n")}\n`).columns.x as Float64Array;
    const mismatches = texts.filter((text, i) => !Object.is(column[i], Number(text)));
    expect(mismatches).toEqual([]);
  });
});

describe("parseCsv: quoting, line ends, blank lines, missing values", () => {
  test("reads quoted commas, escaped quotes, newlines in quotes, CRLF, UTF-8 and NA", async () => {
    const table = await readCsv(fixture("quoted-crlf.csv"), { as: "columns" });
    expect(table.types).toEqual({ id: "int32", name: "string", score: "float64", comment: "string" });
    expect(table.columns.name).toEqual(["Smith, Anna", "Bob", "Chloé"]);
    expect(table.columns.comment).toEqual(['said "hi"', "two\r\nlines", "plain"]);
    expect(Array.from<unknown>(table.columns.score)).toEqual([3.5, NaN, NaN]);
  });

  test("a lone CR ends a line, a missing final newline is fine, a BOM is dropped", () => {
    const table = parseCsv("\uFEFFa,b\r1,2\r3,4");
    expect(table.names).toEqual(["a", "b"]);
    expect(table.columns.b).toEqual(Int32Array.from([2, 4]));
  });

  test("missing values: NaN in numbers (an int column becomes float), null in text", () => {
    const table = parseCsv("n,s,t\n1,,x\n,y,NULL\n3,z,\n");
    expect(table.types.n).toBe("float64");
    expect(Array.from<unknown>(table.columns.n)).toEqual([1, NaN, 3]);
    expect(table.columns.s).toEqual([null, "y", "z"]);
    expect(table.columns.t).toEqual(["x", null, null]);
  });

  test("custom missing tokens replace the defaults", () => {
    const table = parseCsv("a,b\n?,NA\n2,x\n", { missing: ["?"] });
    expect(Array.from<unknown>(table.columns.a)).toEqual([NaN, 2]);
    expect(table.columns.b).toEqual(["NA", "x"]);
  });

  test("header false numbers the columns; names replace them", () => {
    expect(parseCsv("1,2\n3,4\n", { header: false }).names).toEqual(["0", "1"]);
    const named = parseCsv("1,2\n3,4\n", { header: false, names: ["x", "y"] });
    expect(named.columns.y).toEqual(Int32Array.from([2, 4]));
    expect(named.rowCount).toBe(2);
  });

  test("other delimiters; a bad delimiter is refused", () => {
    expect(parseCsv("a;b\n1,5;2\n", { delimiter: ";" }).columns.a).toEqual(["1,5"]);
    expect(parseCsv("a\tb\n1\t2\n", { delimiter: "\t" }).columns.b).toEqual(Int32Array.from([2]));
    expect(() => parseCsv("a\n", { delimiter: "::" })).toThrow(/one ASCII character/);
  });

  test("a header-only file gives empty columns", () => {
    const table = parseCsv("a,b\n");
    expect(table.rowCount).toBe(0);
    expect(table.columns.a).toHaveLength(0);
  });
});

describe("parseCsv: malformed records", () => {
  test("wrong field counts name the 1-based physical line", () => {
    const error = parseError('a,b\n1,2\n\n"x\ny",2\n3\n');
    expect(error.line).toBe(6);
    expect(error.message).toBe("line 6: expected 2 fields, found 1");
    expect(parseError("a,b\n1,2,3\n").message).toBe("line 2: expected 2 fields, found 3");
  });

  test("quoting errors", () => {
    expect(parseError('a,b\n1,"2\n3,4\n').message).toBe("line 2: unterminated quote");
    expect(parseError('a,b\n1,"2"x\n').message).toBe("line 2: text after a closing quote");
  });

  test("errors from files name the file", async () => {
    await expect(readCsv(fixture("malformed.csv"))).rejects.toThrow(`${fixture("malformed.csv")}, line 3: expected 3 fields, found 2`);
  });

  test("duplicate header names are refused", () => {
    expect(parseError("a,a\n1,2\n").message).toBe('line 1: duplicate column name "a"');
  });

  test("skipMalformed skips and reports every bad record", async () => {
    const reports: SkippedLine[][] = [];
    const table = await readCsv(fixture("malformed.csv"), { as: "columns", skipMalformed: true, onSkipped: (s) => reports.push(s) });
    expect(table.columns.a).toEqual(Int32Array.from([1, 6]));
    const expected = [
      { line: 3, problem: "expected 3 fields, found 2" },
      { line: 5, problem: "expected 3 fields, found 4" },
      { line: 6, problem: "unterminated quote" },
    ];
    expect(table.skipped).toEqual(expected);
    expect(reports).toEqual([expected]);
  });

  test("without onSkipped, skipped records are reported with console.warn", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    parseCsv("a,b\n1\n2,3\n", { skipMalformed: true });
    expect(warn).toHaveBeenCalledWith("readCsv skipped 1 malformed record(s): line 2 (expected 2 fields, found 1)");
    warn.mockRestore();
  });

  test("a broken header is an error even with skipMalformed", () => {
    expect(parseError('"a,b\n1,2\n', { skipMalformed: true }).line).toBe(1);
  });
});

describe("streaming", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "tsdl-csv-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function readInChunks(path: string, chunkBytes: number): Promise<TableSink> {
    const sink = new TableSink({ skipMalformed: true, onSkipped: () => undefined }, path);
    const splitter = new CsvRecordSplitter(",".charCodeAt(0), sink);
    await scanFile(path, (bytes, isLast) => splitter.scan(bytes, isLast), chunkBytes);
    return sink;
  }

  test("records cut at every possible chunk boundary parse the same", async () => {
    const path = join(dir, "cut.csv");
    writeFileSync(path, '\uFEFFa,b,c\r\n1,"x,""y""",2.5\r\n\r\n3,"multi\nline",\r\n4,é,-1e3\r\n5,"open\n');
    const whole = await readInChunks(path, 1 << 20);
    for (const chunkBytes of [1, 2, 3, 5, 8, 13]) {
      const cut = await readInChunks(path, chunkBytes);
      expect(cut.columns()).toEqual(whole.columns());
      expect(cut.skipped).toEqual([{ line: 7, problem: "unterminated quote" }]);
    }
    expect(whole.columns()).toEqual([Int32Array.from([1, 3, 4]), ['x,"y"', "multi\nline", "é"], Float64Array.from([2.5, NaN, -1000])]);
  });
});

describe("readCsv: DataFrame", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  const danfo = () => require("danfojs-node") as typeof import("danfojs-node");

  test("gives the frame danfo's own constructor gives, with danfo dtypes", async () => {
    const df = await readCsv(fixture("quoted-crlf.csv"));
    const table: CsvTable = await readCsv(fixture("quoted-crlf.csv"), { as: "columns" });
    const rows = Array.from({ length: table.rowCount }, (_, r) => table.names.map((name) => table.columns[name][r]));
    const reference = new (danfo().DataFrame)(rows, { columns: table.names, dtypes: ["int32", "string", "float32", "string"] });
    expect(df.columns).toEqual(reference.columns);
    expect(df.dtypes).toEqual(reference.dtypes);
    expect(df.index).toEqual(reference.index);
    expect(df.values).toEqual(reference.values);
    expect(df.getColumnData).toEqual(reference.getColumnData);
    expect(df.config.isLowMemoryMode).toBe(false);
    expect(df.column("name").values).toEqual(["Smith, Anna", "Bob", "Chloé"]);
    expect(df.shape).toEqual([3, 4]);
  });

  test("danfo operations work on the frame", async () => {
    const df = await readCsv(fixture("malformed.csv"), { skipMalformed: true, onSkipped: () => undefined });
    expect(df.sum({ axis: 0 }).values).toEqual([7, 9, 11]);
    expect(df.query(df.column("a").gt(2)).shape).toEqual([1, 3]);
  });
});
