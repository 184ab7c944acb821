// What happens to each valid row of `_stage` given the keys it shares: within the file (re-sends and
// conflicts) and with what earlier loads brought (immutable events, versioned snapshots).
// Writes `_exclude(_rec, fate, reason)`: rows not to insert, with fate 'quarantine' | 'skip' | 'noop'.
import type { DuckDBConnection } from "@duckdb/node-api";
import { keyColumns, type EntityContract } from "../contracts/index.ts";
import { ident } from "../lib/duckdb.ts";

export async function decideRowFates(connection: DuckDBConnection, entity: EntityContract): Promise<void> {
  const keys = keyColumns(entity).map(ident);
  const keyList = keys.join(", ");
  const keyText = keys.map((k) => `coalesce(s.${k}::VARCHAR, '')`).join(" || '|' || ");
  const sameKey = (a: string, b: string) => keys.map((k) => `${a}.${k} = ${b}.${k}`).join(" AND ");

  // Within the file: identical re-sends keep the first; differing versions of a key are all quarantined.
  // Finding the repeated keys is one cheap aggregate; the detail is gathered for those keys only.
  await connection.run(`CREATE OR REPLACE TEMP TABLE _groups AS
    WITH repeated AS (SELECT ${keyList} FROM _stage WHERE _ok GROUP BY ALL HAVING count(*) > 1)
    SELECT ${keys.map((k) => `s.${k}`).join(", ")}, count(*) AS n, count(DISTINCT s._row_hash) AS versions,
      min(s.rowid) AS first_rec, list(s.rowid ORDER BY s.rowid) AS recs
    FROM _stage s SEMI JOIN repeated d ON ${sameKey("s", "d")}
    WHERE s._ok AND s.rowid NOT IN (SELECT _rec FROM _exclude)
    GROUP BY ALL HAVING count(*) > 1`);
  await connection.run(`INSERT INTO _exclude
    SELECT rec, CASE WHEN versions > 1 THEN 'quarantine' ELSE 'skip' END,
      CASE WHEN versions > 1 THEN 'key (' || ${keyText} || ') appears ' || n || ' times in this file with different content' END
    FROM (SELECT g.*, unnest(g.recs) AS rec FROM _groups g) s
    WHERE versions > 1 OR rec <> first_rec`);

  // Against earlier loads, for the rows still standing (at most one per key now).
  const candidates = `SELECT s.rowid AS _rec, s.* FROM _stage s ANTI JOIN _exclude e ON e._rec = s.rowid WHERE s._ok`;
  if (entity.kind === "event") {
    // Events are immutable: a known key with the same texts is a re-send; with other texts it is a conflict.
    await connection.run(`INSERT INTO _exclude
      SELECT c._rec, CASE WHEN c._row_hash = r._row_hash THEN 'skip' ELSE 'quarantine' END,
        CASE WHEN c._row_hash <> r._row_hash THEN 'key (' || ${keyText.replaceAll("s.", "c.")} || ') was loaded before (load ' || r._load_id || ', line ' || r._line || ') with different content; events are immutable' END
      FROM (${candidates}) c JOIN raw.${ident(entity.name)} r ON ${sameKey("c", "r")}`);
    // A quarantined conflict takes the file's skipped re-sends of the same key with it.
    await connection.run(`UPDATE _exclude SET fate = 'quarantine', reason = 'key repeats a row quarantined for conflicting content'
      WHERE fate = 'skip' AND _rec IN (SELECT rec FROM (SELECT unnest(g.recs) AS rec, g.* FROM _groups g)
        WHERE EXISTS (SELECT 1 FROM _exclude x WHERE x.fate = 'quarantine' AND x._rec = first_rec))`);
  } else {
    // Snapshots are upserts: the same texts as the current version change nothing (counted loaded).
    await connection.run(`INSERT INTO _exclude
      SELECT c._rec, 'noop', NULL FROM (${candidates}) c
      JOIN raw.${ident(entity.name)} r ON ${sameKey("c", "r")} AND r._valid_to IS NULL AND r._row_hash = c._row_hash`);
  }
}

export const CREATE_EXCLUDE = `CREATE OR REPLACE TEMP TABLE _exclude (_rec BIGINT, fate VARCHAR, reason VARCHAR)`;
