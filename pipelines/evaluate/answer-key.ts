// The generator writes answer_key.csv beside its inbox (<out>/answer_key.csv, <out>/inbox/...). The
// build finds it from the delivery folders it loaded and copies it into answer_key.planted: a schema
// no model may read (pipelines/engine/wildcards.ts), so no detector can peek at what it is scored on.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import { ANSWER_KEY_SCHEMA } from "../engine/wildcards.ts";

export const ANSWER_KEY_FILE = "answer_key.csv";

/** The answer key of the inbox the warehouse was loaded from, if there is one (the inbox itself or its parent). */
export async function findAnswerKey(connection: DuckDBConnection): Promise<string | null> {
  const exists = await queryRows<{ n: bigint }>(
    connection,
    "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'audit' AND table_name = 'deliveries'",
  );
  if (Number(exists[0]?.n ?? 0) === 0) return null;
  const rows = await queryRows<{ folder: string }>(connection, "SELECT DISTINCT folder FROM audit.deliveries ORDER BY folder");
  const inboxes = [...new Set(rows.map((r) => dirname(r.folder)))];
  for (const inbox of inboxes)
    for (const candidate of [join(inbox, ANSWER_KEY_FILE), join(dirname(inbox), ANSWER_KEY_FILE)])
      if (existsSync(candidate)) return candidate;
  return null;
}

/** Loads the key into answer_key.planted, one row per planted case, its ids as a list. */
export async function loadAnswerKey(connection: DuckDBConnection, path: string): Promise<number> {
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${ANSWER_KEY_SCHEMA}`);
  await connection.run(
    `CREATE OR REPLACE TABLE ${ANSWER_KEY_SCHEMA}.planted AS
     SELECT row_number() OVER () AS case_id, pattern, entity, string_split(ids, ';') AS id_list, period, employer_id, contributor_id, detail
     FROM read_csv($path, header = true, all_varchar = true)`,
    { path },
  );
  const rows = await queryRows<{ n: bigint }>(connection, `SELECT count(*) AS n FROM ${ANSWER_KEY_SCHEMA}.planted`);
  return Number(rows[0]!.n);
}
