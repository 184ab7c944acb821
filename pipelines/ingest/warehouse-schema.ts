// The tables ingest writes: raw.<entity> (typed, as delivered) and the audit trail of loads.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ENTITIES, columnsOf, type EntityContract } from "../contracts/index.ts";
import { countRows, ident } from "../lib/duckdb.ts";

/** Lineage columns every raw row carries: which load brought it, from which line, and a hash of its field texts. */
const LINEAGE = ["_load_id BIGINT NOT NULL", "_line INTEGER NOT NULL", "_row_hash UBIGINT NOT NULL"];
/** Snapshot history: a key's version is current while `_valid_to` is NULL. */
const HISTORY = ["_valid_from TIMESTAMPTZ NOT NULL", "_valid_to TIMESTAMPTZ"];

export function rawTableDdl(entity: EntityContract): string {
  const columns = columnsOf(entity).map((c) => `${ident(c.name)} ${c.duckdbType}`);
  const extra = entity.kind === "snapshot" ? [...LINEAGE, ...HISTORY] : LINEAGE;
  return `CREATE TABLE IF NOT EXISTS raw.${ident(entity.name)} (${[...columns, ...extra].join(", ")})`;
}

const AUDIT_DDL = [
  `CREATE SEQUENCE IF NOT EXISTS audit.load_id_seq START 1`,
  `CREATE TABLE IF NOT EXISTS audit.deliveries (
     delivery_id VARCHAR PRIMARY KEY, folder VARCHAR NOT NULL, created_at TIMESTAMPTZ, source VARCHAR,
     status VARCHAR NOT NULL, reason VARCHAR, files INTEGER, applied_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS audit.loads (
     load_id BIGINT PRIMARY KEY, delivery_id VARCHAR NOT NULL, file_name VARCHAR NOT NULL, entity VARCHAR,
     sha256 VARCHAR, encoding VARCHAR, "rows" BIGINT, loaded BIGINT NOT NULL, skipped BIGINT NOT NULL,
     quarantined BIGINT NOT NULL, status VARCHAR NOT NULL, reason VARCHAR, extra_columns VARCHAR[],
     control_total DECIMAL(38,2), loaded_at TIMESTAMPTZ NOT NULL, seconds DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS audit.quarantine (
     load_id BIGINT NOT NULL, delivery_id VARCHAR NOT NULL, file_name VARCHAR NOT NULL, entity VARCHAR NOT NULL,
     line INTEGER NOT NULL, raw VARCHAR, reasons VARCHAR[] NOT NULL, rules VARCHAR[] NOT NULL)`,
];

/** Creates the raw and audit schemas; safe to run on every start. */
export async function ensureWarehouseSchema(connection: DuckDBConnection): Promise<void> {
  await connection.run("CREATE SCHEMA IF NOT EXISTS raw; CREATE SCHEMA IF NOT EXISTS audit;");
  for (const ddl of AUDIT_DDL) await connection.run(ddl);
  for (const entity of ENTITIES) {
    await connection.run(rawTableDdl(entity));
    if (entity.kind === "snapshot") {
      const cols = columnsOf(entity)
        .map((c) => ident(c.name))
        .join(", ");
      await connection.run(
        `CREATE VIEW IF NOT EXISTS raw.${ident(`${entity.name}_current`)} AS SELECT ${cols}, _load_id, _line, _valid_from
            FROM raw.${ident(entity.name)} WHERE _valid_to IS NULL`,
      );
    }
  }
}

/** Rows in raw.<entity>, every version and load: count(*) of a whole table comes from its metadata. */
export async function rawRowCount(connection: DuckDBConnection, entity: string): Promise<number> {
  return countRows(connection, `raw.${ident(entity)}`);
}
