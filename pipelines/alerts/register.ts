// audit.alerts: every alert raised from the warehouse, under a stable key and an occurrence number, with
// its state (new → acknowledged → closed) and when it reached the sinks. An alert is raised once per
// occurrence: raising the same key and occurrence again changes nothing, so a rebuild of unchanged data
// raises nothing new. Alerts reach the sinks after the transaction that raised them commits.
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import type { Logger } from "../lib/context.ts";
import { inTransaction, queryRows } from "../lib/duckdb.ts";
import type { AlertSink, OutboxAlert } from "./outbox.ts";
import { deliverToSinks } from "./sinks.ts";

export const ALERT_STATES = ["new", "acknowledged", "closed"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

// The columns after delivered_at came with the alert rules (issue 19); a warehouse made before gains them.
const ALERTS_DDL = `
CREATE SCHEMA IF NOT EXISTS audit;
CREATE TABLE IF NOT EXISTS audit.alerts (
  alert_key VARCHAR NOT NULL, occurrence INTEGER NOT NULL, kind VARCHAR NOT NULL, severity VARCHAR NOT NULL,
  subject VARCHAR NOT NULL, detail JSON, run_id VARCHAR, raised_at TIMESTAMPTZ NOT NULL,
  state VARCHAR NOT NULL, state_at TIMESTAMPTZ NOT NULL, state_by VARCHAR NOT NULL,
  delivered_at TIMESTAMPTZ, PRIMARY KEY (alert_key, occurrence));
ALTER TABLE audit.alerts ADD COLUMN IF NOT EXISTS subject_ar VARCHAR;
ALTER TABLE audit.alerts ADD COLUMN IF NOT EXISTS employer_id VARCHAR;
ALTER TABLE audit.alerts ADD COLUMN IF NOT EXISTS state_note VARCHAR;
`;

export async function ensureAlertTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(ALERTS_DDL);
}

/**
 * Raises the alerts a query selects, as columns alert_key, occurrence, kind, severity, subject, detail,
 * subject_ar, employer_id (the last two may be NULL); those already raised are left as they are.
 * Returns how many are new. Runs inside the caller's transaction.
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
       (alert_key, occurrence, kind, severity, subject, detail, run_id, raised_at, state, state_at, state_by, delivered_at,
        subject_ar, employer_id)
       SELECT alert_key, occurrence, kind, severity, subject, CAST(detail AS JSON), $run_id::VARCHAR, $raised_at::TIMESTAMPTZ,
         'new', $raised_at::TIMESTAMPTZ, 'tahseel', NULL, CAST(subject_ar AS VARCHAR), CAST(employer_id AS VARCHAR)
       FROM (${select})
     RETURNING alert_key`,
    { ...params, run_id: raised.runId, raised_at: raised.at.toISOString() },
  );
  return rows.length;
}

/**
 * Hands every alert not yet delivered to the sinks and marks it delivered, in one transaction. A crash
 * after a sink and before the commit hands it over again next time: at least once, and the consumer
 * dedupes on key + occurrence. A sink that cannot deliver keeps the alert itself (the webhook's dead
 * letters), so delivery never fails the run. The warehouse is one process's at a time.
 */
export async function deliverAlerts(connection: DuckDBConnection, sinks: readonly AlertSink[], logger: Logger, now: Date): Promise<number> {
  return inTransaction(connection, async () => {
    const pending = await queryRows<Record<string, unknown>>(
      connection,
      `SELECT alert_key, occurrence, kind, severity, subject, subject_ar, employer_id, CAST(detail AS VARCHAR) AS detail, run_id, raised_at
       FROM audit.alerts WHERE delivered_at IS NULL ORDER BY raised_at, alert_key, occurrence`,
    );
    const alerts: OutboxAlert[] = pending.map((a) => ({
      key: String(a.alert_key),
      occurrence: Number(a.occurrence),
      kind: String(a.kind),
      severity: String(a.severity),
      subject: String(a.subject),
      ...(a.subject_ar === null ? {} : { subject_ar: String(a.subject_ar) }),
      ...(a.employer_id === null ? {} : { employer_id: String(a.employer_id) }),
      raised_at: String(a.raised_at),
      run_id: a.run_id === null ? null : String(a.run_id),
      detail: a.detail === null ? null : JSON.parse(String(a.detail)),
    }));
    await deliverToSinks(sinks, alerts, logger);
    if (alerts.length)
      await connection.run("UPDATE audit.alerts SET delivered_at = $at::TIMESTAMPTZ WHERE delivered_at IS NULL", { at: now.toISOString() });
    return alerts.length;
  });
}
