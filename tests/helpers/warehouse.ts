// Running the real ingest against a real DuckDB file in a temp folder, and reading back what it wrote.
import { join } from "node:path";
import { ingestInbox, type IngestSummary } from "../../pipelines/ingest/index.ts";
import { memoryLogger } from "../../pipelines/lib/context.ts";
import { openWarehouse, queryRows, type Row } from "../../pipelines/lib/duckdb.ts";
import { tempDir } from "./deliveries.ts";

export const FIXED_NOW = () => new Date("2026-11-25T06:00:00Z");

export function workspace() {
  const dir = tempDir();
  return { dir, inbox: join(dir, "inbox"), db: join(dir, "warehouse.duckdb") };
}

export async function ingest(inbox: string, db: string): Promise<IngestSummary> {
  return ingestInbox({ inbox, db }, { logger: memoryLogger(), now: FIXED_NOW });
}

export async function query<T extends Row = Row>(db: string, sql: string): Promise<T[]> {
  const w = await openWarehouse(db);
  try {
    return await queryRows<T>(w.connection, sql);
  } finally {
    w.close();
  }
}

export const loadsOf = (db: string) =>
  query<{
    file_name: string;
    status: string;
    rows: number;
    loaded: number;
    skipped: number;
    quarantined: number;
    reason: string | null;
  }>(db, "SELECT file_name, status, rows, loaded, skipped, quarantined, reason FROM audit.loads ORDER BY load_id");

export const quarantineOf = (db: string) =>
  query<{ file_name: string; line: number; raw: string; reasons: string[]; rules: string[] }>(
    db,
    "SELECT file_name, line, raw, reasons, rules FROM audit.quarantine ORDER BY load_id, line",
  );
