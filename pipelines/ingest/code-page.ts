// A single-byte code page (Windows-1256) to UTF-8 bytes. Node's own decoder (ICU, native) is used where
// Node has it: iconv-lite, in JavaScript, took longer than everything else the scan of a file does.
// iconv-lite stays for a Node built without full ICU; both map every byte the same (tests/ingest-files).
import { isAscii, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

/** A decoder from a single-byte code page to UTF-8: chunks may be cut anywhere, since every byte stands alone. */
export function codePageToUtf8(encoding: string): (chunk: Buffer) => Buffer {
  const native = nativeDecoder(encoding);
  if (native) return (chunk) => Buffer.from(native.decode(chunk, { stream: true }), "utf8");
  const decoder = iconv.getDecoder(encoding);
  return (chunk) => Buffer.from(decoder.write(chunk), "utf8");
}

/** Node's own decoder for the encoding, or null where Node was built without full ICU. */
function nativeDecoder(encoding: string): TextDecoder | null {
  try {
    return new TextDecoder(encoding);
  } catch {
    return null;
  }
}

/**
 * Whether bytes fed in chunks (cut anywhere) are UTF-8 text beyond ASCII: a file its manifest calls
 * windows-1256 that reads so is UTF-8 mislabelled, since Arabic in Windows-1256 never forms UTF-8.
 */
export class Utf8Sniffer {
  private carry = Buffer.alloc(0);
  private valid = true;
  private beyondAscii = false;

  push(chunk: Buffer): void {
    if (!this.valid) return;
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = bytes.length - incompleteTail(bytes);
    this.carry = Buffer.from(bytes.subarray(cut));
    const body = bytes.subarray(0, cut);
    this.valid = isUtf8(body);
    this.beyondAscii ||= this.valid && !isAscii(body);
  }

  /** True when the whole text was UTF-8 and not all of it ASCII. */
  readsAsUtf8(): boolean {
    return this.valid && this.carry.length === 0 && this.beyondAscii;
  }
}

/** How many bytes at the end start a UTF-8 sequence the chunk does not finish. */
function incompleteTail(bytes: Buffer): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}
