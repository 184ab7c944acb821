// One streaming pass over a delivered file: its sha256 (of the bytes as delivered), its CSV structure,
// and its UTF-8 text (decoded from Windows-1256 when the manifest says so) with line numbers in front,
// written to a work file for DuckDB to read.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { CsvStructure } from "./csv-structure.ts";
import { eachLine } from "./lines.ts";
import { NumberedWriter, stripNumber } from "./numbered-copy.ts";
import { codePageToUtf8 } from "./code-page.ts";

export interface FileScan {
  sha256: string;
  bytes: number;
  /** The UTF-8 text with line numbers in front (see numbered-copy.ts). */
  numberedPath: string;
  structure: CsvStructure;
  /** Byte offset of the first NUL byte: such a file is no CSV text. */
  nulAt: number | null;
}

const LF = 0x0a;
const QUOTE = 0x22;

/** Feeds a stream of UTF-8 chunks to the structure scanner and the numbered copy, line by line. */
class LineFeeder {
  private carry: Buffer | null = null;
  constructor(
    private readonly structure: CsvStructure,
    private readonly numbered: NumberedWriter,
  ) {}

  push(chunk: Buffer): void {
    let pos = 0;
    if (this.carry) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const line = Buffer.concat([this.carry, chunk.subarray(0, nl)]);
      this.carry = null;
      this.structure.feed(line, 0, line.length);
      this.numbered.push(line, 0, line.length, true);
      pos = nl + 1;
    }
    let nextQuote = chunk.indexOf(QUOTE, pos);
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) break;
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = chunk.indexOf(QUOTE, pos);
      this.structure.feed(chunk, pos, nl, nextQuote !== -1 && nextQuote < nl);
      this.numbered.push(chunk, pos, nl, true);
      pos = nl + 1;
    }
    if (pos < chunk.length) this.carry = Buffer.from(chunk.subarray(pos));
  }

  end(): void {
    if (this.carry && this.carry.length > 0) {
      this.structure.feed(this.carry, 0, this.carry.length);
      this.numbered.push(this.carry, 0, this.carry.length, false);
    }
    this.carry = null;
    this.structure.finish();
  }
}

export async function scanFile(path: string, encoding: "utf-8" | "windows-1256", workPath: string): Promise<FileScan> {
  const hash = createHash("sha256");
  const structure = new CsvStructure();
  const numbered = new NumberedWriter();
  const feeder = new LineFeeder(structure, numbered);
  const decode = encoding === "windows-1256" ? codePageToUtf8("windows-1256") : null;
  const out: WriteStream = createWriteStream(workPath);
  let bytes = 0;
  let nulAt: number | null = null;

  const write = async (blocks: Buffer[]) => {
    for (const block of blocks) if (!out.write(block)) await once(out, "drain");
  };
  const take = async (utf8: Buffer) => {
    if (utf8.length === 0) return;
    feeder.push(utf8);
    await write(numbered.take());
  };

  for await (const raw of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    hash.update(raw);
    if (nulAt === null) {
      const z = raw.indexOf(0);
      if (z !== -1) nulAt = bytes + z;
    }
    bytes += raw.length;
    await take(decode ? decode(raw) : raw);
  }
  feeder.end();
  await write(numbered.take(true));
  out.end();
  await once(out, "finish");
  return { sha256: hash.digest("hex"), bytes, numberedPath: workPath, structure, nulAt };
}

/** The text of the given physical lines as delivered, from the numbered copy (a record spanning several lines is read whole by the caller). */
export async function readLines(path: string, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  const last = Math.max(...wanted);
  await eachLine(path, (buf, start, end, n) => {
    if (wanted.has(n)) found.set(n, stripNumber(buf.subarray(start, end)).toString("utf8").replace(/\r$/, ""));
    return n < last;
  });
  return found;
}
