// The keys this run has seen and loaded, entity by entity, as codes in memory (key-code.ts): with them
// the ingest proves, for a file whose rows it has read, what DuckDB would otherwise find out by joining
// the file with whole tables (row-fates.ts, validation-sql.ts):
// - that no key repeats within the file;
// - that no key was loaded before, when every row of the entity's table came in this run;
// - that every value a reference column names was loaded before.
// A proof that does not hold proves nothing: DuckDB then checks as before. So a daily run, whose tables
// were filled by earlier runs, gains little; a run that loads a registry and a month's files gains most.
import { ENTITIES, columnsOf, type EntityContract } from "../contracts/index.ts";
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

/** A key's share of a set: 8 bytes a slot, tables at most three quarters full and grown by half. */
const BYTES_PER_KEY = 12;

export const NO_PROOFS: Proofs = { keysUnique: false, noEarlierKeys: false, referencesHold: new Set() };

/** Entities some other entity references: only their sets keep which keys loaded. */
const REFERENCED = new Set(ENTITIES.flatMap((e) => columnsOf(e).flatMap((c) => (c.references && c.references.entity !== e.name ? [c.references.entity] : []))));

export class RunKeys {
  /** Every key each entity's files brought in this run, loaded or not; loaded ones marked (referenced entities). */
  private readonly sets = new Map<string, KeySet>();
  /** Entities past the memory budget: no set, no proof. */
  private readonly dropped = new Set<string>();
  /** Entities whose table holds no key missing from their set: it was empty when the run began, and every row loaded since was read. */
  private readonly covered: Set<string>;
  /** Recording runs while DuckDB loads the next file; proofs wait for it. */
  private recorded: Promise<void> = Promise.resolve();

  /** `emptyTables`: the entities whose raw table held no row when the run began. */
  constructor(emptyTables: Iterable<string>, private readonly budgetBytes: number) {
    this.covered = new Set(emptyTables);
  }

  /** The set the scan of a file of `rows` rows adds its keys to; null once the entity's keys no longer fit the budget. */
  seenSet(entity: string, rows: number): KeySet | null {
    if (this.dropped.has(entity)) return null;
    let set = this.sets.get(entity);
    if (!set) this.sets.set(entity, (set = new KeySet()));
    let total = rows * BYTES_PER_KEY;
    for (const s of this.sets.values()) total += s.bytes;
    if (total <= this.budgetBytes) return set;
    this.sets.delete(entity);
    this.dropped.add(entity);
    this.covered.delete(entity);
    return null;
  }

  async prove(entity: EntityContract, keys: FileKeys | null): Promise<Proofs> {
    await this.recorded;
    if (!keys?.complete) return NO_PROOFS;
    const referencesHold = new Set<string>();
    for (const r of keys.references) {
      const set = this.sets.get(r.entity);
      if (set && (await set.allLoaded(r.codes, keys.rows))) referencesHold.add(r.column);
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
}
