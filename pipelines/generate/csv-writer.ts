// One extract file being written: RFC 4180 rows in large buffered chunks, hashed and counted as
// they go, so a national-scale file never sits in memory and its manifest entry is free at close.
import { createHash, type Hash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import iconv from "iconv-lite";
import { tryParseSar, type Halalas } from "../rules/money.ts";

export type Encoding = "utf-8" | "windows-1256";

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

const FLUSH_AT = 1 << 20;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export class CsvFile {
  rows = 0;
  control: Halalas = 0;
  /** The first data line as written, kept for planting exact re-sends. */
  firstLine: string | null = null;
  private parts: string[] = [];
  private pending = 0;
  private bytes = 0;
  private readonly hash: Hash = createHash("sha256");
  private fd: number | null;
  private readonly eol: string;

  constructor(
    readonly path: string,
    readonly name: string,
    readonly format: FileFormat,
    private readonly controlColumn: string | undefined,
  ) {
    this.fd = openSync(path, "w");
    this.eol = format.crlf ? "\r\n" : "\n";
    if (format.bom) this.put(Buffer.from([0xef, 0xbb, 0xbf]));
    this.parts.push(format.columns.map(csvField).join(",") + this.eol);
  }

  writeRow(row: CsvRow): void {
    const columns = this.format.columns;
    let line = csvField(row[columns[0]!]);
    for (let i = 1; i < columns.length; i++) line += "," + csvField(row[columns[i]!]);
    let control: Halalas | null = null;
    if (this.controlColumn !== undefined) {
      const text = row[this.controlColumn];
      control = text ? tryParseSar(text) : null;
    }
    this.writeLine(line, control);
  }

  /** A data line as is (planted faults); `control` is its amount when it parses as one. */
  writeLine(line: string, control: Halalas | null = null): void {
    if (this.firstLine === null) this.firstLine = line;
    this.rows++;
    if (control !== null) this.control += control;
    this.parts.push(line, this.eol);
    this.pending += line.length + 2;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  /** Bytes appended without a line ending (a file cut off mid-row). */
  writeTail(text: string): void {
    this.parts.push(text);
    this.flush();
  }

  private flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join("");
    this.parts = [];
    this.pending = 0;
    this.put(this.format.encoding === "windows-1256" ? iconv.encode(text, "win1256") : Buffer.from(text, "utf8"));
  }

  private put(buffer: Buffer): void {
    this.hash.update(buffer);
    this.bytes += buffer.length;
    writeSync(this.fd!, buffer);
  }

  close(): WrittenFile {
    this.flush();
    closeSync(this.fd!);
    this.fd = null;
    if (!Number.isSafeInteger(this.control)) throw new Error(`${this.name}: control total overflowed safe integers`);
    return {
      name: this.name, path: this.path, rows: this.rows, control: this.control, sha256: this.hash.digest("hex"),
      bytes: this.bytes, encoding: this.format.encoding,
    };
  }
}
