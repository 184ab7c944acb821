// The keys this run has seen and loaded, entity by entity, as codes in memory (key-code.ts): with them
// the ingest proves, for a file whose rows it has read, what DuckDB would otherwise find out by joining
// the file with whole tables (row-fates.ts, validation-sql.ts):
// - that no key repeats within the file;
// - that no key was loaded before, when every row of the entity's table came in this run;
// - that every value a reference column names was loaded before, when each is coded exactly (digits).
// Keys are compared through codes that may be hashes: two keys sharing a code only make a proof fail.
// A proof that does not hold proves nothing: DuckDB then checks as before. So a daily run, whose tables
// were filled by earlier runs, gains little; a run that loads a registry and a month's files gains most.
import { ENTITIES, columnsOf, type EntityContract } from "../../contracts/index.ts";
import type { FileKeys } from "./file-keys.ts";
import { KeySet } from "./key-set.ts";

export interface Proofs {
  /** No key repeats within the file. */
  keysUnique: boolean;
  /** None of the file's keys is in the entity's table. */
  noEarlierKeys: boolean;
  /** Reference columns whose every value names a row loaded before. */
  referencesHold: ReadonlySet<string>;
}

/** What a key costs a set: 8 bytes a slot, tables at most three quarters full. */
const BYTES_PER_KEY = 11;

export const NO_PROOFS: Proofs = { keysUnique: false, noEarlierKeys: false, referencesHold: new Set() };

/** Entities some other entity references: only their sets keep which keys loaded, and they are kept to the end. */
const REFERENCED = new Set(
  ENTITIES.flatMap((e) => columnsOf(e).flatMap((c) => (c.references && c.references.entity !== e.name ? [c.references.entity] : []))),
);

/**
 * What the run's plan says of a file scanned in its turn: all the rows planned for its entity, and whether it is the entity's last file.
 */
export interface FilePlan {
  entityRows: number;
  lastOfEntity: boolean;
}

export class RunKeys {
  /** Every key each entity's files brought in this run, loaded or not; loaded ones marked (referenced entities). */
  private readonly sets = new Map<string, KeySet>();
  /** Entities whose set is gone: past the memory budget, or no file of it left to prove anything of. */
  private readonly dropped = new Set<string>();
  /** Entities whose table holds no key missing from their set: it was empty when the run began, and every row loaded since was read. */
  private readonly covered: Set<string>;
  /** Recording runs while DuckDB loads the next file; proofs wait for it. */
  private recorded: Promise<void> = Promise.resolve();

  /** `emptyTables`: the entities whose raw table held no row when the run began. */
  constructor(
    emptyTables: Iterable<string>,
    private readonly budgetBytes: number,
  ) {
    this.covered = new Set(emptyTables);
  }

  /**
   * A file read in its turn: its keys join those the run has seen (`fresh` says whether any had been), and
   * the values its references name are looked up among the keys loaded so far, only those not found kept
   * for its proof. What no later proof reads is let go: the keys of an entity nothing references, and the
   * whole set of such an entity after its last file.
   */
  async scanned(entity: EntityContract, keys: FileKeys, plan: FilePlan): Promise<void> {
    const set = this.setFor(entity.name, plan.entityRows);
    if (set) keys.fresh = (await set.addAll(keys.key, keys.rows)) === 0;
    for (const r of keys.references) {
      const target = this.sets.get(r.entity);
      if (!target || !r.exact) continue;
      r.codes = await target.notLoaded(r.codes, r.count);
      r.count = r.codes.hi.length;
    }
    if (REFERENCED.has(entity.name)) return;
    keys.key = { hi: new Uint32Array(0), lo: new Uint32Array(0) };
    if (plan.lastOfEntity) {
      this.sets.delete(entity.name);
      this.dropped.add(entity.name);
    }
  }

  async prove(entity: EntityContract, keys: FileKeys | null): Promise<Proofs> {
    await this.recorded;
    if (!keys?.complete) return NO_PROOFS;
    const referencesHold = new Set<string>();
    for (const r of keys.references) {
      const set = this.sets.get(r.entity);
      if (!r.exact) continue;
      if (r.count === 0 || (set && (await set.notLoaded(r.codes, r.count)).hi.length === 0)) referencesHold.add(r.column);
    }
    return { keysUnique: keys.fresh, noEarlierKeys: keys.fresh && this.covered.has(entity.name), referencesHold };
  }

  /** Marks the keys of a file's loaded rows (all but the `quarantined` ones) once DuckDB has committed them. */
  record(entity: EntityContract, keys: FileKeys | null, quarantined: ReadonlySet<number>): Promise<void> {
    this.recorded = this.recorded.then(() => this.markLoaded(entity.name, keys, quarantined));
    return this.recorded;
  }

  private async markLoaded(name: string, keys: FileKeys | null, quarantined: ReadonlySet<number>): Promise<void> {
    // Rows the scan could not read may have loaded: the set no longer holds every key of the table.
    if (!keys?.complete) this.covered.delete(name);
    const set = this.sets.get(name);
    if (keys && set && REFERENCED.has(name)) await set.markLoaded(keys.key, keys.rows, quarantined);
  }

  /** The entity's set, made at the size of all its planned rows; null once dropped, or when it would pass the budget. */
  private setFor(entity: string, rows: number): KeySet | null {
    if (this.dropped.has(entity)) return null;
    const set = this.sets.get(entity);
    if (set) return set;
    let total = rows * BYTES_PER_KEY;
    for (const s of this.sets.values()) total += s.bytes;
    if (total > this.budgetBytes) {
      this.dropped.add(entity);
      this.covered.delete(entity);
      return null;
    }
    const made = new KeySet(rows);
    this.sets.set(entity, made);
    return made;
  }
}
