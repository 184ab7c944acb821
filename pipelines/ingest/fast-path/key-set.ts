// A set of key codes (key-code.ts) in typed arrays: tens of millions of keys at 8 bytes a slot and no
// garbage collection. Keys are spread over 256 partitions, each an open-addressing table, and a file's
// keys are handled in one batch, partition by partition: each partition's table then stays in the CPU's
// cache while its keys go in (a key at a time into one 70 MB table cost a cache miss each, 330 ns; this
// way about 40 ns). A key can be marked loaded: seen in a file, and loaded by DuckDB too.
import type { RowCodes } from "./file-keys.ts";
import { mix32 } from "./key-code.ts";

/** Bit 30 of a code's high word is never part of a code: the set keeps the loaded mark there. */
const LOADED = 0x40000000;
const PARTITIONS = 256;
const MAX_LOAD = 0.75;

/** A code's partition, from other bits than its slot within the partition (`Table.find`). */
const partitionOf = (hi: number, lo: number) => mix32((lo ^ 0x5bd1e995) + Math.imul(hi, 0x27d4eb2d)) >>> 24;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class KeySet {
  private readonly tables: Table[] = [];
  size = 0;

  /** `expected`: the keys it will hold in all, when known, so that its tables are made once at their size. */
  constructor(private readonly expected = 0) {}

  get bytes(): number {
    let total = 0;
    for (const t of this.tables) if (t) total += t.slots.byteLength;
    return total;
  }

  /** Adds the codes of rows `0..rows` (those not 0); returns how many were in the set already, or came twice. */
  async addAll(codes: RowCodes, rows: number): Promise<number> {
    let repeats = 0;
    for await (const { table, hi, lo, from, to } of this.partitions(codes, rows, null, true)) {
      for (let i = from; i < to; i++) if (!table.add(hi[i]!, lo[i]!)) repeats++;
    }
    this.size = this.tables.reduce((n, t) => n + (t?.size ?? 0), 0);
    return repeats;
  }

  /** Marks the codes of rows `0..rows` loaded, but for the `except` rows. */
  async markLoaded(codes: RowCodes, rows: number, except: ReadonlySet<number>): Promise<void> {
    for await (const { table, hi, lo, from, to } of this.partitions(codes, rows, except, true)) {
      for (let i = from; i < to; i++) table.markLoaded(hi[i]!, lo[i]!);
    }
  }

  /** The codes of rows `0..rows` (those not 0) not marked loaded, in no order. */
  async notLoaded(codes: RowCodes, rows: number): Promise<RowCodes> {
    let missing: RowCodes = { hi: new Uint32Array(0), lo: new Uint32Array(0) };
    let n = 0;
    for await (const { table, hi, lo, from, to } of this.partitions(codes, rows, null, false)) {
      for (let i = from; i < to; i++) {
        if (table.hasLoaded(hi[i]!, lo[i]!)) continue;
        if (n === missing.hi.length) missing = grown(missing, Math.max(1024, 2 * n));
        missing.hi[n] = hi[i]!;
        missing.lo[n++] = lo[i]!;
      }
    }
    return { hi: missing.hi.subarray(0, n), lo: missing.lo.subarray(0, n) };
  }

  /**
   * Sorts the codes by partition (two passes, like a radix sort's), then hands them over a partition at a
   * time with its table; `grows` makes room in each table for its codes first.
   */
  private async *partitions(codes: RowCodes, rows: number, except: ReadonlySet<number> | null, grows: boolean) {
    const { hi, lo } = codes;
    const part = new Uint16Array(rows);
    const starts = new Uint32Array(PARTITIONS + 1);
    for (let row = 0; row < rows; row++) {
      const p = hi[row] === 0 || (except !== null && except.size > 0 && except.has(row)) ? PARTITIONS : partitionOf(hi[row]!, lo[row]!);
      part[row] = p;
      if (p < PARTITIONS) starts[p + 1]!++;
    }
    for (let p = 0; p < PARTITIONS; p++) starts[p + 1]! += starts[p]!;
    const sortedHi = new Uint32Array(starts[PARTITIONS]!);
    const sortedLo = new Uint32Array(starts[PARTITIONS]!);
    const next = starts.slice(0, PARTITIONS);
    for (let row = 0; row < rows; row++) {
      const p = part[row]!;
      if (p === PARTITIONS) continue;
      const at = next[p]!++;
      sortedHi[at] = hi[row]!;
      sortedLo[at] = lo[row]!;
    }
    for (let p = 0; p < PARTITIONS; p++) {
      const n = starts[p + 1]! - starts[p]!;
      if (n === 0) continue;
      if (grows) this.tables[p] ??= new Table(Math.max(n, this.expected / PARTITIONS));
      const table = this.tables[p] ?? NONE;
      if (grows) table.reserve(n);
      yield { table, hi: sortedHi, lo: sortedLo, from: starts[p]!, to: starts[p + 1]! };
      if (p % 32 === 31) await turn();
    }
  }
}

/** One partition: open addressing with linear probing, a slot's two words side by side (one cache line a probe). */
class Table {
  /** Slot i: its high word at 2i (0 when empty, as no code's is), its low word at 2i + 1. */
  slots: Uint32Array;
  private capacity: number;
  size = 0;

  constructor(expected: number) {
    this.capacity = Math.max(16, Math.ceil(expected / MAX_LOAD));
    this.slots = new Uint32Array(2 * this.capacity);
  }

  reserve(more: number): void {
    const needed = Math.ceil((this.size + more) / MAX_LOAD);
    if (needed > this.capacity) this.rehash(Math.max(needed, Math.ceil(this.capacity * 1.5)));
  }

  /** Adds the code; false when it was there already. */
  add(hi: number, lo: number): boolean {
    const i = this.find(hi, lo);
    if (this.slots[i] !== 0) return false;
    this.slots[i] = hi;
    this.slots[i + 1] = lo;
    this.size++;
    return true;
  }

  markLoaded(hi: number, lo: number): void {
    const i = this.find(hi, lo);
    if (this.slots[i] === 0) this.size++;
    this.slots[i] = (hi | LOADED) >>> 0;
    this.slots[i + 1] = lo;
  }

  hasLoaded(hi: number, lo: number): boolean {
    return (this.slots[this.find(hi, lo)]! & LOADED) !== 0;
  }

  /** The index of the code's high word, or of the empty slot where it would go. */
  private find(hi: number, lo: number): number {
    const slots = this.slots;
    const end = slots.length;
    let i = 2 * Math.floor((mix32(lo ^ Math.imul(hi, 0x9e3779b1)) * this.capacity) / 4294967296);
    for (;;) {
      const h = slots[i]!;
      if (h === 0 || ((h & ~LOADED) >>> 0 === hi && slots[i + 1] === lo)) return i;
      i += 2;
      if (i === end) i = 0;
    }
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.capacity = capacity;
    this.slots = new Uint32Array(2 * capacity);
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i]!;
      if (h === 0) continue;
      const at = this.find((h & ~LOADED) >>> 0, old[i + 1]!);
      this.slots[at] = h;
      this.slots[at + 1] = old[i + 1]!;
    }
  }
}

function grown(c: RowCodes, size: number): RowCodes {
  const out = { hi: new Uint32Array(size), lo: new Uint32Array(size) };
  out.hi.set(c.hi);
  out.lo.set(c.lo);
  return out;
}

/** The table of a partition no code has reached yet: looked into, never written. */
const NONE = new Table(0);
