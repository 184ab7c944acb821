// audit.runs: one row per run of a job (a scheduled job, `tahseel run`, or a bare `tahseel build`),
// with the code version and the sha256 of every input, so any published number can be traced back.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import { ensureAuditTables } from "./state.ts";

export type RunStatus = "running" | "success" | "failed" | "cancelled";

export interface StepRecord {
  name: string;
  status: "success" | "failed" | "skipped" | "cancelled";
  started_at: string;
  finished_at: string;
  attempts: number;
  error: string | null;
  /** Step-specific facts; the build step keeps its resolved request and each model's status (for --resume). */
  detail?: unknown;
}

export function newRunId(job: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${stamp}-${job}-${randomBytes(3).toString("hex")}`;
}

/** The checkout's commit, or "unknown" outside a git checkout (e.g. an installed package). */
export function gitSha(cwd = process.cwd()): string {
  try {
    return (
      execFileSync("git", ["rev-parse", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"], timeout: 5000 })
        .toString()
        .trim() || "unknown"
    );
  } catch {
    return "unknown";
  }
}

export async function startRun(
  connection: DuckDBConnection,
  run: { runId: string; job: string; startedAt: Date; gitSha: string },
): Promise<void> {
  await ensureAuditTables(connection);
  await connection.run(
    "INSERT INTO audit.runs (run_id, job, started_at, status, git_sha, pid) VALUES ($id, $job, $at::TIMESTAMPTZ, 'running', $sha, " +
      "$pid::INTEGER)",
    { id: run.runId, job: run.job, at: run.startedAt.toISOString(), sha: run.gitSha, pid: process.pid },
  );
}

export async function finishRun(
  connection: DuckDBConnection,
  run: {
    runId: string;
    finishedAt: Date;
    status: RunStatus;
    error: string | null;
    asOf: string | null;
    inputs: unknown[];
    steps: StepRecord[];
  },
): Promise<void> {
  await ensureAuditTables(connection);
  await connection.run(
    `UPDATE audit.runs SET finished_at = $at::TIMESTAMPTZ, status = $status, error = $error::VARCHAR, as_of = $asOf::DATE,
       inputs = $inputs::JSON, steps = $steps::JSON WHERE run_id = $id`,
    {
      id: run.runId,
      at: run.finishedAt.toISOString(),
      status: run.status,
      error: run.error,
      asOf: run.asOf,
      inputs: JSON.stringify(run.inputs),
      steps: JSON.stringify(run.steps),
    },
  );
}

export interface ResumePoint {
  runId: string;
  request: { select: string[]; asOf: string | null; params: Record<string, string>; period: string | null };
  /** Models that failed, were blocked or never started in that run. */
  unfinished: string[];
}

/** The latest run with a build step, if it did not finish: what it asked for and which models remain. */
export async function lastUnfinishedBuild(connection: DuckDBConnection): Promise<ResumePoint> {
  await ensureAuditTables(connection);
  const rows = await queryRows<{ run_id: string; status: string; steps: string }>(
    connection,
    `SELECT run_id, status, CAST(steps AS VARCHAR) AS steps FROM audit.runs
     WHERE steps IS NOT NULL AND list_contains(json_extract_string(steps, '$[*].name'), 'build')
     ORDER BY started_at DESC, rowid DESC LIMIT 1`,
  );
  const last = rows[0];
  if (!last) throw new UserError("--resume: no earlier build is recorded in audit.runs; run tahseel build");
  const step = (JSON.parse(last.steps) as StepRecord[]).find((s) => s.name === "build");
  const detail = step?.detail as { request?: ResumePoint["request"]; models?: Record<string, string> } | undefined;
  if (!detail?.request || !detail.models) throw new UserError(`--resume: run ${last.run_id} did not record its build request`);
  const unfinished = Object.entries(detail.models)
    .filter(([, s]) => ["failed", "test_failed", "blocked", "cancelled"].includes(s))
    .map(([id]) => id);
  if (last.status === "success" || unfinished.length === 0)
    throw new UserError(`--resume: the last build (run ${last.run_id}) finished; nothing to resume`);
  return { runId: last.run_id, request: detail.request, unfinished };
}
