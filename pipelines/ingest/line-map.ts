// Where a parsed row came from. DuckDB numbers the rows it parsed; rows it rejected, rows the
// structure scan took out (malformed quoting) and rows spanning several lines shift the physical line.
import type { CsvStructure } from "./csv-structure.ts";

export class LineMap {
  private readonly malformedRows: number[];
  constructor(
    private readonly structure: CsvStructure,
    /** Indexes (in the file DuckDB read) of the records DuckDB rejected, ascending. */
    private readonly rejectedRecords: number[],
  ) {
    this.malformedRows = structure.malformed.map((m) => m.row).sort((a, b) => a - b);
  }

  /**
   * The map for a subsequence of the parsed rows: the parsed rows at the ascending indexes `parsed`
   * (those that failed a rule) taken out, as if DuckDB had rejected them too.
   */
  withoutParsed(parsed: number[]): LineMap {
    if (parsed.length === 0) return this;
    const records = [...this.rejectedRecords, ...parsed.map((g) => skipOver(g, this.rejectedRecords))].sort((a, b) => a - b);
    return new LineMap(this.structure, records);
  }

  /** True when parsed row g sits on line g + header + 1 for every g. */
  get trivial(): boolean {
    return this.structure.regular && this.rejectedRecords.length === 0 && this.malformedRows.length === 0;
  }

  /** Data row index (over the whole file) of the record DuckDB read at index `record`. */
  rowOfRecord(record: number): number {
    return skipOver(record, this.malformedRows);
  }

  /** Data row indexes (over the whole file) of parsed rows `parsed`. */
  rowsOfParsed(parsed: number[]): number[] {
    return parsed.map((g) => this.rowOfRecord(skipOver(g, this.rejectedRecords)));
  }

  /**
   * Breakpoints (from parsed row g on, line = g + offset) covering `count` parsed rows: small unless rows
   * are irregular throughout. Used to stamp `_line` on every loaded row in one ASOF join.
   */
  breakpoints(count: number): { g: number; offset: number }[] {
    const out: { g: number; offset: number }[] = [];
    const rejected = this.rejectedRecords;
    const malformed = this.malformedRows;
    let record = -1;
    let ri = 0;
    let recordOfRow = -1; // the record whose row is `row`
    let row = -1;
    let mi = 0;
    let last = Number.NaN;
    for (let g = 0; g < count; g++) {
      record++;
      while (ri < rejected.length && rejected[ri]! <= record) if (rejected[ri++] === record) record++;
      while (recordOfRow < record) {
        recordOfRow++;
        row++;
        while (mi < malformed.length && malformed[mi]! <= row) if (malformed[mi++] === row) row++;
      }
      const offset = this.structure.lineOfRow(row) - g;
      if (offset !== last) out.push({ g, offset });
      last = offset;
    }
    return out;
  }
}

/** The n-th (0-based) element of the naturals with the ascending `removed` taken out. */
function skipOver(n: number, removed: number[]): number {
  let value = n;
  for (const r of removed) {
    if (r <= value) value++;
    else break;
  }
  return value;
}
