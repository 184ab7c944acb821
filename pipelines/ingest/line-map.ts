// Where a record DuckDB rejected came from. DuckDB numbers the records it read; the records the
// structure scan took out (malformed quoting) come before some of them and shift the data row.
import type { CsvStructure } from "./csv-structure.ts";

export class LineMap {
  private readonly malformedRows: number[];
  constructor(structure: CsvStructure) {
    this.malformedRows = structure.malformed.map((m) => m.row).sort((a, b) => a - b);
  }

  /** Data row index (over the whole file) of the record DuckDB read at index `record`. */
  rowOfRecord(record: number): number {
    let row = record;
    for (const r of this.malformedRows) {
      if (r <= row) row++;
      else break;
    }
    return row;
  }
}
