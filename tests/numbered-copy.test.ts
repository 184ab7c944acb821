// The numbered copy is what DuckDB reads instead of the delivered file: its bytes must be the delivered
// text, line for line, with each non-blank line's physical number in front (negative where the scan did
// not vouch for the line), however the file is cut into chunks and whatever the lines hold.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LineSplitter } from "../pipelines/ingest/fast-path/lines.ts";
import { LINE_COLUMN, NumberedWriter } from "../pipelines/ingest/fast-path/numbered-copy.ts";

/** Whether the scan vouched for line n: every third line, in these tests. */
const vouched = (n: number) => n % 3 === 0;

/** The numbered text written the plain way, line by line. */
function expected(text: Buffer): Buffer {
  const lines = text.toString("latin1").split("\n");
  const last = lines.pop()!;
  const all = last === "" ? lines.map((l) => [l, true] as const) : [...lines.map((l) => [l, true] as const), [last, false] as const];
  let header = true;
  return Buffer.from(
    all
      .map(([line, lf], i) => {
        const blank = line === "" || line === "\r";
        let out = line;
        if (!blank && header) {
          header = false;
          out = `${LINE_COLUMN},${line.replace(/^\xef\xbb\xbf/, "")}`;
        } else if (!blank) out = `${vouched(i + 1) ? "" : "-"}${i + 1},${line}`;
        return out + (lf ? "\n" : "");
      })
      .join(""),
    "latin1",
  );
}

function numbered(text: Buffer, cuts: number[]): Buffer {
  const writer = new NumberedWriter();
  let n = 0;
  const splitter = new LineSplitter((buf, start, end, lf) => writer.push(buf, start, end, lf, vouched(++n)));
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b).concat(text.length)) {
    splitter.push(text.subarray(from, cut));
    out.push(...writer.take());
    from = cut;
  }
  splitter.end();
  out.push(...writer.take(true));
  return Buffer.concat(out);
}

const line = fc.oneof(
  fc.constantFrom("", "\r", "a", "ab", "abc", "abcd", "abcde", "\xef\xbb\xbfid,name", '1,"قال ""نعم""",x\r'),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s.replaceAll("\n", " "), "utf8").toString("latin1")),
  fc.uint8Array({ maxLength: 90 }).map((b) => Buffer.from(b).toString("latin1").replaceAll("\n", "")),
);

describe("the numbered copy", () => {
  it("is the delivered text with each non-blank line's number in front, however the chunks fall", () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.boolean(),
        fc.array(fc.nat({ max: 4000 }), { maxLength: 6 }),
        (lines, lastLf, cuts) => {
          const text = Buffer.from(lines.join("\n") + (lastLf && lines.length ? "\n" : ""), "latin1");
          expect(numbered(text, cuts).equals(expected(text))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("copies a record of megabytes whole", () => {
    const long = Buffer.alloc(3 * 1024 * 1024 + 3, "é").toString("latin1");
    const text = Buffer.from(`id,note\n1,${long}\n2,x`, "latin1");
    expect(numbered(text, [5, 1 << 20]).equals(expected(text))).toBe(true);
  });
});
