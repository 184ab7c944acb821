// Reading a text file line by line without making a string of every line.
import { createReadStream } from "node:fs";

const LF = 0x0a;

/**
 * Every physical line of a file, in order: `visit(buf, start, end, n, lf)` sees line n as `buf[start, end)`
 * without its LF (`lf` false for a last line without one), and stops the reading by returning false.
 * `buf` is a view of the chunk just read; `drain`, run after each chunk (a writer's backpressure), is the
 * last moment to use such views: copy what is kept longer.
 */
export async function eachLine(
  path: string,
  visit: (buf: Buffer, start: number, end: number, n: number, lf: boolean) => boolean | void,
  drain?: () => Promise<void>,
): Promise<void> {
  let n = 0;
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) break;
      const stop = carry
        ? visit(Buffer.concat([carry, chunk.subarray(pos, nl)]), 0, carry.length + nl - pos, ++n, true) === false
        : visit(chunk, pos, nl, ++n, true) === false;
      carry = null;
      pos = nl + 1;
      if (stop) return;
    }
    if (pos < chunk.length) carry = carry ? Buffer.concat([carry, chunk.subarray(pos)]) : Buffer.from(chunk.subarray(pos));
    if (drain) await drain();
  }
  if (carry && carry.length) visit(carry, 0, carry.length, ++n, false);
}
