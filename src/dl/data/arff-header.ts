/** The ARFF header lines: `@relation name` and `@attribute name type`. */
import { ArffSyntaxError, readArffName, splitArffValues } from "./arff-values";

export type ArffAttributeType = "numeric" | "integer" | "real" | "nominal" | "string" | "date";

export interface ArffAttribute {
  name: string;
  type: ArffAttributeType;
  /** The declared values of a nominal attribute, in declaration order. */
  values?: string[];
  /** The format of a date attribute, when given; dates are kept as text. */
  dateFormat?: string;
}

const SIMPLE_TYPES = new Set<ArffAttributeType>(["numeric", "integer", "real", "string"]);

export function isNumericType(type: ArffAttributeType): boolean {
  return type === "numeric" || type === "integer" || type === "real";
}

/** The text after `@relation`. */
export function parseRelation(rest: string): string {
  return readArffName(rest).name;
}

/** The text after `@attribute`. */
export function parseAttribute(rest: string): ArffAttribute {
  const { name, rest: typeText } = readArffName(rest);
  const spec = typeText.trim();
  if (spec.startsWith("{")) return { name, type: "nominal", values: parseNominalValues(spec) };
  const [keyword, ...format] = spec.split(/\s+/);
  const type = keyword.toLowerCase();
  if (SIMPLE_TYPES.has(type as ArffAttributeType)) return { name, type: type as ArffAttributeType };
  if (type === "date") {
    const dateFormat = format.length > 0 ? readArffName(format.join(" ")).name : undefined;
    return dateFormat === undefined ? { name, type: "date" } : { name, type: "date", dateFormat };
  }
  if (type === "relational") throw new ArffSyntaxError(`relational attribute "${name}" is not supported`);
  throw new ArffSyntaxError(`unknown type ${JSON.stringify(spec)} for attribute "${name}"`);
}

function parseNominalValues(spec: string): string[] {
  const close = spec.lastIndexOf("}");
  if (close < 0) throw new ArffSyntaxError("nominal values lack a closing }");
  if (spec.slice(close + 1).trim() !== "") throw new ArffSyntaxError(`unexpected text after }: ${spec.slice(close + 1).trim()}`);
  return splitArffValues(spec.slice(1, close)).map((value) => value.text);
}
