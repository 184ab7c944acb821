// audit.alerts: every alert raised from the warehouse, under a stable key and an occurrence number, with
// its state (new → acknowledged → closed) and when it reached the outbox. An alert is raised once per
// occurrence: raising the same key and occurrence again changes nothing, so a rebuild of unchanged data
// raises nothing new. Alerts reach the outbox after the transaction that raised them commits.
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import type { Logger } from "../lib/context.ts";
import { inTransaction, queryRows } from "../lib/duckdb.ts";
import { appendToOutbox, type OutboxAlert } from "./outbox.ts";

export const ALERT_STATES = ["new", "acknowledged", "closed"] as const;

const ALERTS_DDL = `
CREATE SCHEMA IF NOT EXISTS audit;
CREATE TABLE IF NOT EXISTS audit.alerts (
  alert_key VARCHAR NOT NULL, occurrence INTEGER NOT NULL, kind VARCHAR NOT NULL, severity VARCHAR NOT NULL,
  subject VARCHAR NOT NULL, detail JSON, run_id VARCHAR, raised_at TIMESTAMPTZ NOT NULL,
  state VARCHAR NOT NULL, state_at TIMESTAMPTZ NOT NULL, state_by VARCHAR NOT NULL,
  delivered_at TIMESTAMPTZ, PRIMARY KEY (alert_key, occurrence));
`;

export async function ensureAlertTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(ALERTS_DDL);
}

/**
 * Raises the alerts a query selects, as columns alert_key, occurrence, kind, severity, subject, detail;
 * those already raised are left as they are. Returns how many are new. Runs inside the caller's transaction.
 */
export async function raiseAlerts(
  connection: DuckDBConnection,
  select: string,
  params: Record<string, DuckDBValue>,
  raised: { runId: string | null; at: Date },
): Promise<number> {
  const rows = await queryRows<{ alert_key: string }>(
    connection,
    `INSERT OR IGNORE INTO audit.alerts
       SELECT alert_key, occurrence, kind, severity, subject, CAST(detail AS JSON), $run_id::VARCHAR, $raised_at::TIMESTAMPTZ,
         'new', $raised_at::TIMESTAMPTZ, 'tahseel', NULL
       FROM (${select})
     RETURNING alert_key`,
    { ...params, run_id: raised.runId, raised_at: raised.at.toISOString() },
  );
  return rows.length;
}

/**
 * Writes every alert not yet delivered to the outbox and marks it delivered, in one transaction. A crash
 * after the write and before the commit writes it again next time: at least once, and the consumer
 * dedupes on key + occurrence. The warehouse is one process's at a time, so nothing is raised meanwhile.
 */
export async function deliverAlerts(connection: DuckDBConnection, dir: string, logger: Logger, now: Date): Promise<number> {
  return inTransaction(connection, async () => {
    const pending = await queryRows<Record<string, unknown>>(
      connection,
      `SELECT alert_key, occurrence, kind, severity, subject, CAST(detail AS VARCHAR) AS detail, run_id, raised_at
       FROM audit.alerts WHERE delivered_at IS NULL ORDER BY raised_at, alert_key, occurrence`,
    );
    if (pending.length === 0) return 0;
    const alerts: OutboxAlert[] = pending.map((a) => ({
      key: String(a.alert_key),
      occurrence: Number(a.occurrence),
      kind: String(a.kind),
      severity: String(a.severity),
      subject: String(a.subject),
      raised_at: String(a.raised_at),
      run_id: a.run_id === null ? null : String(a.run_id),
      detail: a.detail === null ? null : JSON.parse(String(a.detail)),
    }));
    await connection.run("UPDATE audit.alerts SET delivered_at = $at::TIMESTAMPTZ WHERE delivered_at IS NULL", { at: now.toISOString() });
    const file = appendToOutbox(dir, alerts);
    for (const a of alerts) logger.warn(`ALERT ${a.severity} ${a.subject}`, { key: a.key, alert_file: file });
    return alerts.length;
  });
}
