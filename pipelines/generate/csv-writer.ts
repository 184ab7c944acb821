// One extract file being written: RFC 4180 rows in large buffered chunks, hashed and counted as
// they go, so a national-scale file never sits in memory and its manifest entry is free at close.
import { createHash, type Hash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import iconv from "iconv-lite";
import type { Halalas } from "../rules/money.ts";
import { controlAmount } from "./control-amount.ts";
import { encode1256 } from "./win1256.ts";

export type Encoding = "utf-8" | "windows-1256";

/** Buffer's encoding-specific writer: the same as `write(text, offset, "utf8")` without its argument juggling (twice as fast). */
type Utf8Writable = Buffer & { utf8Write(text: string, offset: number): number };

export interface FileFormat {
  encoding: Encoding;
  /** A UTF-8 byte-order mark before the header. */
  bom: boolean;
  crlf: boolean;
  /** Header names in file order (a permutation of the contract's, perhaps with an unknown extra). */
  columns: readonly string[];
}

export type CsvRow = Readonly<Record<string, string | null>>;

export interface WrittenFile {
  name: string;
  path: string;
  rows: number;
  /** Sum of the control column over every data row that parses as an amount. */
  control: Halalas;
  sha256: string;
  bytes: number;
  encoding: Encoding;
}

// Rows go straight into a byte buffer (so row strings die young and cost the garbage collector
// nothing); it starts small, so a thousand small files stay cheap, and grows to a cap.
const INITIAL_BUFFER = 16 << 10;
const MAX_BUFFER = 512 << 10;
/**
 * Lines are joined into one string of about this many characters before they are encoded: each
 * encode call costs a native call and the flattening of its string, which per row cost more than
 * building the row; per batch they are noise. The bytes are the same however the text is cut.
 */
const BATCH_CHARS = 4 << 10;

/** Columns that carry free text (names, audit values); every other column is an id, code, number or date. */
const FREE_TEXT = /(_ar|_en|_value|^detail|^ids)$/;

const serializers = new Map<string, (row: CsvRow) => string>();

/**
 * A row-to-line function compiled for one column order: constant property names keep V8's loads
 * monomorphic, and only free-text columns pay for the quoting check. Generated from the header, so
 * the contracts stay the only list of columns.
 */
export function serializer(columns: readonly string[]): (row: CsvRow) => string {
  const key = columns.join(",");
  let fn = serializers.get(key);
  if (!fn) {
    const parts = columns.map((c) => {
      const v = `r[${JSON.stringify(c)}]`;
      return FREE_TEXT.test(c) ? `field(${v})` : `(${v} ?? "")`;
    });
    fn = new Function("field", `return (r) => ${parts.join(' + "," + ')};`)(csvField) as (row: CsvRow) => string;
    serializers.set(key, fn);
  }
  return fn;
}

export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return needsQuotes(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Whether a field holds a quote, comma, CR or LF (RFC 4180). Four single-character searches cost
 * less than one test of the regular expression `/[",\r\n]/` (a third less per name, per row).
 */
function needsQuotes(value: string): boolean {
  return value.indexOf('"') >= 0 || value.indexOf(",") >= 0 || value.indexOf("\n") >= 0 || value.indexOf("\r") >= 0;
}

export class CsvFile {
  rows = 0;
  control: Halalas = 0;
  /** The first data line as written, kept for planting exact re-sends. */
  firstLine: string | null = null;
  private buffer = Buffer.allocUnsafe(INITIAL_BUFFER);
  /** Whole lines (with their endings) not yet encoded into `buffer`. */
  private pending = "";
  private used = 0;
  private bytes = 0;
  private readonly hash: Hash = createHash("sha256");
  private fd: number | null;
  private readonly eol: string;
  private readonly utf8: boolean;
  private readonly serialize: (row: CsvRow) => string;

  constructor(
    readonly path: string,
    readonly name: string,
    readonly format: FileFormat,
    private readonly controlColumn: string | undefined,
  ) {
    this.fd = openSync(path, "w");
    this.eol = format.crlf ? "\r\n" : "\n";
    this.utf8 = format.encoding === "utf-8";
    this.serialize = serializer(format.columns);
    if (format.bom) this.put(Buffer.from([0xef, 0xbb, 0xbf]));
    this.append(format.columns.map(csvField).join(",") + this.eol);
  }

  writeRow(row: CsvRow): void {
    let control: Halalas | null = null;
    if (this.controlColumn !== undefined) {
      const text = row[this.controlColumn];
      control = text ? controlAmount(text) : null;
    }
    this.writeLine(this.serialize(row), control);
  }

  /** A data line as is (planted faults); `control` is its amount when it parses as one. */
  writeLine(line: string, control: Halalas | null = null): void {
    if (this.firstLine === null) this.firstLine = line;
    this.rows++;
    if (control !== null) this.control += control;
    const pending = this.pending + line + this.eol;
    if (pending.length < BATCH_CHARS) this.pending = pending;
    else {
      this.pending = "";
      this.append(pending);
    }
  }

  private append(text: string): void {
    // A UTF-16 code unit is at most 3 UTF-8 bytes, and exactly one Windows-1256 byte.
    const worst = this.utf8 ? text.length * 3 : text.length;
    if (this.used + worst > this.buffer.length) {
      if (this.buffer.length < MAX_BUFFER && worst <= MAX_BUFFER) {
        const grown = Buffer.allocUnsafe(Math.min(MAX_BUFFER, Math.max(this.buffer.length * 2, this.used + worst)));
        this.buffer.copy(grown, 0, 0, this.used);
        this.buffer = grown;
      }
      if (this.used + worst > this.buffer.length) this.flush();
      if (worst > this.buffer.length) {
        this.put(this.utf8 ? Buffer.from(text, "utf8") : iconv.encode(text, "win1256"));
        return;
      }
    }
    this.used += this.utf8 ? (this.buffer as Utf8Writable).utf8Write(text, this.used) : encode1256(text, this.buffer, this.used);
  }

  private flush(): void {
    if (this.pending.length > 0) {
      const pending = this.pending;
      this.pending = "";
      this.append(pending);
    }
    if (this.used > 0) {
      this.put(this.buffer.subarray(0, this.used));
      this.used = 0;
    }
  }

  private put(bytes: Buffer): void {
    this.hash.update(bytes);
    this.bytes += bytes.length;
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd!, bytes, done);
  }

  close(): WrittenFile {
    this.flush();
    closeSync(this.fd!);
    this.fd = null;
    if (!Number.isSafeInteger(this.control)) throw new Error(`${this.name}: control total overflowed safe integers`);
    return {
      name: this.name,
      path: this.path,
      rows: this.rows,
      control: this.control,
      sha256: this.hash.digest("hex"),
      bytes: this.bytes,
      encoding: this.format.encoding,
    };
  }
}
