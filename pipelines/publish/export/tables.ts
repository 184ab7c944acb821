// Whether the warehouse holds a table (or a relation: a table or a view): a warehouse built before a
// model existed (or without the findings register folded) still publishes, without the parts that read it.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";

export async function hasTable(c: DuckDBConnection, schema: string, table: string): Promise<boolean> {
  const rows = await queryRows(c, "SELECT 1 FROM duckdb_tables() WHERE schema_name = $schema AND table_name = $table", { schema, table });
  return rows.length > 0;
}

/** A table or a view: a model's materialization may change (marts.employer_risk is a view) without its readers noticing. */
export async function hasRelation(c: DuckDBConnection, schema: string, name: string): Promise<boolean> {
  const rows = await queryRows(
    c,
    `SELECT 1 FROM duckdb_tables() WHERE schema_name = $schema AND table_name = $name
     UNION ALL SELECT 1 FROM duckdb_views() WHERE schema_name = $schema AND view_name = $name`,
    { schema, name },
  );
  return rows.length > 0;
}

/** The tables and views of a schema, by name. */
export async function relationsIn(c: DuckDBConnection, schema: string): Promise<Set<string>> {
  const rows = await queryRows<{ name: string }>(
    c,
    `SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = $schema
     UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = $schema`,
    { schema },
  );
  return new Set(rows.map((r) => r.name));
}
