// Bulk rows from TypeScript into DuckDB through a newline-delimited JSON file: exact for any text,
// transactional (it is a plain INSERT … SELECT), and fast for a few rows or millions.
import type { DuckDBConnection } from "@duckdb/node-api";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { rm } from "node:fs/promises";
import { sqlString } from "../lib/duckdb.ts";

export async function insertViaJson(
  connection: DuckDBConnection,
  target: string,
  columns: Record<string, string>,
  rows: Iterable<object>,
  workFile: string,
  select = "*",
): Promise<void> {
  const out = createWriteStream(workFile);
  let any = false;
  for (const row of rows) {
    any = true;
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  try {
    if (!any) return;
    const spec = Object.entries(columns)
      .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
      .join(", ");
    await connection.run(
      `INSERT INTO ${target} SELECT ${select} FROM read_json(${sqlString(workFile)}, format = 'newline_delimited', columns = {${spec}})`,
    );
  } finally {
    await rm(workFile, { force: true });
  }
}
