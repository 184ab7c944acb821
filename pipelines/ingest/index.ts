// Ingest: every new delivery in an inbox, verified, validated and loaded file by file.
import type { RunContext } from "../lib/context.ts";
import type { WarehouseOptions } from "../lib/duckdb.ts";

export interface IngestOptions extends WarehouseOptions {
  inbox: string;
  db: string;
}

export interface FileOutcome {
  deliveryId: string;
  fileName: string;
  entity: string;
  status: "loaded" | "rejected" | "skipped_duplicate";
  rows: number;
  loaded: number;
  skipped: number;
  quarantined: number;
  reason: string | null;
}

export interface IngestSummary {
  deliveries: { deliveryId: string; status: "applied" | "already_applied" | "rejected"; reason: string | null }[];
  files: FileOutcome[];
  /** sha256 of every input file this run read, for run provenance. */
  inputs: { file: string; sha256: string }[];
}

export async function ingestInbox(options: IngestOptions, context: RunContext): Promise<IngestSummary> {
  void options;
  void context;
  throw new Error("ingest: not implemented yet");
}
