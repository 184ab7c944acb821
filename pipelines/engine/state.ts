// The engine's own tables in the audit schema: what was built, from which fingerprint, which periods
// an incremental model holds, and every test result.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../lib/duckdb.ts";

export const AUDIT_DDL = `
CREATE SCHEMA IF NOT EXISTS audit;
CREATE TABLE IF NOT EXISTS audit.runs (
  run_id VARCHAR, job VARCHAR, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ,
  status VARCHAR, error VARCHAR, git_sha VARCHAR, as_of DATE, inputs JSON, steps JSON, pid INTEGER);
CREATE TABLE IF NOT EXISTS audit.test_results (
  run_id VARCHAR, model VARCHAR, test VARCHAR, severity VARCHAR, status VARCHAR,
  failing_rows BIGINT, sample JSON, message VARCHAR, checked_at TIMESTAMPTZ);
CREATE TABLE IF NOT EXISTS audit.model_state (
  model VARCHAR, fingerprint VARCHAR, code_fingerprint VARCHAR, materialized VARCHAR,
  built_at TIMESTAMPTZ, run_id VARCHAR, rows BIGINT, duration_ms DOUBLE);
CREATE TABLE IF NOT EXISTS audit.model_periods (
  model VARCHAR, period VARCHAR, code_fingerprint VARCHAR, built_at TIMESTAMPTZ, run_id VARCHAR, rows BIGINT);
`;

export async function ensureAuditTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(AUDIT_DDL);
}

export interface ModelState {
  model: string;
  fingerprint: string;
  code_fingerprint: string;
  materialized: string;
  built_at: string;
  run_id: string;
}

export async function readModelState(connection: DuckDBConnection): Promise<Map<string, ModelState>> {
  const rows = await queryRows<ModelState & Record<string, unknown>>(
    connection,
    "SELECT model, fingerprint, code_fingerprint, materialized, built_at, run_id FROM audit.model_state",
  );
  return new Map(rows.map((r) => [r.model, r]));
}

/** Written inside the model's own transaction, so the fingerprint is recorded exactly when the table is. */
export async function recordModelState(
  connection: DuckDBConnection,
  s: {
    model: string;
    fingerprint: string;
    codeFingerprint: string;
    materialized: string;
    builtAt: Date;
    runId: string;
    rows: number | null;
    durationMs: number;
  },
): Promise<void> {
  await connection.run("DELETE FROM audit.model_state WHERE model = $model", { model: s.model });
  await connection.run(
    "INSERT INTO audit.model_state VALUES ($model, $fp, $code, $mat, $at::TIMESTAMPTZ, $run, $rows::BIGINT, $ms::DOUBLE)",
    {
      model: s.model,
      fp: s.fingerprint,
      code: s.codeFingerprint,
      mat: s.materialized,
      at: s.builtAt.toISOString(),
      run: s.runId,
      rows: s.rows === null ? null : String(s.rows),
      ms: s.durationMs,
    },
  );
}

export async function builtPeriods(connection: DuckDBConnection, model: string, codeFingerprint: string): Promise<Set<string>> {
  const rows = await queryRows<{ period: string }>(
    connection,
    "SELECT period FROM audit.model_periods WHERE model = $model AND code_fingerprint = $code",
    {
      model,
      code: codeFingerprint,
    },
  );
  return new Set(rows.map((r) => r.period));
}

export async function forgetPeriods(connection: DuckDBConnection, model: string): Promise<void> {
  await connection.run("DELETE FROM audit.model_periods WHERE model = $model", { model });
}

export async function recordPeriod(
  connection: DuckDBConnection,
  p: { model: string; period: string; codeFingerprint: string; builtAt: Date; runId: string; rows: number },
): Promise<void> {
  await connection.run("DELETE FROM audit.model_periods WHERE model = $model AND period = $period", {
    model: p.model,
    period: p.period,
  });
  await connection.run("INSERT INTO audit.model_periods VALUES ($model, $period, $code, $at::TIMESTAMPTZ, $run, $rows::BIGINT)", {
    model: p.model,
    period: p.period,
    code: p.codeFingerprint,
    at: p.builtAt.toISOString(),
    run: p.runId,
    rows: String(p.rows),
  });
}

export type ObjectKind = "table" | "view";

/** Tables and views that exist now in the model schemas, by `schema.name`. */
export async function existingObjects(connection: DuckDBConnection): Promise<Map<string, ObjectKind>> {
  const rows = await queryRows<{ id: string; kind: ObjectKind }>(
    connection,
    `SELECT schema_name || '.' || table_name AS id, 'table' AS kind FROM duckdb_tables()
       WHERE database_name = current_database() AND NOT temporary
     UNION ALL
     SELECT schema_name || '.' || view_name, 'view' FROM duckdb_views()
       WHERE database_name = current_database() AND NOT internal AND NOT temporary`,
  );
  return new Map(rows.map((r) => [r.id, r.kind]));
}

export interface TestResultRow {
  runId: string;
  model: string;
  test: string;
  severity: string;
  status: "pass" | "fail" | "error";
  failingRows: number;
  sample: unknown[];
  message: string | null;
  checkedAt: Date;
}

export async function recordTestResults(connection: DuckDBConnection, results: readonly TestResultRow[]): Promise<void> {
  for (const r of results)
    await connection.run(
      "INSERT INTO audit.test_results VALUES ($run, $model, $test, $severity, $status, $failing::BIGINT, $sample::JSON, $message, " +
        "$at::TIMESTAMPTZ)",
      {
        run: r.runId,
        model: r.model,
        test: r.test,
        severity: r.severity,
        status: r.status,
        failing: String(r.failingRows),
        sample: JSON.stringify(r.sample, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
        message: r.message,
        at: r.checkedAt.toISOString(),
      },
    );
}
