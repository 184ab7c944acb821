// The reading side of the ingest, wherever it runs (scanner.ts): it scans files in the order they will
// load, keeps what it learnt of each file's keys until DuckDB is done with the file, and answers the
// proofs of run-keys.ts. Everything it hands back can cross to another thread.
import { existsSync } from "node:fs";
import { entityByName } from "../contracts/index.ts";
import type { CsvStructure } from "./csv-structure.ts";
import type { FileKeys } from "./file-keys.ts";
import { scanFile, type FileScan } from "./read-file.ts";
import { NO_PROOFS, RunKeys, type FilePlan, type Proofs } from "./run-keys.ts";

export interface ScanJob {
  id: number;
  path: string;
  encoding: "utf-8" | "windows-1256";
  /** Where the numbered copy goes. */
  workPath: string;
  entity: string;
  /** The rows the manifest announces. */
  expectedRows: number;
  /** Its place in the run's plan, for files scanned in the order they load: their keys join those the run has seen. */
  plan: FilePlan | null;
}

/** A scan without its keys (they stay with the engine), its structure as plain data. */
export type ScanData = Omit<FileScan, "keys" | "structure"> & { structure: ReturnType<CsvStructure["data"]> };

export type ScanReply = { scan: ScanData | null } | { error: { message: string; code?: string; path?: string } };

export class ScanEngine {
  private readonly runKeys: RunKeys | null;
  private readonly keys = new Map<number, FileKeys | null>();

  /** `emptyTables`: entities whose raw table held no row when the run began; `keyBudgetBytes` 0 proves nothing. */
  constructor(emptyTables: string[], keyBudgetBytes: number) {
    this.runKeys = keyBudgetBytes > 0 ? new RunKeys(emptyTables, keyBudgetBytes) : null;
  }

  /** Reads the file: null when it is missing; an error as data (the caller judges it). */
  async scan(job: ScanJob): Promise<ScanReply> {
    if (!existsSync(job.path)) return { scan: null };
    const entity = entityByName(job.entity);
    try {
      const { keys, structure, ...rest } = await scanFile(job.path, job.encoding, job.workPath, entity ? { entity, expectedRows: job.expectedRows } : undefined);
      const inTurn = keys && job.plan && this.runKeys && entity;
      if (inTurn) await this.runKeys!.scanned(entity, keys, job.plan!);
      this.keys.set(job.id, inTurn ? keys : null);
      return { scan: { ...rest, structure: structure.data() } };
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      return { error: { message: e.message, code: e.code, path: e.path } };
    }
  }

  prove(id: number, entity: string): Promise<Proofs> {
    const contract = entityByName(entity);
    if (!this.runKeys || !contract) return Promise.resolve(NO_PROOFS);
    return this.runKeys.prove(contract, this.keys.get(id) ?? null);
  }

  /** The file loaded, but for the `quarantined` data rows. */
  async record(id: number, entity: string, quarantined: number[]): Promise<void> {
    const contract = entityByName(entity);
    const keys = this.keys.get(id) ?? null;
    this.keys.delete(id);
    if (this.runKeys && contract) await this.runKeys.record(contract, keys, new Set(quarantined));
  }

  /** The file did not load (rejected, or a duplicate): nothing of it is kept. */
  forget(id: number): void {
    this.keys.delete(id);
  }
}
