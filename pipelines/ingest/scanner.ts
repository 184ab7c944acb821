// Scanning ahead of the load: while DuckDB loads one file, the files after it are read (scan-engine.ts),
// in the order they will load, up to a bound on the text waiting. A large run reads on a worker thread
// of its own, so that neither the reading waits for the main thread nor DuckDB's replies wait for the
// reading; a small one reads on the main thread, where it costs no second thread's start.
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { Proofs } from "./run-keys.ts";
import { ScanEngine, type ScanJob, type ScanReply } from "./scan-engine.ts";

/** A file to read: where it is, what it holds, where its numbered copy goes. */
export type ScanRequest = Omit<ScanJob, "id" | "plan"> & { key: string };

export interface ScannerOptions {
  /** Entities whose raw table held no row when the run began. */
  emptyTables: string[];
  keyBudgetBytes: number;
  /** `auto`: a worker thread once the planned files pass WORKER_FROM bytes. */
  thread?: "auto" | "worker" | "main";
}

/** Delivered bytes read ahead of the file loading, at most: their numbered copies wait on disk, their keys in memory. */
const AHEAD_BYTES = 1.5 * 2 ** 30;
const WORKER_FROM = 256 * 2 ** 20;

interface Planned {
  key: string;
  job: ScanJob;
  bytes: number;
  reply: Promise<ScanReply>;
  settle: (reply: Promise<ScanReply>) => void;
  started: boolean;
}

export class Scanner {
  private readonly planned: Planned[] = [];
  /** Planned files not asked for yet, by key: asking for one lets go of those planned before it. */
  private readonly byKey = new Map<string, number>();
  /** The first planned file not yet started, and the first not yet asked for. */
  private next = 0;
  private cursor = 0;
  /** Bytes of the files read or being read and not yet done with. */
  private ahead = 0;
  private reading = false;
  private nextId = 0;
  private engine: Engine | null = null;

  constructor(private readonly options: ScannerOptions) {}

  /** The files expected to load, in their order: read ahead of their turn. */
  plan(requests: ScanRequest[]): void {
    for (const r of requests) {
      let settle!: (reply: Promise<ScanReply>) => void;
      const reply = new Promise<ScanReply>((resolve) => (settle = resolve));
      const bytes = statSync(r.path, { throwIfNoEntry: false })?.size ?? 0;
      this.byKey.set(r.key, this.planned.length);
      const { key, ...file } = r;
      this.planned.push({ key, job: { ...file, id: this.nextId++, plan: { entityRows: 0, lastOfEntity: false } }, bytes, reply, settle, started: false });
    }
    // What the keys of each entity will come to, and where its files end.
    const rows = new Map<string, number>();
    for (const p of this.planned) rows.set(p.job.entity, (rows.get(p.job.entity) ?? 0) + p.job.expectedRows);
    const last = new Map(this.planned.map((p) => [p.job.entity, p] as const));
    for (const p of this.planned) p.job.plan = { entityRows: rows.get(p.job.entity)!, lastOfEntity: last.get(p.job.entity) === p };
    const total = this.planned.reduce((n, p) => n + p.bytes, 0);
    this.engine ??= this.options.thread === "worker" || (this.options.thread !== "main" && total >= WORKER_FROM)
      ? new WorkerEngine(this.options)
      : new MainEngine(this.options);
    this.pump();
  }

  /** The file's scan and the id to ask its proofs by: the planned one, or (out of plan) one read now, whose keys prove nothing. */
  scan(request: ScanRequest): { id: number; reply: Promise<ScanReply> } {
    const k = this.byKey.get(request.key);
    if (k === undefined || k < this.cursor || this.planned[k]!.job.path !== request.path) {
      const { key: _key, ...file } = request;
      const job: ScanJob = { ...file, id: this.nextId++, plan: null };
      return { id: job.id, reply: this.engineOf().call("scan", job) as Promise<ScanReply> };
    }
    // Planned files passed over on the way (their delivery was not applied after all) are let go.
    for (; this.cursor < k; this.cursor++) {
      const skipped = this.planned[this.cursor]!;
      this.byKey.delete(skipped.key);
      if (skipped.started) this.forget(skipped.job.id);
      else this.next = Math.max(this.next, this.cursor + 1);
    }
    this.cursor = k + 1;
    this.byKey.delete(request.key);
    this.pump(k);
    return { id: this.planned[k]!.job.id, reply: this.planned[k]!.reply };
  }

  prove(id: number, entity: string): Promise<Proofs> {
    return this.engineOf().call("prove", id, entity) as Promise<Proofs>;
  }

  /** The file loaded, but for the `quarantined` data rows; its turn is over. */
  record(id: number, entity: string, quarantined: number[]): void {
    void this.engineOf().call("record", id, entity, quarantined);
    this.done(id);
  }

  /** The file did not load; its turn is over. */
  forget(id: number): void {
    void this.engineOf().call("forget", id);
    this.done(id);
  }

  async close(): Promise<void> {
    await this.engine?.close();
  }

  private done(id: number): void {
    const p = this.planned.find((x) => x.job.id === id);
    if (p?.started) this.ahead -= p.bytes;
    this.pump();
  }

  /**
   * Starts the next planned file once the one before is read, while the bytes waiting stay under the bound
   * or the file is the one wanted now (`wanted`, an index).
   */
  private pump(wanted = -1): void {
    const p = this.planned[this.next];
    if (!p || this.reading) return;
    if (this.ahead > 0 && this.ahead + p.bytes > AHEAD_BYTES && this.next > wanted) return;
    this.next++;
    p.started = true;
    this.ahead += p.bytes;
    this.reading = true;
    const reply = this.engineOf().call("scan", p.job) as Promise<ScanReply>;
    p.settle(reply);
    void reply.finally(() => {
      this.reading = false;
      this.pump(this.cursor - 1);
    });
  }

  private engineOf(): Engine {
    return (this.engine ??= new MainEngine(this.options));
  }
}

type Method = "scan" | "prove" | "record" | "forget";

interface Engine {
  call(method: Method, ...args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/** The engine on this thread. */
class MainEngine implements Engine {
  private readonly engine: ScanEngine;
  constructor(options: ScannerOptions) {
    this.engine = new ScanEngine(options.emptyTables, options.keyBudgetBytes);
  }
  call(method: Method, ...args: unknown[]): Promise<unknown> {
    return Promise.resolve((this.engine[method] as (...a: unknown[]) => unknown).apply(this.engine, args));
  }
  async close(): Promise<void> {}
}

/** The engine on a worker thread (scan-thread.mjs), called by messages answered in turn. */
class WorkerEngine implements Engine {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failed: Error | null = null;

  constructor(options: ScannerOptions) {
    this.worker = new Worker(new URL("./scan-thread.mjs", import.meta.url), { workerData: { emptyTables: options.emptyTables, keyBudgetBytes: options.keyBudgetBytes } });
    this.worker.on("message", (m: { seq: number; result?: unknown; error?: string }) => {
      const w = this.waiting.get(m.seq);
      this.waiting.delete(m.seq);
      if (m.error !== undefined) w?.reject(new Error(`scanning thread: ${m.error}`));
      else w?.resolve(m.result);
    });
    const fail = (error: Error) => {
      this.failed = new Error(`scanning thread stopped: ${error.message}`, { cause: error });
      for (const w of this.waiting.values()) w.reject(this.failed);
      this.waiting.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => code !== 0 && fail(new Error(`exit code ${code}`)));
  }

  call(method: Method, ...args: unknown[]): Promise<unknown> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, method, args });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
