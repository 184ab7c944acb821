// Reading and changing alerts: the list (`tahseel alerts list`), a person acknowledging or closing one
// (`tahseel alerts ack|close`), and the open ones for `tahseel status`. A person changes the latest
// occurrence of a key; an alert closed while its condition still holds stays closed until the condition
// clears and comes back (conditions.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import { inTransaction, queryRows } from "../lib/duckdb.ts";
import { UserError } from "../lib/errors.ts";
import { didYouMean } from "../engine/located-yaml.ts";
import type { AlertState } from "./register.ts";

export interface AlertRow {
  alert_key: string;
  occurrence: number;
  kind: string;
  severity: string;
  state: AlertState;
  subject: string;
  subject_ar: string | null;
  employer_id: string | null;
  raised_at: string;
  state_at: string;
  state_by: string;
  state_note: string | null;
  delivered_at: string | null;
  run_id: string | null;
}

const COLUMNS =
  "alert_key, occurrence, kind, severity, state, subject, subject_ar, employer_id, raised_at, state_at, state_by, state_note, " +
  "delivered_at, run_id";
const SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END";

export async function listAlerts(connection: DuckDBConnection, filter: { state?: AlertState } = {}): Promise<AlertRow[]> {
  return queryRows<AlertRow & Record<string, unknown>>(
    connection,
    `SELECT ${COLUMNS} FROM audit.alerts WHERE $state::VARCHAR IS NULL OR state = $state::VARCHAR
     ORDER BY raised_at DESC, ${SEVERITY_ORDER}, alert_key, occurrence DESC`,
    { state: filter.state ?? null },
  );
}

export interface OpenAlerts {
  by_severity: { severity: string; alerts: number }[];
  newest: Pick<AlertRow, "alert_key" | "occurrence" | "severity" | "state" | "subject" | "raised_at">[];
}

/** The alerts not closed: how many of each severity, and the newest few. */
export async function openAlerts(connection: DuckDBConnection, limit: number): Promise<OpenAlerts> {
  const by_severity = await queryRows<{ severity: string; alerts: number }>(
    connection,
    `SELECT severity, count(*) AS alerts FROM audit.alerts WHERE state <> 'closed' GROUP BY severity ORDER BY min(${SEVERITY_ORDER})`,
  );
  const newest = await queryRows<OpenAlerts["newest"][number] & Record<string, unknown>>(
    connection,
    `SELECT alert_key, occurrence, severity, state, subject, raised_at FROM audit.alerts WHERE state <> 'closed'
     ORDER BY raised_at DESC, ${SEVERITY_ORDER}, alert_key LIMIT ${Math.trunc(limit)}`,
  );
  return { by_severity, newest };
}

export interface StateChange {
  key: string;
  state: "acknowledged" | "closed";
  by: string;
  note?: string;
  at: Date;
}

/** Moves the key's latest occurrence forward (new → acknowledged → closed); returns it, and whether it changed. */
export async function changeState(connection: DuckDBConnection, change: StateChange): Promise<{ alert: AlertRow; changed: boolean }> {
  return inTransaction(connection, async () => {
    const [alert] = await queryRows<AlertRow & Record<string, unknown>>(
      connection,
      `SELECT ${COLUMNS} FROM audit.alerts WHERE alert_key = $key ORDER BY occurrence DESC LIMIT 1`,
      { key: change.key },
    );
    if (!alert) throw await unknownAlert(connection, change.key);
    if (alert.state === change.state) return { alert, changed: false };
    if (alert.state === "closed")
      throw new UserError(
        `alert ${change.key} (occurrence ${alert.occurrence}) is closed already (by ${alert.state_by} at ${alert.state_at}); ` +
          "a closed alert is not acknowledged: if its condition comes back it is raised again",
      );
    await connection.run(
      `UPDATE audit.alerts SET state = $state, state_at = $at::TIMESTAMPTZ, state_by = $by, state_note = $note
       WHERE alert_key = $key AND occurrence = $occurrence`,
      {
        state: change.state,
        at: change.at.toISOString(),
        by: change.by,
        note: change.note ?? null,
        key: change.key,
        occurrence: alert.occurrence,
      },
    );
    return {
      alert: { ...alert, state: change.state, state_at: change.at.toISOString(), state_by: change.by, state_note: change.note ?? null },
      changed: true,
    };
  });
}

async function unknownAlert(connection: DuckDBConnection, key: string): Promise<UserError> {
  const keys = (await queryRows<{ k: string }>(connection, "SELECT DISTINCT alert_key AS k FROM audit.alerts")).map((r) => r.k);
  return new UserError(`no alert with key ${key}${didYouMean(key, keys)}; see tahseel alerts list for the keys`);
}
