// One streaming pass over a delivered file: its sha256 (of the bytes as delivered), its UTF-8 text
// (decoded from Windows-1256 into a work file when the manifest says so), and its CSV structure.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import iconv from "iconv-lite";
import { CsvStructure } from "./csv-structure.ts";

export interface FileScan {
  sha256: string;
  bytes: number;
  /** The file DuckDB should read: the original, or its UTF-8 decoding. */
  utf8Path: string;
  structure: CsvStructure;
  /** Byte offset of the first NUL byte: such a file is no CSV text. */
  nulAt: number | null;
}

const LF = 0x0a;
const QUOTE = 0x22;

/** Feeds a stream of UTF-8 chunks to the structure scanner, line by line. */
class LineFeeder {
  private carry: Buffer | null = null;
  constructor(private readonly structure: CsvStructure) {}

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
      pos = nl + 1;
    }
    let nextQuote = chunk.indexOf(QUOTE, pos);
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) break;
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = chunk.indexOf(QUOTE, pos);
      this.structure.feed(chunk, pos, nl, nextQuote !== -1 && nextQuote < nl);
      pos = nl + 1;
    }
    if (pos < chunk.length) this.carry = Buffer.from(chunk.subarray(pos));
  }

  end(): void {
    if (this.carry && this.carry.length > 0) this.structure.feed(this.carry, 0, this.carry.length);
    this.carry = null;
    this.structure.finish();
  }
}

export async function scanFile(path: string, encoding: "utf-8" | "windows-1256", workPath: string): Promise<FileScan> {
  const hash = createHash("sha256");
  const structure = new CsvStructure();
  const feeder = new LineFeeder(structure);
  const decoder = encoding === "windows-1256" ? iconv.getDecoder("windows-1256") : null;
  const out: WriteStream | null = decoder ? createWriteStream(workPath) : null;
  let bytes = 0;
  let nulAt: number | null = null;

  const take = async (utf8: Buffer) => {
    if (utf8.length === 0) return;
    feeder.push(utf8);
    if (out && !out.write(utf8)) await once(out, "drain");
  };

  for await (const raw of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    hash.update(raw);
    if (nulAt === null) {
      const z = raw.indexOf(0);
      if (z !== -1) nulAt = bytes + z;
    }
    bytes += raw.length;
    await take(decoder ? Buffer.from(decoder.write(raw), "utf8") : raw);
  }
  if (decoder) await take(Buffer.from(decoder.end() ?? "", "utf8"));
  feeder.end();
  if (out) {
    out.end();
    await once(out, "finish");
  }
  return { sha256: hash.digest("hex"), bytes, utf8Path: out ? workPath : path, structure, nulAt };
}

/** Copies a UTF-8 file leaving out the given physical lines (the malformed records), so DuckDB never sees them. */
export async function copyWithoutLines(source: string, target: string, dropLines: ReadonlySet<number>): Promise<void> {
  const out = createWriteStream(target);
  let line = 1;
  let keep = !dropLines.has(1);
  for await (const chunk of createReadStream(source, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      const end = nl === -1 ? chunk.length : nl + 1;
      if (keep && end > pos && !out.write(chunk.subarray(pos, end))) await once(out, "drain");
      if (nl === -1) break;
      line++;
      keep = !dropLines.has(line);
      pos = end;
    }
  }
  out.end();
  await once(out, "finish");
}

/** The raw text of the given physical lines (a record spanning several lines is read whole by the caller). */
export async function readLines(path: string, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  const last = Math.max(...wanted);
  let line = 1;
  let current: Buffer[] = [];
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      const end = nl === -1 ? chunk.length : nl;
      if (wanted.has(line)) current.push(chunk.subarray(pos, end));
      if (nl === -1) break;
      if (wanted.has(line)) found.set(line, Buffer.concat(current).toString("utf8").replace(/\r$/, ""));
      current = [];
      line++;
      pos = nl + 1;
      if (line > last) return found;
    }
  }
  if (current.length) found.set(line, Buffer.concat(current).toString("utf8").replace(/\r$/, ""));
  return found;
}
