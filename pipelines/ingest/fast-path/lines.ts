// Reading text line by line without making a string of every line.
import { createReadStream } from "node:fs";

const LF = 0x0a;

/** Sees one physical line, `buf[start, end)` without its LF (`lf` false for a last line without one); false stops. */
export type LineVisitor = (buf: Buffer, start: number, end: number, lf: boolean) => unknown;

/**
 * Chunks in, physical lines out: a line cut between two chunks is joined before it is seen. `buf` is a
 * view of the chunk being split: copy what is kept past the next `push`.
 */
export class LineSplitter {
  private carry: Buffer | null = null;
  constructor(private readonly visit: LineVisitor) {}

  /** Splits a chunk; false once the visitor asked to stop. */
  push(chunk: Buffer): boolean {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, pos);
      if (nl === -1) break;
      let stop: boolean;
      if (this.carry) {
        const line = Buffer.concat([this.carry, chunk.subarray(pos, nl)]);
        this.carry = null;
        stop = this.visit(line, 0, line.length, true) === false;
      } else stop = this.visit(chunk, pos, nl, true) === false;
      pos = nl + 1;
      if (stop) return false;
    }
    if (pos < chunk.length) this.carry = this.carry ? Buffer.concat([this.carry, chunk.subarray(pos)]) : Buffer.from(chunk.subarray(pos));
    return true;
  }

  /** The last line, when the text does not end with an LF. */
  end(): void {
    if (this.carry?.length) this.visit(this.carry, 0, this.carry.length, false);
    this.carry = null;
  }
}

/**
 * Every physical line of a file, in order: `visit(buf, start, end, n, lf)` sees line n as a LineVisitor
 * does, and stops the reading by returning false. `drain`, run after each chunk (a writer's
 * backpressure), is the last moment to use `buf`: copy what is kept longer.
 */
export async function eachLine(
  path: string,
  visit: (buf: Buffer, start: number, end: number, n: number, lf: boolean) => unknown,
  drain?: () => Promise<void>,
): Promise<void> {
  let n = 0;
  const lines = new LineSplitter((buf, start, end, lf) => visit(buf, start, end, ++n, lf));
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    if (!lines.push(chunk)) return;
    if (drain) await drain();
  }
  lines.end();
}
