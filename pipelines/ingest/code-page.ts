// A single-byte code page (Windows-1256) to UTF-8 bytes. Node's own decoder (ICU, native) is used where
// Node has it: iconv-lite, in JavaScript, took longer than everything else the scan of a file does.
// iconv-lite stays for a Node built without full ICU; both map every byte the same (tests/ingest-files).
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
