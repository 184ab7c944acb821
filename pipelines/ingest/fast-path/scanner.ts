// Scanning ahead of the load: while DuckDB loads one file, the files after it are read (scan-engine.ts),
// in the order they will load, up to a bound on the text waiting. A large run reads on worker threads of
// its own, two files at a time, so that neither the reading waits for the main thread nor DuckDB's replies
// wait for the reading, and DuckDB does not wait long for the first large files; a small one reads on the
// main thread, where it costs no thread's start.
import { statSync } from "node:fs";
import { MessageChannel, Worker } from "node:worker_threads";
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

/**
 * Delivered bytes of the files read and not yet done with (the one loading included), at most, beyond the
 * file after the one loading, which is always read: their numbered copies wait in the work folder (in memory
 * when there is room, work-dir.ts), their keys in memory. The file after the loading one is all DuckDB
 * needs not to wait: a national file loads two to three times slower than it is read.
 */
const AHEAD_BYTES = 768 * 2 ** 20;
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
  /** Files read or being read and not yet done with. */
  private open = 0;
  /** Files being read, and how many may be at once. */
  private reading = 0;
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
      this.planned.push({
        key,
        job: { ...file, id: this.nextId++, plan: { entityRows: 0, lastOfEntity: false } },
        bytes,
        reply,
        settle,
        started: false,
      });
    }
    // What the keys of each entity will come to, and where its files end.
    const rows = new Map<string, number>();
    for (const p of this.planned) rows.set(p.job.entity, (rows.get(p.job.entity) ?? 0) + p.job.expectedRows);
    const last = new Map(this.planned.map((p) => [p.job.entity, p] as const));
    for (const p of this.planned) p.job.plan = { entityRows: rows.get(p.job.entity)!, lastOfEntity: last.get(p.job.entity) === p };
    const total = this.planned.reduce((n, p) => n + p.bytes, 0);
    this.engine ??=
      this.options.thread === "worker" || (this.options.thread !== "main" && total >= WORKER_FROM)
        ? new WorkerEngine(this.options)
        : new MainEngine(this.options);
    this.fill();
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
    this.fill(k);
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
    if (p?.started) {
      this.ahead -= p.bytes;
      this.open--;
    }
    this.fill();
  }

  /** Starts planned files while there are readers free for them. */
  private fill(wanted = -1): void {
    while (this.reading < this.engineOf().readers && this.pump(wanted));
  }

  /**
   * Starts the next planned file when fewer than two are open (the one loading and the one after it), when
   * the bytes open stay under the bound with it, or when it is the one wanted now (`wanted`, an index);
   * false when it does not.
   */
  private pump(wanted: number): boolean {
    const p = this.planned[this.next];
    if (!p) return false;
    if (this.open >= 2 && this.ahead + p.bytes > AHEAD_BYTES && this.next > wanted) return false;
    this.next++;
    p.started = true;
    this.ahead += p.bytes;
    this.open++;
    this.reading++;
    const reply = this.engineOf().call("scan", p.job) as Promise<ScanReply>;
    p.settle(reply);
    void reply.finally(() => {
      this.reading--;
      this.fill(this.cursor - 1);
    });
    return true;
  }

  private engineOf(): Engine {
    this.engine ??= new MainEngine(this.options);
    return this.engine;
  }
}

type Method = "scan" | "prove" | "record" | "forget";

interface Engine {
  /** How many files it reads at once. */
  readonly readers: number;
  call(method: Method, ...args: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/** The engine on this thread. */
class MainEngine implements Engine {
  readonly readers = 1;
  private readonly engine: ScanEngine;
  constructor(options: ScannerOptions) {
    this.engine = new ScanEngine(options.emptyTables, options.keyBudgetBytes);
  }
  call(method: Method, ...args: unknown[]): Promise<unknown> {
    return Promise.resolve((this.engine[method] as (...a: unknown[]) => unknown).apply(this.engine, args));
  }
  async close(): Promise<void> {}
}

const THREAD = new URL("./scan-thread.mjs", import.meta.url);

/**
 * The engine on a worker thread (scan-worker.ts), called by messages answered in turn, with a second thread
 * (read-worker.ts) reading files for it over a channel of their own; both start at once.
 */
class WorkerEngine implements Engine {
  readonly readers = 2;
  private readonly worker: Worker;
  private readonly helper: Worker;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failed: Error | null = null;

  constructor(options: ScannerOptions) {
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(THREAD, {
      workerData: {
        module: "./scan-worker.ts",
        emptyTables: options.emptyTables,
        keyBudgetBytes: options.keyBudgetBytes,
        helper: port1,
      },
      transferList: [port1],
    });
    this.helper = new Worker(THREAD, {
      workerData: { module: "./read-worker.ts", port: port2 },
      transferList: [port2],
    });
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
    for (const thread of [this.worker, this.helper]) {
      thread.on("error", fail);
      thread.on("exit", (code) => code !== 0 && fail(new Error(`exit code ${code}`)));
    }
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
    await Promise.all([this.worker.terminate(), this.helper.terminate()]);
  }
}
