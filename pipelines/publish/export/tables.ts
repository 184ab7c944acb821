// Whether the warehouse holds a table: a warehouse built before a model existed (or without the
// findings register folded) still publishes, without the parts that read it.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";

export async function hasTable(c: DuckDBConnection, schema: string, table: string): Promise<boolean> {
  const rows = await queryRows(c, "SELECT 1 FROM duckdb_tables() WHERE schema_name = $schema AND table_name = $table", { schema, table });
  return rows.length > 0;
}
