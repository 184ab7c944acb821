// The runs journal: every run of a job is written first to a JSON-lines file beside the warehouse
// (data/warehouse.duckdb.runs.jsonl, ignored by git with the warehouse), then folded into audit.runs
// whenever the warehouse can be opened. A run that met a warehouse held by another program (a manual build), or
// that never got the run lock, is still recorded, and `tahseel status` reads the journal as well as
// audit.runs. Each line is the whole record of a run at that moment; the last line of a run wins.
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { silentLogger, type Logger } from "../lib/context.ts";
import { openWarehouse } from "../lib/duckdb.ts";
import { describeError, EnvironmentError } from "../lib/errors.ts";
import { ensureAuditTables } from "../engine/state.ts";
import type { StepRecord } from "../engine/runs.ts";
import { acquireLock, LockHeldError, type Lock } from "./lock.ts";

export interface RunRecord {
  run_id: string;
  job: string;
  started_at: string;
  finished_at: string | null;
  /** running, success, failed, cancelled, or refused (the run lock was never free). */
  status: string;
  error: string | null;
  git_sha: string | null;
  as_of: string | null;
  inputs: unknown[];
  steps: StepRecord[];
  pid: number;
}

export const runsJournalPath = (db: string) => `${db}.runs.jsonl`;

/**
 * Appends and folds hold a small lock of their own, so a line appended while the journal is being
 * folded is never lost. An append holds it for a moment, a fold for one open of the warehouse.
 */
async function takeJournalLock(journal: string): Promise<Lock> {
  const options = { purpose: "runs journal", now: () => new Date(), logger: silentLogger };
  const started = performance.now();
  for (;;) {
    try {
      return acquireLock(`${journal}.lock`, options);
    } catch (error) {
      if (!(error instanceof LockHeldError) || performance.now() - started > 60_000) throw error;
      // The holder may be this very process (a fold awaiting the warehouse): yield to it, never block.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

export async function appendRun(db: string, record: RunRecord): Promise<void> {
  const journal = runsJournalPath(db);
  try {
    const lock = await takeJournalLock(journal);
    try {
      appendFileSync(journal, `${JSON.stringify(record)}\n`);
    } finally {
      lock.release();
    }
  } catch (cause) {
    throw new EnvironmentError(`cannot write the runs journal ${journal}`, { cause });
  }
}

/** The journal's runs, the latest record of each, in the order they started. A torn last line (a crash mid-write) is skipped. */
export function readJournal(db: string): RunRecord[] {
  return [...latestRecords(readText(runsJournalPath(db))).values()];
}

function readText(journal: string): string {
  return existsSync(journal) ? readFileSync(journal, "utf8") : "";
}

function latestRecords(text: string): Map<string, RunRecord> {
  const runs = new Map<string, RunRecord>();
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as RunRecord;
      if (typeof record.run_id === "string") runs.set(record.run_id, record);
    } catch {
      // A line cut short by a crash: the run's earlier or later line still says what happened.
    }
  }
  return runs;
}

/** Writes the runs into audit.runs (replacing any earlier record of the same run), in one transaction. */
export async function upsertRuns(connection: DuckDBConnection, runs: readonly RunRecord[]): Promise<void> {
  await ensureAuditTables(connection);
  await connection.run("BEGIN TRANSACTION");
  try {
    for (const r of runs) {
      await connection.run("DELETE FROM audit.runs WHERE run_id = $id", { id: r.run_id });
      await connection.run(
        `INSERT INTO audit.runs (run_id, job, started_at, finished_at, status, error, git_sha, as_of, inputs, steps, pid)
         VALUES ($id, $job, $started::TIMESTAMPTZ, $finished::TIMESTAMPTZ, $status, $error::VARCHAR, $sha::VARCHAR, $asOf::DATE,
                 $inputs::JSON, $steps::JSON, $pid::INTEGER)`,
        {
          id: r.run_id,
          job: r.job,
          started: r.started_at,
          finished: r.finished_at,
          status: r.status,
          error: r.error,
          sha: r.git_sha,
          asOf: r.as_of,
          inputs: JSON.stringify(r.inputs),
          steps: JSON.stringify(r.steps),
          pid: r.pid,
        },
      );
    }
    await connection.run("COMMIT");
  } catch (error) {
    await connection.run("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * Folds the journal into audit.runs and removes what was folded. When the warehouse cannot be opened
 * (held by another process), the journal is kept as it is for the next fold; returns false then. The
 * journal lock is held throughout, so two folds never drop each other's lines.
 */
export async function foldJournal(db: string, logger: Logger): Promise<boolean> {
  const journal = runsJournalPath(db);
  if (!readText(journal)) return true;
  let lock: Lock | undefined;
  try {
    lock = await takeJournalLock(journal);
    const text = readText(journal);
    if (!text) return true;
    const warehouse = await openWarehouse(db);
    try {
      await upsertRuns(warehouse.connection, [...latestRecords(text).values()]);
    } finally {
      warehouse.close();
    }
    writeFileSync(`${journal}.tmp`, "");
    renameSync(`${journal}.tmp`, journal);
    return true;
  } catch (error) {
    logger.warn(`the runs journal ${journal} is kept until the warehouse can be written: ${describeError(error).split("\n")[0]}`);
    return false;
  } finally {
    lock?.release();
  }
}
