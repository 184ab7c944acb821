// The default --as-of: "the latest date seen in the data" (outputs.md), read as the latest date or
// timestamp (its Riyadh day) in the loaded rows. Not the newest delivery's created_at: a delivery made
// at 02:00 holds the day before, and an as-of date a day past the data would age every item a day more.
// Dates that look forward (due dates, planned leaving dates) are left out: they can lie in the future.
// Kept small and alone so the rule is easy to change.
import type { DuckDBConnection } from "@duckdb/node-api";
import { columnsOf, ENTITIES } from "../contracts/index.ts";
import { ident, queryRows } from "../lib/duckdb.ts";

const FORWARD_LOOKING = new Set(["due_on", "first_due_on", "left_on"]);

export async function latestDateInData(connection: DuckDBConnection): Promise<string | null> {
  const present = new Set(
    (
      await queryRows<{ id: string }>(
        connection,
        "SELECT schema_name || '.' || table_name || '.' || column_name AS id FROM duckdb_columns() WHERE database_name = " +
          "current_database()",
      )
    ).map((r) => r.id),
  );
  const parts: string[] = [];
  for (const entity of ENTITIES) {
    for (const c of columnsOf(entity)) {
      if (!present.has(`raw.${entity.name}.${c.name}`) || FORWARD_LOOKING.has(c.name)) continue;
      if (c.kind === "timestamp")
        parts.push(`SELECT CAST(timezone('Asia/Riyadh', max(${ident(c.name)})) AS DATE) AS d FROM raw.${ident(entity.name)}`);
      else if (c.kind === "date") parts.push(`SELECT max(${ident(c.name)}) AS d FROM raw.${ident(entity.name)}`);
    }
  }
  if (parts.length === 0) return null;
  const [row] = await queryRows<{ d: string | null }>(
    connection,
    `SELECT CAST(max(d) AS VARCHAR) AS d FROM (${parts.join(" UNION ALL ")})`,
  );
  return row?.d ?? null;
}
