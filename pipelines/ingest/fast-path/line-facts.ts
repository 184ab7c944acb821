// What the scan works out from each data line besides its structure: whether it meets its rules
// (line-check.ts: its patterns, on the line as a string of its bytes made once per slice of text, and the
// checks that have a form for the scan) and the codes of its key and references (file-keys.ts).
import type { EntityContract } from "../../contracts/index.ts";
import { FileKeysReader, type FileKeys } from "./file-keys.ts";
import { LineFields } from "./key-code.ts";
import { lineCheck, scanChecks, type LineCheck } from "./line-check.ts";

export class LineFacts {
  private check: LineCheck | null = null;
  private checks: ReturnType<typeof scanChecks> = null;
  private keys: FileKeysReader | null = null;
  /** The fields of the line, found once for the keys and the checks. */
  private fields: LineFields | null = null;
  private ready = false;
  private text = "";
  private textOf: Buffer | null = null;
  /** The lines of `text` before this offset match their patterns. */
  private vouchedEnd = 0;

  constructor(
    private readonly entity: EntityContract,
    private readonly expectedRows: number,
  ) {}

  /**
   * Data row `row`, a whole record on the line `buf[start, end)` of a file with this header; `quoted` says
   * the line holds a quote. True when the line meets every rule the scan checks. Lines come in order.
   */
  line(header: readonly string[], row: number, buf: Buffer, start: number, end: number, quoted: boolean): boolean {
    if (!this.ready) this.start(header);
    // Too few fields: DuckDB rejects the row.
    const read = this.fields?.read(buf, start, end, quoted) === true;
    if (read) this.keys?.line(row, this.fields!);
    if (quoted || this.check === null) return false;
    if (buf !== this.textOf) {
      this.textOf = buf;
      this.text = buf.toString("latin1");
      this.vouchedEnd = 0;
    }
    if (start >= this.vouchedEnd) this.vouchedEnd = this.check.vouchedUntil(this.text, start);
    return this.vouchedEnd > start && (this.checks === null || (read && this.checks.holds(this.fields!)));
  }

  /** The file's codes, or null when its header left them unknown. */
  finish(header: readonly string[] | null, rows: number, malformed: number): FileKeys | null {
    if (!this.ready && header) this.start(header);
    return this.keys?.finish(rows, malformed) ?? null;
  }

  private start(header: readonly string[]): void {
    this.ready = true;
    this.check = lineCheck(this.entity, header);
    this.checks = this.check && scanChecks(this.entity, header);
    this.keys = FileKeysReader.for(this.entity, header, this.expectedRows);
    const last = Math.max(-1, this.keys?.last ?? -1, this.checks?.last ?? -1);
    if (last >= 0) this.fields = new LineFields(last);
  }
}
