// A warehouse loaded by the real ingest from a generated inbox, with the LedgerWorld helpers to build and read it.
import { join } from "node:path";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { ingestInbox } from "../pipelines/ingest/index.ts";
import { worldAt, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { FIXED_NOW } from "./helpers/warehouse.ts";
import { tempDir } from "./helpers/deliveries.ts";

export async function ingestWorldFromInbox(inbox: string): Promise<LedgerWorld> {
  const dir = tempDir("tahseel-detectors-db-");
  const db = join(dir, "warehouse.duckdb");
  await ingestInbox({ inbox, db }, { logger: memoryLogger(), now: FIXED_NOW });
  return worldAt(dir, db);
}
