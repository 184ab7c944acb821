// The temp tables of one load, shared by name between the steps that judge its rows (load-rows.ts,
// validation-sql.ts, row-fates.ts, quarantine.ts): named, created and dropped here alone, so that a name
// means one thing everywhere and no table outlives its load.
import type { DuckDBConnection } from "@duckdb/node-api";

/** Lines of this load to take out again: (line, fate 'quarantine' | 'skip' | 'noop', reason, rule). */
export const DROP = "_drop";
/** The records that failed a column or row rule, with their line, texts, typed values and control value. */
export const BAD = "_bad";
/** The keys repeated within the file, a row each, with the lines that carry them. */
export const GROUPS = "_groups";
/** One round of the rows that point at a quarantined line of their own file. */
export const ORPHANS = "_orphans";

/**
 * The tables DuckDB's CSV reader writes the records it rejects into: for the insert (pass 1) and for the
 * second read that fills `_bad` (pass 2).
 */
export function rejectsTables(loadId: number, pass: 1 | 2 = 1): { rejectsTable: string; rejectsScan: string } {
  const suffix = pass === 1 ? "" : "_2";
  return { rejectsTable: `_rej_${loadId}${suffix}`, rejectsScan: `_rejscan_${loadId}${suffix}` };
}

/** An empty `_drop`, for the load about to be judged. */
export async function createDrop(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${DROP} (line INTEGER, fate VARCHAR, reason VARCHAR, rule VARCHAR)`);
}

/** `_bad`, `_groups` or `_orphans` made anew from a query. */
export async function createTempTable(connection: DuckDBConnection, table: typeof BAD | typeof GROUPS | typeof ORPHANS, query: string) {
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${query}`);
}

/** Every temp table of the load, gone once it is judged. */
export async function dropTempTables(connection: DuckDBConnection, loadId: number): Promise<void> {
  const tables = [BAD, DROP, GROUPS, ORPHANS, ...[1, 2].flatMap((pass) => Object.values(rejectsTables(loadId, pass as 1 | 2)))];
  await connection.run(tables.map((t) => `DROP TABLE IF EXISTS ${t}`).join("; "));
}
