// What the scan learns of a file's keys and references, line by line, for the proofs of run-keys.ts:
// the code (key-code.ts) of each data row's key and of each value it names in another entity.
import { columnsOf, keyColumns, type EntityContract } from "../../contracts/index.ts";
import { code, codeOf, isExact, type LineFields } from "./key-code.ts";

/** Codes of one column (or of the key's columns) for every data row; a high word of 0 where there is none. */
export interface RowCodes {
  hi: Uint32Array;
  lo: Uint32Array;
}

export interface FileKeys {
  /** Data rows, malformed ones included (the structure scan's numbering). */
  rows: number;
  /** Every data row was read, or set aside as malformed before DuckDB sees it. */
  complete: boolean;
  /** No key of the file was seen before in this run: not in an earlier file, not on an earlier line (run-keys.ts). */
  fresh: boolean;
  key: RowCodes;
  /**
   * The values each reference column names in another entity, by data row; once the scan has looked them up
   * (run-keys.ts), only those not yet found loaded, `count` of them. `exact`: every value was coded exactly
   * (key-code.ts), so what is found through the codes is found for certain; a hashed value proves nothing.
   */
  references: { column: string; entity: string; codes: RowCodes; count: number; exact: boolean }[];
}

/** Collects a file's codes as the scan reads its lines. */
export class FileKeysReader {
  private readonly keyIndexes: number[];
  private readonly refIndexes: number[][];
  private read = 0;
  private readonly keys: FileKeys;
  /** The last field it reads. */
  readonly last: number;

  private constructor(entity: EntityContract, header: readonly string[], expectedRows: number) {
    this.keyIndexes = keyColumns(entity).map((k) => header.indexOf(k));
    const refs = columnsOf(entity).filter((c) => c.references && c.references.entity !== entity.name);
    this.refIndexes = refs.map((c) => [header.indexOf(c.name)]);
    this.last = Math.max(...this.keyIndexes, ...this.refIndexes.flat());
    const size = Math.max(16, expectedRows);
    this.keys = {
      rows: 0,
      complete: true,
      fresh: false,
      key: codes(size),
      references: refs.map((c) => ({
        column: c.name,
        entity: c.references!.entity,
        codes: codes(size),
        count: 0,
        exact: true,
      })),
    };
  }

  /** A reader for a file with this header, or null when the header lacks a key or reference column (such a file is rejected). */
  static for(entity: EntityContract, header: readonly string[], expectedRows: number): FileKeysReader | null {
    const needed = [
      ...keyColumns(entity),
      ...columnsOf(entity)
        .filter((c) => c.references)
        .map((c) => c.name),
    ];
    return needed.every((name) => header.includes(name)) ? new FileKeysReader(entity, header, expectedRows) : null;
  }

  /** Data row `row`, a whole record on one line whose fields `f` found (through `last`). */
  line(row: number, f: LineFields): void {
    if (row >= this.keys.key.hi.length) this.grow(row);
    const { key, references } = this.keys;
    codeOf(f, this.keyIndexes);
    key.hi[row] = code[0]!;
    key.lo[row] = code[1]!;
    for (let r = 0; r < references.length; r++) {
      const field = this.refIndexes[r]!;
      if (f.empty(field[0]!)) continue;
      codeOf(f, field);
      if (!isExact(code[0]!)) references[r]!.exact = false;
      references[r]!.codes.hi[row] = code[0]!;
      references[r]!.codes.lo[row] = code[1]!;
    }
    this.read++;
  }

  /** The codes, once the scan has seen every line; `rows` and `malformed` come from the structure scan. */
  finish(rows: number, malformed: number): FileKeys {
    this.keys.rows = rows;
    for (const r of this.keys.references) r.count = rows;
    this.keys.complete = this.read + malformed === rows;
    return this.keys;
  }

  private grow(row: number): void {
    const size = Math.max(row + 1, this.keys.key.hi.length * 2);
    this.keys.key = resized(this.keys.key, size);
    for (const r of this.keys.references) r.codes = resized(r.codes, size);
  }
}

const codes = (size: number): RowCodes => ({ hi: new Uint32Array(size), lo: new Uint32Array(size) });

function resized(c: RowCodes, size: number): RowCodes {
  const out = codes(size);
  out.hi.set(c.hi);
  out.lo.set(c.lo);
  return out;
}
