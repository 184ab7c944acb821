// RFC 4180 record structure of a CSV, line by line, without parsing values.
// DuckDB's reader parses the values fast, but after a broken quote it swallows the rest of the file;
// this scanner finds every malformed record first, so that one bad row costs one row, never the file.
// Recovery rule: a malformed record is its first physical line; scanning resumes on the next line.

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;

/** A record that breaks RFC 4180 quoting: quarantined as its first physical line. */
export interface MalformedRecord {
  /** Index of the data row among all data rows of the file (malformed ones included). */
  row: number;
  line: number;
  raw: string;
  reason: string;
  /** The rule code, when it is not `broken_quoting`. */
  rule?: "record_too_long";
}

/** Records longer than this are taken for an unterminated quote. */
const MAX_RECORD_LINES = 2_000;
const MAX_RECORD_BYTES = 4 * 1024 * 1024;
/** DuckDB's longest record (its `max_line_size`), less room for the numbered copy's prefix. */
const MAX_LINE_BYTES = 2 * 1024 * 1024 - 32;

type Verdict = { kind: "complete"; fields: number } | { kind: "open" } | { kind: "malformed"; reason: string; column: number };

/** Quote state over one record's text (the lines joined by LF, without the final line break). */
function judge(text: Buffer): Verdict {
  let fields = 1;
  let i = 0;
  const n = text.length;
  while (i <= n) {
    if (text[i] === QUOTE) {
      i++;
      for (;;) {
        if (i >= n) return { kind: "open" };
        if (text[i] === QUOTE) {
          if (text[i + 1] === QUOTE) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      if (i < n && text[i] !== COMMA && !(text[i] === CR && i === n - 1))
        return { kind: "malformed", reason: "text after a closing quote", column: fields };
    } else {
      while (i < n && text[i] !== COMMA) {
        if (text[i] === QUOTE) return { kind: "malformed", reason: "quote inside an unquoted field", column: fields };
        i++;
      }
    }
    if (i >= n) break;
    fields++;
    i++; // the comma
    if (i === n) break; // a trailing empty field
  }
  return { kind: "complete", fields };
}

/** Splits a header record into names (quotes removed), the same way DuckDB reads them. */
export function parseHeader(text: string): string[] {
  const names: string[] = [];
  let i = 0;
  for (;;) {
    let value = "";
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      while (i < text.length && text[i] !== ",") i++;
    } else {
      const end = text.indexOf(",", i);
      value = text.slice(i, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
    }
    names.push(value);
    if (i >= text.length) break;
    i++;
  }
  return names;
}

export class CsvStructure {
  /** Physical line number of the last line consumed. */
  private line = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private pendingStart = 0;
  header: string[] | null = null;
  headerLine = 0;
  /** Data rows seen (good and malformed). */
  rows = 0;
  /** Start line of each data row, kept only once some row does not sit at `row + headerLine + 1`. */
  private startLines: number[] | null = null;
  readonly malformed: MalformedRecord[] = [];
  /** True once a record (the header included) has run over more than one physical line. */
  spanned = false;

  /**
   * Feeds one physical line, `buf[start, end)` without its LF. `mayQuote` false promises the line has no
   * quote character, which lets the common case skip every per-byte look. Returns the data row the line
   * holds whole (a record on this one line, well formed), or -1.
   */
  feed(buf: Buffer, start: number, end: number, mayQuote = true): number {
    this.line++;
    if (this.pending.length === 0) {
      if (end === start || (end === start + 1 && buf[start] === CR)) return -1; // blank lines are no records, as in DuckDB
      if (this.header !== null && end - start > MAX_LINE_BYTES) {
        // DuckDB rejects such a line itself, but cutting a long Arabic line mid-character it cannot even
        // record the rejection: the line is set aside here instead.
        const row = this.dataRow(this.line);
        this.malformed.push({
          row,
          line: this.line,
          raw: stripCr(buf.subarray(start, end)),
          reason: "record longer than 2 MiB",
          rule: "record_too_long",
        });
        return -1;
      }
      if (this.header !== null && (!mayQuote || buf.indexOf(QUOTE, start) === -1 || buf.indexOf(QUOTE, start) >= end)) {
        return this.dataRow(this.line);
      }
      this.pendingStart = this.line;
    }
    const line = Buffer.from(buf.subarray(start, end));
    this.pending.push(line);
    this.pendingBytes += line.length + 1;
    const text = this.pending.length === 1 ? line : Buffer.concat(this.pending.flatMap((l, k) => (k ? [LF_BUF, l] : [l])));
    const verdict = judge(text);
    if (verdict.kind === "open") {
      if (this.pending.length < MAX_RECORD_LINES && this.pendingBytes < MAX_RECORD_BYTES) return -1;
      this.recover("unterminated quoted field");
      return -1;
    }
    if (verdict.kind === "malformed" && this.pending.length > 1) {
      this.recover(verdict.reason);
      return -1;
    }
    const first = this.pendingStart;
    const whole = this.pending.length === 1;
    if (!whole) this.spanned = true;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.header === null) {
      this.readHeader(text);
      return -1;
    }
    const row = this.dataRow(first);
    if (verdict.kind === "malformed") {
      this.malformed.push({ row, line: first, raw: stripCr(text), reason: verdict.reason });
      return -1;
    }
    return whole ? row : -1;
  }

  /** What reading the file found, as plain data (it crosses from the scanning thread to the loading one). */
  data() {
    return {
      header: this.header,
      headerLine: this.headerLine,
      rows: this.rows,
      startLines: this.startLines,
      malformed: this.malformed,
      spanned: this.spanned,
    };
  }

  /** The structure a scan found, from its `data()`. */
  static from(data: ReturnType<CsvStructure["data"]>): CsvStructure {
    const structure = new CsvStructure();
    Object.assign(structure, data);
    return structure;
  }

  /** Ends the file: an open quote that never closed makes its first line malformed, and the rest is read again. */
  finish(): void {
    while (this.pending.length > 0) this.recover("unterminated quoted field (end of file)");
  }

  /** Line of data row `row` (0-based over all data rows, malformed included). */
  lineOfRow(row: number): number {
    return this.startLines ? this.startLines[row]! : row + this.headerLine + 1;
  }

  /** Data row whose record starts on physical line `line`. */
  rowAtLine(line: number): number {
    if (!this.startLines) return line - this.headerLine - 1;
    let lo = 0;
    let hi = this.startLines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.startLines[mid]! < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True while every data row sits on one line right after the one before. */
  get regular(): boolean {
    return this.startLines === null;
  }

  private recover(reason: string): void {
    const [first, ...rest] = this.pending;
    const start = this.pendingStart;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.header === null) this.readHeader(first!);
    else this.malformed.push({ row: this.dataRow(start), line: start, raw: stripCr(first!), reason });
    this.line = start;
    for (const l of rest) this.feed(l, 0, l.length);
  }

  private readHeader(text: Buffer): void {
    this.header = parseHeader(stripCr(text).replace(/^\uFEFF/, ""));
    this.headerLine = this.pendingStart;
  }

  private dataRow(start: number): number {
    const row = this.rows++;
    if (this.startLines === null && start !== row + this.headerLine + 1) {
      this.startLines = Array.from({ length: row }, (_, k) => k + this.headerLine + 1);
    }
    this.startLines?.push(start);
    return row;
  }
}

const stripCr = (b: Buffer) => b.toString("utf8").replace(/\r$/, "");
const LF_BUF = Buffer.from("\n");
