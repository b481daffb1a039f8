/**
 * Byte-level parser for the WISDM v1.1 raw format, `user,activity,timestamp,x,y,z;` per
 * line, into typed columns. One pass over the Buffer, no string per line or field: the
 * real file has 1.1M lines, and split/regex parsing of it takes seconds.
 *
 * The real file is not clean. Records are separated by `;` or a line end, so two records
 * joined on one line are both read; a trailing empty field (`x,y,z,;`) is accepted;
 * anything else that is not six valid fields is skipped and counted by reason.
 */
import { NumberSyntax, ParsedNumber, parseNumber } from "../data/parse-number";

/** The class order of the published ARFF; activity codes index this list. */
export const ACTIVITIES = ["Walking", "Jogging", "Upstairs", "Downstairs", "Sitting", "Standing"] as const;
export type Activity = (typeof ACTIVITIES)[number];

export type SkipReason = "fieldCount" | "emptyField" | "badNumber" | "unknownActivity";

export interface SkippedRecord {
  line: number;
  reason: SkipReason;
  text: string;
}

export interface ParseReport {
  skipped: Record<SkipReason, number>;
  skippedTotal: number;
  /** The first few skipped records, to show what was wrong. */
  examples: SkippedRecord[];
  /** Valid records that followed another one on the same line (a missing newline). */
  joinedRecords: number;
  /** Valid records written with an empty seventh field: `x,y,z,;`. */
  trailingCommas: number;
}

export interface WisdmRaw {
  length: number;
  user: Int32Array;
  /** Index into `activityNames`. */
  activity: Uint8Array;
  activityNames: readonly Activity[];
  /** As in the file: generally the phone's uptime in nanoseconds. */
  timestamp: Float64Array;
  /** Acceleration in m/s^2 including gravity (10 = 1 g). */
  x: Float32Array;
  y: Float32Array;
  z: Float32Array;
  report: ParseReport;
}

const SEMICOLON = 59;
const NEWLINE = 10;
const RETURN = 13;
const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const FIELDS = 6;
const MAX_EXAMPLES = 10;
const ACTIVITY_BYTES = ACTIVITIES.map((name) => Buffer.from(name, "latin1"));
/** Real records take 40-70 bytes; starting at one per 32 bytes means growing is rare. */
const BYTES_PER_RECORD_GUESS = 32;

export function parseRaw(bytes: Uint8Array): WisdmRaw {
  return new RawParser(bytes).parse();
}

type Columns = Pick<WisdmRaw, "user" | "activity" | "timestamp" | "x" | "y" | "z">;

class RawParser {
  /** Positions of the first commas of the current record (one more than a valid record has). */
  private readonly commas = new Int32Array(FIELDS);
  private commaCount = 0;
  private columns: Columns;
  private length = 0;
  private line = 1;
  private readonly report: ParseReport = {
    skipped: { fieldCount: 0, emptyField: 0, badNumber: 0, unknownActivity: 0 },
    skippedTotal: 0,
    examples: [],
    joinedRecords: 0,
    trailingCommas: 0,
  };

  constructor(private readonly bytes: Uint8Array) {
    this.columns = allocateColumns(Math.ceil(bytes.length / BYTES_PER_RECORD_GUESS) + 1);
  }

  parse(): WisdmRaw {
    const { bytes } = this;
    let start = 0;
    let afterSemicolon = false;
    while (start < bytes.length) {
      const end = this.scanRecord(start);
      this.take(start, end, afterSemicolon);
      afterSemicolon = bytes[end] === SEMICOLON;
      if (bytes[end] === NEWLINE) this.line++;
      start = end + 1;
    }
    return this.result();
  }

  /** Finds the record's terminator (or the end of the data), noting comma positions. */
  private scanRecord(start: number): number {
    const { bytes, commas } = this;
    let count = 0;
    let i = start;
    for (; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte === SEMICOLON || byte === NEWLINE || byte === RETURN) break;
      if (byte === COMMA) {
        if (count < FIELDS) commas[count] = i;
        count++;
      }
    }
    this.commaCount = count;
    return i;
  }

  private take(rawStart: number, rawEnd: number, afterSemicolon: boolean): void {
    const start = skipBlanksForward(this.bytes, rawStart, rawEnd);
    let end = skipBlanksBackward(this.bytes, start, rawEnd);
    if (start === end) return;
    const trailingComma = this.commaCount === FIELDS && this.commas[FIELDS - 1] === end - 1;
    if (trailingComma) end--;
    const fields = trailingComma ? FIELDS : this.commaCount + 1;
    if (this.length === this.columns.user.length) this.columns = grownColumns(this.columns);
    const reason = fields === FIELDS ? this.store(start, end) : "fieldCount";
    if (reason !== undefined) return this.skip(reason, start, rawEnd);
    this.length++;
    if (afterSemicolon) this.report.joinedRecords++;
    if (trailingComma) this.report.trailingCommas++;
  }

  /** Parses the six fields into row `length`; returns why not when they are invalid. */
  private store(start: number, end: number): SkipReason | undefined {
    const { bytes, commas } = this;
    for (let k = 0; k < FIELDS; k++) {
      if ((k === 0 ? start : commas[k - 1] + 1) >= (k === FIELDS - 1 ? end : commas[k])) return "emptyField";
    }
    const activity = matchActivity(bytes, commas[0] + 1, commas[1]);
    if (activity < 0) return "unknownActivity";
    const user = numberAt(bytes, start, commas[0]);
    const timestamp = numberAt(bytes, commas[1] + 1, commas[2]);
    const x = numberAt(bytes, commas[2] + 1, commas[3]);
    const y = numberAt(bytes, commas[3] + 1, commas[4]);
    const z = numberAt(bytes, commas[4] + 1, end);
    const finite = Number.isFinite(timestamp) && Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z);
    if (!finite || !Number.isInteger(user) || user < 0) return "badNumber";
    const row = this.length;
    const columns = this.columns;
    columns.user[row] = user;
    columns.activity[row] = activity;
    columns.timestamp[row] = timestamp;
    columns.x[row] = x;
    columns.y[row] = y;
    columns.z[row] = z;
    return undefined;
  }

  private skip(reason: SkipReason, start: number, end: number): void {
    const report = this.report;
    report.skipped[reason]++;
    report.skippedTotal++;
    if (report.examples.length < MAX_EXAMPLES) {
      const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, end - start).toString("latin1");
      report.examples.push({ line: this.line, reason, text });
    }
  }

  private result(): WisdmRaw {
    const { columns, length } = this;
    return {
      length,
      user: columns.user.slice(0, length),
      activity: columns.activity.slice(0, length),
      activityNames: ACTIVITIES,
      timestamp: columns.timestamp.slice(0, length),
      x: columns.x.slice(0, length),
      y: columns.y.slice(0, length),
      z: columns.z.slice(0, length),
      report: this.report,
    };
  }
}

function allocateColumns(capacity: number): Columns {
  return {
    user: new Int32Array(capacity),
    activity: new Uint8Array(capacity),
    timestamp: new Float64Array(capacity),
    x: new Float32Array(capacity),
    y: new Float32Array(capacity),
    z: new Float32Array(capacity),
  };
}

function grownColumns(columns: Columns): Columns {
  const grown = allocateColumns(Math.ceil(columns.user.length * 1.5) + 16);
  grown.user.set(columns.user);
  grown.activity.set(columns.activity);
  grown.timestamp.set(columns.timestamp);
  grown.x.set(columns.x);
  grown.y.set(columns.y);
  grown.z.set(columns.z);
  return grown;
}

function matchActivity(bytes: Uint8Array, start: number, end: number): number {
  for (let code = 0; code < ACTIVITY_BYTES.length; code++) {
    if (sameBytes(ACTIVITY_BYTES[code], bytes, start, end)) return code;
  }
  return -1;
}

function sameBytes(expected: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== expected.length) return false;
  for (let k = 0; k < expected.length; k++) if (bytes[start + k] !== expected[k]) return false;
  return true;
}

const isBlank = (byte: number) => byte === SPACE || byte === TAB;

function skipBlanksForward(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isBlank(bytes[start])) start++;
  return start;
}

function skipBlanksBackward(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && isBlank(bytes[end - 1])) end--;
  return end;
}

/** One reused result object: parsing a field allocates nothing. */
const parsed: ParsedNumber = { value: 0, syntax: NumberSyntax.NotANumber };

/** The number in bytes[start, end), NaN unless the whole range is one (the CSV reader's rules). */
function numberAt(bytes: Uint8Array, start: number, end: number): number {
  parseNumber(bytes, start, end, parsed);
  return parsed.value;
}
