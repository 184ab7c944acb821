// The open alerts as `tahseel status` shows them: how many of each severity, and the newest few.
import type { DuckDBInstance } from "@duckdb/node-api";
import { connectRiyadh } from "../lib/duckdb.ts";
import { type OpenAlerts, openAlerts } from "./query.ts";

export async function readOpenAlerts(instance: DuckDBInstance, limit: number): Promise<OpenAlerts> {
  const connection = await connectRiyadh(instance);
  try {
    return await openAlerts(connection, limit);
  } finally {
    connection.closeSync();
  }
}

export function formatOpenAlerts(alerts: OpenAlerts): string[] {
  const total = alerts.by_severity.reduce((n, s) => n + s.alerts, 0);
  if (total === 0) return ["Open alerts: (none)"];
  const lines = [`Open alerts: ${total} (${alerts.by_severity.map((s) => `${s.alerts} ${s.severity}`).join(", ")}); newest:`];
  for (const a of alerts.newest) lines.push(`  ${a.raised_at}  [${a.severity}] ${a.state.padEnd(12)} ${a.alert_key}  — ${a.subject}`);
  if (total > alerts.newest.length) lines.push(`  … ${total - alerts.newest.length} more: tahseel alerts list`);
  return lines;
}
