/**
 * Splits a CSV byte stream into records and field boundaries without decoding text: the
 * delimiter, quote, CR and LF are ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte
 * character, so byte offsets are safe cut points. The caller reads the source in chunks and
 * keeps the bytes `scan` did not consume (a record cut by the chunk boundary) for the next call.
 * Quoting follows RFC 4180; a quote inside an unquoted field is kept as text. A field opened with
 * a quote that never closes runs to the end of the input (then is reported as malformed).
 */

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export enum FieldQuoting {
  Bare = 0,
  Quoted = 1,
  /** Quoted and containing `""`, which stands for one quote character. */
  QuotedWithEscapes = 2,
}

/** One record's fields as offsets into `bytes`; reused from record to record. */
export class RecordFields {
  bytes: Buffer = Buffer.alloc(0);
  count = 0;
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  quoting = new Uint8Array(16);

  text(field: number): string {
    const raw = this.bytes.toString("utf8", this.starts[field], this.ends[field]);
    return this.quoting[field] === FieldQuoting.QuotedWithEscapes ? raw.replace(/""/g, '"') : raw;
  }

  push(start: number, end: number, quoting: FieldQuoting): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.quoting[this.count] = quoting;
    this.count++;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    this.starts = copyInto(new Int32Array(size), this.starts);
    this.ends = copyInto(new Int32Array(size), this.ends);
    this.quoting = copyInto(new Uint8Array(size), this.quoting);
  }
}

function copyInto<T extends Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

export type RecordProblem = "unterminated quote" | "text after a closing quote";

export interface RecordSink {
  /** A non-empty record starting on 1-based physical `line`. */
  record(fields: RecordFields, line: number): void;
  /** A record that cannot be split into fields; scanning resumes after it. */
  malformed(line: number, problem: RecordProblem): void;
}

/** Where the record scanner stopped. */
enum Scan {
  Complete,
  NeedMoreBytes,
}

export class CsvRecordSplitter {
  private readonly fields = new RecordFields();
  private line = 1; // physical line where the next record starts
  private newlinesInRecord = 0;
  private nextRecordStart = 0;
  private problem: RecordProblem | null = null;
  private atStart = true;

  constructor(
    private readonly delimiter: number,
    private readonly sink: RecordSink,
  ) {}

  /**
   * Emits every complete record in `bytes` and returns how many bytes were consumed. With
   * `isLast`, the end of `bytes` ends the last record (which may lack a final newline).
   */
  scan(bytes: Buffer, isLast: boolean): number {
    let pos = this.atStart ? this.byteOrderMarkLength(bytes, isLast) : 0;
    if (pos < 0) return 0;
    this.fields.bytes = bytes;
    while (pos < bytes.length) {
      if (this.scanRecord(bytes, pos, isLast) === Scan.NeedMoreBytes) break;
      pos = this.nextRecordStart;
      this.emit();
    }
    return pos;
  }

  /** Length of a leading UTF-8 byte order mark, or -1 when too few bytes have arrived to tell. */
  private byteOrderMarkLength(bytes: Buffer, isLast: boolean): number {
    if (bytes.length < UTF8_BOM.length && !isLast) return -1;
    this.atStart = false;
    return UTF8_BOM.every((byte, i) => bytes[i] === byte) ? UTF8_BOM.length : 0;
  }

  private emit(): void {
    const fields = this.fields;
    const isBlankLine = fields.count === 1 && fields.starts[0] === fields.ends[0] && fields.quoting[0] === FieldQuoting.Bare;
    if (this.problem !== null) this.sink.malformed(this.line, this.problem);
    else if (!isBlankLine) this.sink.record(fields, this.line);
    this.line += this.newlinesInRecord;
  }

  /**
   * Scans one record from `start`, filling `fields`, `problem`, `newlinesInRecord` and
   * `nextRecordStart`. Without `isLast`, a record that may continue in the next chunk (no
   * terminator yet, or a CR that may be followed by LF) asks for more bytes.
   */
  private scanRecord(bytes: Uint8Array, start: number, isLast: boolean): Scan {
    const { fields, delimiter } = this;
    const end = bytes.length;
    fields.count = 0;
    this.problem = null;
    this.newlinesInRecord = 0;
    let pos = start;
    for (;;) {
      let fieldStart = pos;
      let fieldEnd: number;
      let quoting = FieldQuoting.Bare;
      if (pos < end && bytes[pos] === QUOTE) {
        quoting = FieldQuoting.Quoted;
        fieldStart = ++pos;
        for (;;) {
          while (pos < end && bytes[pos] !== QUOTE) {
            if (bytes[pos] === LF) this.newlinesInRecord++;
            pos++;
          }
          if (pos + 1 >= end && !isLast) return Scan.NeedMoreBytes; // can't tell `"` from `""` yet
          if (pos >= end) {
            this.problem = "unterminated quote";
            fields.push(fieldStart, end, quoting);
            this.nextRecordStart = end;
            return Scan.Complete;
          }
          if (bytes[pos + 1] !== QUOTE) break;
          quoting = FieldQuoting.QuotedWithEscapes;
          pos += 2;
        }
        fieldEnd = pos++;
        if (pos < end && bytes[pos] !== delimiter && bytes[pos] !== CR && bytes[pos] !== LF) {
          this.problem ??= "text after a closing quote";
          while (pos < end && bytes[pos] !== delimiter && bytes[pos] !== CR && bytes[pos] !== LF) pos++;
        }
      } else {
        while (pos < end && bytes[pos] !== delimiter && bytes[pos] !== CR && bytes[pos] !== LF) pos++;
        fieldEnd = pos;
      }
      fields.push(fieldStart, fieldEnd, quoting);

      if (pos < end && bytes[pos] === delimiter) {
        pos++;
        continue;
      }
      return this.endOfRecord(bytes, pos, isLast);
    }
  }

  private endOfRecord(bytes: Uint8Array, pos: number, isLast: boolean): Scan {
    const end = bytes.length;
    if (pos >= end) {
      if (!isLast) return Scan.NeedMoreBytes;
      this.nextRecordStart = end;
      return Scan.Complete;
    }
    if (bytes[pos] === CR) {
      if (pos + 1 >= end && !isLast) return Scan.NeedMoreBytes;
      pos += pos + 1 < end && bytes[pos + 1] === LF ? 2 : 1; // CRLF, or a lone CR (old Mac files)
    } else pos++; // LF
    this.newlinesInRecord++;
    this.nextRecordStart = pos;
    return Scan.Complete;
  }
}
