import * as tf from "@tensorflow/tfjs";
import { ArffParseError, arffToDataFrame, nominalCodes, parseArff } from "../../../src/dl/data/arff";

const WEATHER = [
  "% The classic Weka example, with quirks",
  "@RELATION 'weather data'",
  "",
  "@attribute outlook {sunny, overcast, 'rainy day'}",
  "@attribute temperature real",
  "@attribute humidity INTEGER",
  '@attribute "wind speed" numeric',
  "@attribute note string",
  "@attribute when date \"yyyy-MM-dd\"",
  "@attribute play{ \"yes\" , \"no\" }",
  "",
  "@data",
  "sunny,85,85,3.5,'it\\'s hot',2024-01-01,no",
  "% a comment between rows",
  "overcast, 83 ,?,?,?,?,yes",
  "'rainy day',70.5,96,1e1,'?',?,? % trailing comment",
].join("\r\n");

function parseError(text: string): ArffParseError {
  try {
    parseArff(text, "test.arff");
  } catch (error) {
    if (error instanceof ArffParseError) return error;
    throw error;
  }
  throw new Error("expected an ArffParseError");
}

describe("parseArff", () => {
  const data = parseArff(WEATHER);

  test("reads the relation and the attributes with their types", () => {
    expect(data.relation).toBe("weather data");
    expect(data.attributes).toEqual([
      { name: "outlook", type: "nominal", values: ["sunny", "overcast", "rainy day"] },
      { name: "temperature", type: "real" },
      { name: "humidity", type: "integer" },
      { name: "wind speed", type: "numeric" },
      { name: "note", type: "string" },
      { name: "when", type: "date", dateFormat: "yyyy-MM-dd" },
      { name: "play", type: "nominal", values: ["yes", "no"] },
    ]);
    expect(data.names).toEqual(data.attributes.map((a) => a.name));
  });

  test("numeric columns are Float64Arrays with NaN for ?; others are text with null for ?", () => {
    expect(data.rowCount).toBe(3);
    expect(data.columns.temperature).toEqual(Float64Array.from([85, 83, 70.5]));
    expect(Array.from<unknown>(data.columns.humidity)).toEqual([85, NaN, 96]);
    expect(Array.from<unknown>(data.columns["wind speed"])).toEqual([3.5, NaN, 10]);
    expect(data.columns.note).toEqual(["it's hot", null, "?"]);
    expect(data.columns.when).toEqual(["2024-01-01", null, null]);
    expect(data.columns.outlook).toEqual(["sunny", "overcast", "rainy day"]);
    expect(data.types).toMatchObject({ temperature: "float64", outlook: "string" });
  });

  test("nominalCodes indexes the declared values, -1 where missing", () => {
    expect(nominalCodes(data, "play")).toEqual(Int32Array.from([1, 0, -1]));
    expect(() => nominalCodes(data, "temperature")).toThrow(/not a nominal attribute/);
  });

  test("errors name the line and the problem", () => {
    const header = "@relation r\n@attribute a numeric\n@attribute b {x,y}\n@data\n";
    expect(parseError(`${header}1,x\n2\n`).message).toBe("test.arff, line 6: expected 2 values, found 1");
    expect(parseError(`${header}one,x\n`).message).toBe('test.arff, line 5: attribute "a" expects a number, found "one"');
    expect(parseError(`${header}1,z\n`).message).toBe('test.arff, line 5: "z" is not a declared value of nominal attribute "b"');
    expect(parseError(`${header}1,'x\n`).line).toBe(5);
    expect(parseError(`${header}{0 1}\n`).message).toMatch(/sparse/);
    expect(parseError("@relation r\n@attribute a blob\n@data\n").message).toMatch(/line 2: unknown type "blob"/);
    expect(parseError("@relation r\n@attribute a numeric\n").message).toMatch(/no @data section/);
    expect(parseError("@relation r\nhello\n").line).toBe(2);
  });
});

describe("arffToDataFrame", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  test("numeric attributes become float32 columns, the others string columns", () => {
    const df = arffToDataFrame(parseArff(WEATHER));
    expect(df.shape).toEqual([3, 7]);
    expect(df.dtypes).toEqual(["string", "float32", "float32", "float32", "string", "string", "string"]);
    expect(df.column("temperature").values).toEqual([85, 83, 70.5]);
    expect(df.column("play").values).toEqual(["no", "yes", null]);
  });
});
