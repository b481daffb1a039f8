/**
 * Accumulates one CSV column while inferring its type: int32 while every value is an integer
 * in range and none is missing, float otherwise, string as soon as a value is not a number.
 */
import { Column } from "./columns";
import { FieldQuoting, RecordFields } from "./csv-records";
import { NumberSyntax, ParsedNumber, parseNumber } from "./parse-number";

export type FloatType = "float64" | "float32";

const INITIAL_CAPACITY = 1024;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export class ColumnBuilder {
  length = 0;
  /**
   * A column that held numbers before its first string needs their original text ("1.50", "007"),
   * which the numbers lost: the reader fetches it in a second pass over the source.
   */
  needsTextPass = false;
  private numbers = new Float64Array(INITIAL_CAPACITY);
  private strings: Array<string | null> | null;
  private integral = true;
  private sawNumber = false;

  constructor(
    private readonly missing: ReadonlySet<string>,
    private readonly parsed: ParsedNumber,
    textOnly = false,
  ) {
    this.strings = textOnly ? [] : null;
  }

  append(fields: RecordFields, field: number): void {
    const start = fields.starts[field];
    const end = fields.ends[field];
    if (start === end) return this.appendMissing();
    if (this.strings === null && fields.quoting[field] !== FieldQuoting.QuotedWithEscapes) {
      parseNumber(fields.bytes, start, end, this.parsed);
      if (this.parsed.syntax !== NumberSyntax.NotANumber) {
        return this.appendNumber(this.parsed.value, this.parsed.syntax === NumberSyntax.Integer);
      }
    }
    const text = fields.text(field);
    if (this.missing.has(text)) return this.appendMissing();
    if (this.strings === null) this.becomeStrings();
    this.appendString(text);
  }

  build(floatType: FloatType): Column {
    if (this.strings !== null) return this.strings;
    const values = this.numbers.subarray(0, this.length);
    if (this.integral && this.sawNumber) return Int32Array.from(values);
    return floatType === "float32" ? Float32Array.from(values) : values.slice();
  }

  private appendMissing(): void {
    if (this.strings === null) this.appendNumber(NaN, false);
    else this.appendString(null);
  }

  private appendNumber(value: number, isInteger: boolean): void {
    if (this.integral) this.integral = isInteger && value >= INT32_MIN && value <= INT32_MAX;
    this.sawNumber ||= !Number.isNaN(value);
    if (this.length === this.numbers.length) this.growNumbers();
    this.numbers[this.length++] = value;
  }

  private appendString(text: string | null): void {
    (this.strings as Array<string | null>).push(text);
    this.length++;
  }

  private becomeStrings(): void {
    this.needsTextPass = this.sawNumber;
    this.strings = new Array<string | null>(this.length).fill(null);
    this.numbers = new Float64Array(0);
  }

  private growNumbers(): void {
    const grown = new Float64Array(this.numbers.length * 2);
    grown.set(this.numbers);
    this.numbers = grown;
  }
}
