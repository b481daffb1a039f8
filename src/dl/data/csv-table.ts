/**
 * Turns records into columns: reads the header, checks every record's field count, applies the
 * malformed-record policy and feeds the column builders.
 */
import { ColumnBuilder } from "./column-builder";
import { Column } from "./columns";
import { CsvOptions, CsvParseError, DEFAULT_MISSING, SkippedLine } from "./csv-options";
import { RecordFields, RecordProblem, RecordSink } from "./csv-records";
import { NumberSyntax } from "./parse-number";

export class TableSink implements RecordSink {
  names: string[] | null = null;
  rowCount = 0;
  readonly skipped: SkippedLine[] = [];
  private builders: Array<ColumnBuilder | null> = [];
  private readonly missing: ReadonlySet<string>;
  private readonly parsed = { value: 0, syntax: NumberSyntax.NotANumber };

  /**
   * @param textPassColumns for a second pass that only collects these columns' text (see
   *   ColumnBuilder.needsTextPass); the first pass collects every column.
   */
  constructor(
    private readonly options: CsvOptions,
    private readonly source: string | undefined,
    private readonly textPassColumns?: readonly number[],
  ) {
    this.missing = new Set(options.missing ?? DEFAULT_MISSING);
  }

  record(fields: RecordFields, line: number): void {
    if (this.names === null) {
      this.start(this.readNames(fields, line));
      if (this.options.header ?? true) return;
    }
    const builders = this.builders;
    if (fields.count !== builders.length) {
      return this.malformed(line, `expected ${builders.length} fields, found ${fields.count}`);
    }
    for (let i = 0; i < builders.length; i++) builders[i]?.append(fields, i);
    this.rowCount++;
  }

  malformed(line: number, problem: RecordProblem | string): void {
    const headerPending = this.names === null && (this.options.header ?? true);
    if (headerPending || !this.options.skipMalformed) throw new CsvParseError(line, problem, this.source);
    this.skipped.push({ line, problem });
  }

  /** Indices of the columns that need a text pass. */
  columnsNeedingText(): number[] {
    return this.builders.flatMap((builder, i) => (builder?.needsTextPass ? [i] : []));
  }

  /** The collected columns; null for those a text pass does not collect. */
  columns(): Array<Column | null> {
    const floatType = this.options.floatType ?? "float64";
    return this.builders.map((builder) => builder?.build(floatType) ?? null);
  }

  private readNames(fields: RecordFields, line: number): string[] {
    const header = this.options.header ?? true;
    const fileNames = Array.from({ length: fields.count }, (_, i) => (header ? fields.text(i) : String(i)));
    const names = this.options.names ?? fileNames;
    if (names.length !== fields.count) {
      throw new CsvParseError(line, `${names.length} column names given for ${fields.count} fields`, this.source);
    }
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) throw new CsvParseError(line, `duplicate column name "${duplicate}"`, this.source);
    return names;
  }

  private start(names: string[]): void {
    this.names = names;
    const collected = this.textPassColumns;
    this.builders = names.map((_, i) =>
      collected === undefined || collected.includes(i) ? new ColumnBuilder(this.missing, this.parsed, collected !== undefined) : null,
    );
  }
}
