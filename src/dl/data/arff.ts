/**
 * ARFF (Weka's Attribute-Relation File Format) reading: header with @relation, @attribute
 * (numeric, integer, real, nominal {a,b}, string, date) and @data rows; `%` comments; `?` for a
 * missing value (NaN in numeric columns, null otherwise); quoted values. Sparse rows are not
 * supported. Numeric attributes become Float64Array columns, the others string arrays.
 */
import { readFile } from "fs/promises";
import type { DataFrame } from "danfojs-node";
import { ArffAttribute, isNumericType, parseAttribute, parseRelation } from "./arff-header";
import { ArffSyntaxError, ArffValue, splitArffValues } from "./arff-values";
import { ColumnTable } from "./columns";
import { tableToDataFrame } from "./dataframe";

export type { ArffAttribute, ArffAttributeType } from "./arff-header";

export interface ArffData extends ColumnTable {
  relation: string;
  attributes: ArffAttribute[];
}

export class ArffParseError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
    readonly source: string | undefined,
  ) {
    super(`${source === undefined ? "" : `${source}, `}line ${line}: ${problem}`);
    this.name = "ArffParseError";
  }
}

export async function readArff(path: string): Promise<ArffData> {
  return parseArff(await readFile(path, "utf8"), path);
}

/** @param source names the text in error messages (a file path, say). */
export function parseArff(text: string, source?: string): ArffData {
  const parser = new ArffParser();
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    try {
      parser.readLine(line.endsWith("\r") ? line.slice(0, -1) : line);
    } catch (error) {
      if (error instanceof ArffSyntaxError) throw new ArffParseError(i + 1, error.message, source);
      throw error;
    }
  });
  if (!parser.inData) throw new ArffParseError(lines.length, "no @data section", source);
  return parser.result();
}

export function arffToDataFrame(data: ArffData): DataFrame {
  return tableToDataFrame(data);
}

/** A nominal column as indices into the attribute's declared values; -1 where missing. */
export function nominalCodes(data: ArffData, name: string): Int32Array {
  const attribute = data.attributes.find((a) => a.name === name);
  if (attribute?.values === undefined) throw new Error(`"${name}" is not a nominal attribute of ${data.relation}`);
  const index = new Map(attribute.values.map((value, i) => [value, i]));
  const column = data.columns[name] as Array<string | null>;
  return Int32Array.from(column, (value) => (value === null ? -1 : (index.get(value) as number)));
}

class ArffParser {
  relation = "";
  attributes: ArffAttribute[] = [];
  inData = false;
  private cells: Array<Array<number | string | null>> = [];
  private nominalSets: Array<Set<string> | null> = [];

  readLine(line: string): void {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("%")) return;
    if (this.inData) return this.dataRow(trimmed);
    const [keyword] = trimmed.split(/[\s{]/, 1);
    const rest = trimmed.slice(keyword.length);
    switch (keyword.toLowerCase()) {
      case "@relation":
        this.relation = parseRelation(rest);
        return;
      case "@attribute":
        this.attributes.push(parseAttribute(rest));
        return;
      case "@data":
        return this.startData();
      default:
        throw new ArffSyntaxError(`expected @relation, @attribute or @data, found ${JSON.stringify(keyword)}`);
    }
  }

  result(): ArffData {
    const names = this.attributes.map((a) => a.name);
    const data: ArffData = { relation: this.relation, attributes: this.attributes, names, columns: {}, types: {}, rowCount: this.cells[0]?.length ?? 0 };
    this.attributes.forEach((attribute, i) => {
      const numeric = isNumericType(attribute.type);
      data.columns[attribute.name] = numeric ? Float64Array.from(this.cells[i] as number[]) : (this.cells[i] as Array<string | null>);
      data.types[attribute.name] = numeric ? "float64" : "string";
    });
    return data;
  }

  private startData(): void {
    if (this.attributes.length === 0) throw new ArffSyntaxError("@data before any @attribute");
    const names = this.attributes.map((a) => a.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) throw new ArffSyntaxError(`duplicate attribute name "${duplicate}"`);
    this.inData = true;
    this.cells = this.attributes.map(() => []);
    this.nominalSets = this.attributes.map((a) => (a.values ? new Set(a.values) : null));
  }

  private dataRow(line: string): void {
    if (line.startsWith("{")) throw new ArffSyntaxError("sparse ARFF rows ({index value, ...}) are not supported");
    const values = splitArffValues(line);
    if (values.length !== this.attributes.length) {
      throw new ArffSyntaxError(`expected ${this.attributes.length} values, found ${values.length}`);
    }
    values.forEach((value, i) => this.cells[i].push(this.cell(value, i)));
  }

  private cell(value: ArffValue, i: number): number | string | null {
    const attribute = this.attributes[i];
    const missing = value.text === "?" && !value.quoted;
    if (isNumericType(attribute.type)) return missing ? NaN : parseNumeric(value, attribute);
    if (missing) return null;
    const nominal = this.nominalSets[i];
    if (nominal !== null && !nominal.has(value.text)) {
      throw new ArffSyntaxError(`"${value.text}" is not a declared value of nominal attribute "${attribute.name}"`);
    }
    return value.text;
  }
}

function parseNumeric(value: ArffValue, attribute: ArffAttribute): number {
  const number = value.text === "" ? NaN : Number(value.text);
  if (Number.isNaN(number)) throw new ArffSyntaxError(`attribute "${attribute.name}" expects a number, found ${JSON.stringify(value.text)}`);
  return number;
}
