// The reading side of the ingest, wherever it runs (scanner.ts): it scans files in the order they will
// load (two at a time when it has a helper thread), keeps what it learnt of each file's keys until DuckDB
// is done with the file, and answers the proofs of run-keys.ts. Everything it hands back can cross to
// another thread.
import { existsSync } from "node:fs";
import type { MessagePort } from "node:worker_threads";
import { entityByName } from "../../contracts/index.ts";
import type { CsvStructure } from "../csv-structure.ts";
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

/** A file read: the reply for the loading side, and the keys that stay on the reading side. */
export interface ReadResult {
  reply: ScanReply;
  keys: FileKeys | null;
}

/** Reads the file of a job: null when it is missing; an error as data (the caller judges it). */
export async function readJob(job: ScanJob): Promise<ReadResult> {
  if (!existsSync(job.path)) return { reply: { scan: null }, keys: null };
  const entity = entityByName(job.entity);
  try {
    const { keys, structure, ...rest } = await scanFile(
      job.path,
      job.encoding,
      job.workPath,
      entity ? { entity, expectedRows: job.expectedRows } : undefined,
    );
    return { reply: { scan: { ...rest, structure: structure.data() } }, keys };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { reply: { error: { message: e.message, code: e.code, path: e.path } }, keys: null };
  }
}

/** The buffers of a file's key codes, handed to another thread rather than copied. */
export function keysTransfer(keys: FileKeys | null): ArrayBuffer[] {
  if (!keys) return [];
  const arrays = [keys.key.hi, keys.key.lo, ...keys.references.flatMap((r) => [r.codes.hi, r.codes.lo])];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** A thread that reads files for the engine (read-worker.ts), over a channel of its own. */
class HelperReader {
  private readonly waiting = new Map<number, (read: ReadResult) => void>();
  private seq = 0;

  constructor(private readonly port: MessagePort) {
    port.on("message", ({ seq, read }: { seq: number; read: ReadResult }) => {
      this.waiting.get(seq)?.(read);
      this.waiting.delete(seq);
    });
  }

  read(job: ScanJob): Promise<ReadResult> {
    const seq = this.seq++;
    return new Promise((resolve) => {
      this.waiting.set(seq, resolve);
      this.port.postMessage({ seq, job });
    });
  }
}

export class ScanEngine {
  private readonly runKeys: RunKeys | null;
  private readonly keys = new Map<number, FileKeys | null>();
  private readonly helper: HelperReader | null;
  /** This thread is reading a file: the next one goes to the helper. */
  private readingHere = false;
  /** The file before in the order the scans were asked for: keys join the run's in that order. */
  private turn: Promise<void> = Promise.resolve();

  /**
   * `emptyTables`: entities whose raw table held no row when the run began; `keyBudgetBytes` 0 proves
   * nothing; `helper`: a channel to a second reading thread, so that two files are read at once.
   */
  constructor(emptyTables: string[], keyBudgetBytes: number, helper: MessagePort | null = null) {
    this.runKeys = keyBudgetBytes > 0 ? new RunKeys(emptyTables, keyBudgetBytes) : null;
    this.helper = helper ? new HelperReader(helper) : null;
  }

  /** Reads the file, here or on the helper; its keys join the run's once those of every file asked for before it have. */
  async scan(job: ScanJob): Promise<ScanReply> {
    const before = this.turn;
    let done!: () => void;
    this.turn = new Promise((resolve) => (done = resolve));
    try {
      const { reply, keys } = await this.read(job);
      await before;
      const entity = entityByName(job.entity);
      const inTurn = keys && job.plan && this.runKeys && entity;
      if (inTurn) await this.runKeys!.scanned(entity, keys, job.plan!);
      this.keys.set(job.id, inTurn ? keys : null);
      return reply;
    } finally {
      done();
    }
  }

  private async read(job: ScanJob): Promise<ReadResult> {
    if (this.helper && this.readingHere) return this.helper.read(job);
    this.readingHere = true;
    try {
      return await readJob(job);
    } finally {
      this.readingHere = false;
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
