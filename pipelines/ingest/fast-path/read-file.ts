// One streaming pass over a delivered file: its sha256 (of the bytes as delivered), its CSV structure,
// the format verdict and key codes of each data line (line-facts.ts), and its UTF-8 text (decoded from
// Windows-1256 when the manifest says so) with line numbers in front, written to a work file for DuckDB.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { CsvStructure } from "../csv-structure.ts";
import { eachLine, LineSplitter } from "./lines.ts";
import { NumberedWriter, startsWithBom, stripNumber } from "./numbered-copy.ts";
import { codePageToUtf8, Utf8Sniffer } from "../code-page.ts";
import type { EntityContract } from "../../contracts/index.ts";
import type { FileKeys } from "./file-keys.ts";
import { LineFacts } from "./line-facts.ts";

export interface FileScan {
  sha256: string;
  bytes: number;
  /** The UTF-8 text with line numbers in front (see numbered-copy.ts). */
  numberedPath: string;
  structure: CsvStructure;
  /** Byte offset of the first NUL byte: such a file is no CSV text. */
  nulAt: number | null;
  /** A file read as windows-1256 whose bytes are UTF-8 text beyond ASCII (see Utf8Sniffer). */
  readsAsUtf8: boolean;
  /** The codes of each row's key and references, when the scan was told the entity and the header has its columns. */
  keys: FileKeys | null;
}

/** What the scan needs to read each line's facts: the entity, and the rows the manifest announces. */
export interface ScanFacts {
  entity: EntityContract;
  expectedRows: number;
}

const QUOTE = 0x22;
const SLICE = 1 << 20;

/** Hands each line of the decoded text to the structure scanner, the line's facts and the numbered copy. */
function lineFeeder(structure: CsvStructure, numbered: NumberedWriter, facts: LineFacts | null): LineSplitter {
  // Where the next quote of the chunk is: a line before it needs no quote-by-quote look by the scanner.
  let quotesOf: Buffer | null = null;
  let nextQuote = -1;
  let first = true;
  return new LineSplitter((buf, start, end, lf) => {
    // The BOM belongs to the file, not to its first line: a BOM and then blank lines is a blank start.
    if (first) {
      first = false;
      if (startsWithBom(buf, start, end)) start += 3;
    }
    if (buf !== quotesOf || (nextQuote !== -1 && nextQuote < start)) {
      quotesOf = buf;
      nextQuote = buf.indexOf(QUOTE, start);
    }
    const quoted = nextQuote !== -1 && nextQuote < end;
    const row = structure.feed(buf, start, end, quoted);
    const vouched = row >= 0 && facts !== null && facts.line(structure.header!, row, buf, start, end, quoted);
    numbered.push(buf, start, end, lf, vouched);
  });
}

export async function scanFile(path: string, encoding: "utf-8" | "windows-1256", workPath: string, facts?: ScanFacts): Promise<FileScan> {
  const hash = createHash("sha256");
  const structure = new CsvStructure();
  const numbered = new NumberedWriter();
  const lineFacts = facts ? new LineFacts(facts.entity, facts.expectedRows) : null;
  const lines = lineFeeder(structure, numbered, lineFacts);
  const decode = encoding === "windows-1256" ? codePageToUtf8("windows-1256") : null;
  const sniffer = decode ? new Utf8Sniffer() : null;
  const out: WriteStream = createWriteStream(workPath);
  let bytes = 0;
  let nulAt: number | null = null;

  const write = async (blocks: Buffer[]) => {
    for (const block of blocks) if (!out.write(block)) await once(out, "drain");
  };
  // A 4 MB chunk takes the main thread tens of milliseconds; in slices, DuckDB's replies to the file being
  // loaded meanwhile are not kept waiting that long.
  const take = async (utf8: Buffer) => {
    for (let from = 0; from < utf8.length; from += SLICE) {
      if (from > 0) await new Promise((resolve) => setImmediate(resolve));
      lines.push(utf8.length <= SLICE ? utf8 : utf8.subarray(from, from + SLICE));
      await write(numbered.take());
    }
  };

  for await (const raw of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    hash.update(raw);
    if (nulAt === null) {
      const z = raw.indexOf(0);
      if (z !== -1) nulAt = bytes + z;
    }
    bytes += raw.length;
    sniffer?.push(raw);
    await take(decode ? decode(raw) : raw);
  }
  lines.end();
  structure.finish();
  await write(numbered.take(true));
  out.end();
  await once(out, "finish");
  const keys = lineFacts?.finish(structure.header, structure.rows, structure.malformed.length) ?? null;
  return {
    sha256: hash.digest("hex"),
    bytes,
    numberedPath: workPath,
    structure,
    nulAt,
    readsAsUtf8: sniffer?.readsAsUtf8() ?? false,
    keys,
  };
}

/**
 * The text of the given physical lines as delivered, from the numbered copy (a record spanning several lines is read whole by the caller).
 */
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

const CR = 0x0d;

/**
 * The first line holding a carriage return that ends no line: one inside a line, or (in a file whose first
 * line ends in a bare LF) anywhere. DuckDB's reader cannot go on past one; this says where it is.
 */
export async function firstStrayCarriageReturn(path: string): Promise<number | null> {
  let found: number | null = null;
  let lfOnly: boolean | null = null;
  await eachLine(path, (buf, start, end, n) => {
    // Searched within the line: a search from its start to the chunk's end would cross every later line.
    const at = buf.subarray(start, end).indexOf(CR);
    const last = end - start - 1;
    lfOnly ??= at !== last;
    if (at !== -1 && (at < last || lfOnly)) found = n;
    return found === null;
  });
  return found;
}
