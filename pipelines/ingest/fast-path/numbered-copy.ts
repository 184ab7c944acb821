// The text DuckDB reads: the delivered file (decoded to UTF-8) with each line's physical number put in
// front as a first column, so every raw row carries its line from the insert on. Stamping lines
// afterwards with an UPDATE made DuckDB log every inserted row to the WAL again and rewrite it at the
// checkpoint, which cost more than reading the file.
// Every non-blank line gets a prefix (continuation lines of multi-line records too; `fixNumbered`
// takes those off again for the rare files that have them); blank lines stay as they are, since
// DuckDB skips them. The number is negative on a line the scan did not vouch for (line-check.ts):
// DuckDB checks every rule of such a row, and only the rules on typed values of the others. That sign is
// written and read here alone (`NumberedWriter`, `lineSql`, `vouchedSql`, `NUMBER_PREFIX`); one column
// rather than two because a second column costs DuckDB a field more to parse on every line.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { CsvStructure } from "../csv-structure.ts";
import { eachLine } from "./lines.ts";

/** The name of the line column in the numbered copy's header. */
export const LINE_COLUMN = "_tahseel_line";

/** SQL for the physical line, from the line column's value. */
export const lineSql = (column: string) => `abs(${column})`;
/** SQL TRUE where the scan vouched for the line, from the line column's value. */
export const vouchedSql = (column: string) => `${column} > 0`;
/** An RE2 expression for the number in front of a numbered line's text: its group 1 is the physical line. */
export const NUMBER_PREFIX = "^\\s*-?(\\d+),";

const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const MINUS = 0x2d;
const HEADER_PREFIX = Buffer.from(`${LINE_COLUMN},`);
/** Whether the line `buf[start, end)` starts with a UTF-8 byte order mark. */
export const startsWithBom = (buf: Buffer, start: number, end: number) =>
  end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf;
const BLOCK = 1 << 22;

const isBlank = (buf: Buffer, start: number, end: number) => end === start || (end === start + 1 && buf[start] === CR);

/** Collects the numbered text in large blocks; `take()` hands over the full ones for writing. */
export class NumberedWriter {
  private block = Buffer.allocUnsafe(BLOCK);
  private blockView = viewOf(this.block);
  private source: Buffer | null = null;
  private sourceView: DataView | null = null;
  private pos = 0;
  private full: Buffer[] = [];
  private line = 0;
  private headerDone = false;

  /** One physical line, `buf[start, end)` without its LF; `lf` says whether an LF ended it, `vouched` whether it met its format rules. */
  push(buf: Buffer, start: number, end: number, lf: boolean, vouched = false): void {
    this.line++;
    const length = end - start;
    this.reserve(length + 12);
    if (!isBlank(buf, start, end)) {
      if (!this.headerDone) {
        this.headerDone = true;
        // A BOM would end up inside the first delivered column's name, behind the prefix.
        if (startsWithBom(buf, start, end)) start += 3;
        HEADER_PREFIX.copy(this.block, this.pos);
        this.pos += HEADER_PREFIX.length;
      } else {
        if (!vouched) this.block[this.pos++] = MINUS;
        this.pos = writeDigits(this.block, this.pos, this.line);
        this.block[this.pos++] = COMMA;
      }
    }
    const block = this.block;
    let pos = this.pos;
    // Four bytes at a time through DataViews: about 40 ns for a typical 80-byte line, against 100-170 ns
    // for a Buffer#copy call (whatever the length) and 2-4 ns a byte for a byte loop.
    if (buf !== this.source) {
      this.source = buf;
      this.sourceView = viewOf(buf);
    }
    const from = this.sourceView!;
    const to = this.blockView;
    let i = start;
    for (; i + 4 <= end; i += 4, pos += 4) to.setInt32(pos, from.getInt32(i, true), true);
    for (; i < end; i++) block[pos++] = buf[i]!;
    if (lf) block[pos++] = LF;
    this.pos = pos;
  }

  /** The blocks filled so far (and with `all`, the partial one too). */
  take(all = false): Buffer[] {
    if (all && this.pos > 0) {
      this.full.push(this.block.subarray(0, this.pos));
      this.startBlock(BLOCK);
    }
    const out = this.full;
    this.full = [];
    return out;
  }

  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.block.length) return;
    if (this.pos > 0) this.full.push(this.block.subarray(0, this.pos));
    this.startBlock(Math.max(BLOCK, bytes));
  }

  private startBlock(bytes: number): void {
    this.block = Buffer.allocUnsafe(bytes);
    this.blockView = viewOf(this.block);
    this.pos = 0;
  }
}

const viewOf = (buf: Buffer) => new DataView(buf.buffer, buf.byteOffset, buf.length);

function writeDigits(block: Buffer, pos: number, n: number): number {
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  for (let i = pos + digits - 1, x = n; i >= pos; i--, x = Math.floor(x / 10)) block[i] = 0x30 + (x % 10);
  return pos + digits;
}

/** A numbered line without its prefix: the text as delivered (decoded). */
export function stripNumber(line: Buffer): Buffer {
  if (isBlank(line, 0, line.length)) return line;
  return line.subarray(line.indexOf(COMMA) + 1);
}

/**
 * For a file whose records do not all sit on one line each: a copy of the numbered text in which only
 * record starts keep their number (continuation lines are given back as delivered) and the first lines
 * of malformed records are left out, so DuckDB reads exactly the records the structure scan accepted.
 */
export async function fixNumbered(source: string, target: string, structure: CsvStructure): Promise<void> {
  const malformed = new Set(structure.malformed.map((m) => m.line));
  const out = createWriteStream(target);
  let pending: Buffer[] = [];
  let row = 0;
  await eachLine(
    source,
    (buf, start, end, line, lf) => {
      while (row < structure.rows && structure.lineOfRow(row) < line) row++;
      if (malformed.has(line)) return;
      const text = buf.subarray(start, end);
      const recordStart = row < structure.rows && structure.lineOfRow(row) === line;
      pending.push(line === structure.headerLine || recordStart ? text : stripNumber(text));
      if (lf) pending.push(LF_BUF);
    },
    async () => {
      if (!out.write(Buffer.concat(pending))) await once(out, "drain");
      pending = [];
    },
  );
  out.end(Buffer.concat(pending));
  await once(out, "finish");
}

const LF_BUF = Buffer.from("\n");
