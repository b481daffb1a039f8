/** Options, error and report types shared by the CSV reader's parts. */
import { FloatType } from "./column-builder";

export interface CsvOptions {
  /** One ASCII character; default ",". */
  delimiter?: string;
  /** Whether the first record names the columns; default true. */
  header?: boolean;
  /** Column names; they replace the header's names when there is one. Default without header: "0", "1", ... */
  names?: string[];
  /** Texts meaning "missing value" besides the empty field; default NA, N/A, NaN, nan, null, NULL. */
  missing?: string[];
  /** Skip records that cannot be read (wrong field count, bad quoting) instead of throwing. */
  skipMalformed?: boolean;
  /** Receives the skipped lines; without it, skipped lines are reported with console.warn. */
  onSkipped?: (skipped: SkippedLine[]) => void;
  /** Array type of float columns; default float64. */
  floatType?: FloatType;
}

export interface SkippedLine {
  /** 1-based physical line where the record starts. */
  line: number;
  problem: string;
}

export const DEFAULT_MISSING = ["NA", "N/A", "NaN", "nan", "null", "NULL"];

export class CsvParseError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
    readonly source: string | undefined,
  ) {
    super(`${source === undefined ? "" : `${source}, `}line ${line}: ${problem}`);
    this.name = "CsvParseError";
  }
}

export function delimiterByte(delimiter = ","): number {
  const byte = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || byte > 0x7f || delimiter === '"' || delimiter === "\r" || delimiter === "\n") {
    throw new Error(`CSV delimiter must be one ASCII character other than a quote or newline, got ${JSON.stringify(delimiter)}`);
  }
  return byte;
}
