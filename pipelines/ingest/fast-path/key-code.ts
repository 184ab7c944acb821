// The code of a key's field texts, read by the scan straight from the bytes of a line. Equal texts always
// give equal codes, quoted or not. A text of 1 to 15 digits (account numbers, national IDs) is coded
// exactly, so a reference found through its code is found for certain; any other text by a 62-bit hash,
// where two texts share a code about once in 4·10^18 pairs. A code is two 32-bit words; its high word
// is never 0 and never has bit 30 set (key-set.ts keeps its marks there).

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const EXACT = 0x80000000;

/** murmur3's 32-bit finaliser: every bit of the input reaches every bit of the output. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Whether a code (its high word) stands for one text only: 1 to 15 digits, coded exactly. */
export function isExact(hi: number): boolean {
  return (hi & EXACT) !== 0;
}

/** The fields 0..last of one record on one line: where each text starts and ends, quotes taken off. */
export class LineFields {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Whether the text holds a doubled quote (`""`), which stands for one. */
  readonly escaped: Uint8Array;
  buf: Uint8Array = new Uint8Array(0);
  /** A quoted line set some `escaped` flags: a plain one clears them. */
  private dirty = false;

  constructor(readonly last: number) {
    this.starts = new Int32Array(last + 1);
    this.ends = new Int32Array(last + 1);
    this.escaped = new Uint8Array(last + 1);
  }

  /**
   * Finds the fields of the record `buf[start, end)` (a line without its LF); `quoted` says the line
   * holds a quote. False when the record has too few fields or breaks RFC 4180 quoting.
   */
  read(buf: Uint8Array, start: number, end: number, quoted: boolean): boolean {
    this.buf = buf;
    if (end > start && buf[end - 1] === CR) end--;
    return quoted ? this.readQuoted(buf, start, end) : this.readPlain(buf, start, end);
  }

  /** Whether field `i` is empty (a null value). */
  empty(i: number): boolean {
    return this.starts[i] === this.ends[i];
  }

  private readPlain(buf: Uint8Array, start: number, end: number): boolean {
    const { starts, ends, last } = this;
    if (this.dirty) {
      this.escaped.fill(0);
      this.dirty = false;
    }
    let field = 0;
    starts[0] = start;
    for (let i = start; i < end; i++) {
      if (buf[i] !== COMMA) continue;
      ends[field] = i;
      if (field === last) return true;
      starts[++field] = i + 1;
    }
    ends[field] = end;
    return field === last;
  }

  private readQuoted(buf: Uint8Array, start: number, end: number): boolean {
    const { starts, ends, escaped, last } = this;
    this.dirty = true;
    let pos = start;
    for (let field = 0; field <= last; field++) {
      if (pos > end) return false;
      escaped[field] = 0;
      if (pos < end && buf[pos] === QUOTE) {
        let close = pos + 1;
        for (;;) {
          while (close < end && buf[close] !== QUOTE) close++;
          if (close >= end) return false;
          if (buf[close + 1] !== QUOTE || close + 1 >= end) break;
          escaped[field] = 1;
          close += 2;
        }
        starts[field] = pos + 1;
        ends[field] = close;
        pos = close + 1;
        if (pos < end && buf[pos] !== COMMA) return false;
      } else {
        let comma = pos;
        while (comma < end && buf[comma] !== COMMA) comma++;
        starts[field] = pos;
        ends[field] = comma;
        pos = comma;
      }
      pos++; // the comma
    }
    return true;
  }
}

/** The code of the last `codeOf` call: [hi, lo]. */
export const code = new Uint32Array(2);

/**
 * Codes the texts of the fields at `indexes` (a key of one or several columns, in the contract's order, or
 * one reference) into `code`: the text of a key of several columns is its fields joined by commas.
 */
export function codeOf(fields: LineFields, indexes: readonly number[]): void {
  const first = indexes[0]!;
  const last = indexes[indexes.length - 1]!;
  if (first === last && exactDigits(fields, first)) return;
  // Fields side by side in the line, in the key's order and without doubled quotes: the line's own bytes,
  // commas included, are the key's text.
  if (last - first === indexes.length - 1 && plainRun(fields, first, last)) {
    hashText(fields.buf, fields.starts[first]!, fields.ends[last]!);
    return;
  }
  let n = 0;
  for (let k = 0; k < indexes.length; k++) {
    if (k > 0) n = put(n, COMMA);
    const i = indexes[k]!;
    const buf = fields.buf;
    for (let p = fields.starts[i]!; p < fields.ends[i]!; p++) {
      n = put(n, buf[p]!);
      if (fields.escaped[i] === 1 && buf[p] === QUOTE) p++; // "" is one quote
    }
  }
  hashText(scratch, 0, n);
}

/** Whether fields first..last follow each other with one comma between, none quoted. */
function plainRun(fields: LineFields, first: number, last: number): boolean {
  for (let i = first; i <= last; i++) {
    if (fields.escaped[i] === 1) return false;
    if (i > first && fields.starts[i] !== fields.ends[i - 1]! + 1) return false;
  }
  return true;
}

/** A key's text put together, when it is not a run of the line's own bytes. */
let scratch = new Uint8Array(256);

function put(n: number, byte: number): number {
  if (n === scratch.length) {
    const grown = new Uint8Array(2 * n);
    grown.set(scratch);
    scratch = grown;
  }
  scratch[n] = byte;
  return n + 1;
}

/** A 62-bit hash of `buf[start, end)` into `code`, four bytes at a time through two 32-bit lanes. */
function hashText(buf: Uint8Array, start: number, end: number): void {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x9747b28c | 0;
  let p = start;
  for (; p + 4 <= end; p += 4) {
    const w = buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24);
    h1 = Math.imul(h1 ^ w, 0x01000193);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ w, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  for (; p < end; p++) {
    h1 = Math.imul(h1 ^ buf[p]!, 0x01000193);
    h2 = Math.imul(h2 ^ buf[p]!, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  const length = end - start;
  code[0] = mix32(h1 ^ length) & 0x3fffffff || 1;
  code[1] = mix32(h2 + Math.imul(length, 0x27d4eb2d));
}

/**
 * Codes a text of 1 to 15 digits exactly: a flag, its length, and its digits as two whole numbers (all but
 * the last nine, the last nine). False for any other text.
 */
function exactDigits(fields: LineFields, i: number): boolean {
  const start = fields.starts[i]!;
  const end = fields.ends[i]!;
  const length = end - start;
  if (length < 1 || length > 15 || fields.escaped[i] === 1) return false;
  const buf = fields.buf;
  const split = length > 9 ? end - 9 : start;
  let high = 0;
  let low = 0;
  for (let p = start; p < split; p++) {
    const d = buf[p]! - 48;
    if (d < 0 || d > 9) return false;
    high = high * 10 + d;
  }
  for (let p = split; p < end; p++) {
    const d = buf[p]! - 48;
    if (d < 0 || d > 9) return false;
    low = low * 10 + d;
  }
  code[0] = (EXACT | (length << 20) | high) >>> 0;
  code[1] = low;
  return true;
}
