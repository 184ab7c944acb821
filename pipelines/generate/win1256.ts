// Windows-1256 encoding of the legacy registration files, one byte per UTF-16 code unit. The text
// is first copied out as UTF-16 by Node's native writer and then mapped through a table: reading it
// back with charCodeAt, character by character from a freshly concatenated string, cost three times
// as much as the mapping.
import { endianness } from "node:os";
import iconv from "iconv-lite";

/** Buffer's encoding-specific writer: UTF-16LE code units, as they are in the string. */
type Ucs2Writable = Buffer & { ucs2Write(text: string, offset: number): number };

const LITTLE_ENDIAN = endianness() === "LE";
let table: Uint8Array | undefined;
let units = new Uint16Array(8 << 10);
let unitBytes = Buffer.from(units.buffer) as Ucs2Writable;

/** Byte of each UTF-16 code unit; from iconv-lite (the reference), built once; outside the code page "?", as iconv-lite writes it. */
function tableOf(): Uint8Array {
  if (!table) {
    table = new Uint8Array(65536).fill(0x3f);
    const chars = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, b) => b)), "win1256");
    for (let b = 0; b < 256; b++) table[chars.charCodeAt(b)] = b;
  }
  return table;
}

/** Encodes `text` into `target` at `offset`, returning the bytes written (one per code unit). */
export function encode1256(text: string, target: Uint8Array, offset: number): number {
  const map = tableOf();
  const n = text.length;
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < n; i++) target[offset + i] = map[text.charCodeAt(i)]!;
    return n;
  }
  if (units.length < n) {
    units = new Uint16Array(Math.max(n, units.length * 2));
    unitBytes = Buffer.from(units.buffer) as Ucs2Writable;
  }
  unitBytes.ucs2Write(text, 0);
  for (let i = 0; i < n; i++) {
    const c = units[i]!;
    target[offset + i] = c < 128 ? c : map[c]!;
  }
  return n;
}
