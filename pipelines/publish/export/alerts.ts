// The alerts for the site: audit.alerts counted by rule, state and severity (both builds: counts name
// nobody) and — audit build only — the list in pages, newest first as `tahseel alerts list` orders
// it, each row with its message in both languages and what it is about, so the page can link to the
// employer, the finding, the objection or the data-health section behind it.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { DataFiles } from "../data-files.ts";
import type { AlertCount, AlertRow, AlertsData } from "../page-data/alerts.ts";
import type { Audience } from "../types.ts";
import { writePaged } from "./paged.ts";

const iso = (c: string) => `strftime(${c} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')`;
const SEVERITY_ORDER = "CASE a.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END";

async function hasAlerts(c: DuckDBConnection): Promise<boolean> {
  const rows = await queryRows(c, "SELECT 1 FROM duckdb_tables() WHERE schema_name = 'audit' AND table_name = 'alerts'");
  return rows.length > 0;
}

export async function exportAlerts(c: DuckDBConnection, files: DataFiles, shards: DataFiles, audience: Audience): Promise<AlertsData> {
  if (!(await hasAlerts(c))) {
    const empty: AlertsData = { total: 0, counts: [], ...(audience === "audit" ? { list: writePaged(shards, "alerts/list", []) } : {}) };
    files.page("alerts.json", empty);
    return empty;
  }
  const counts = await queryRows<AlertCount & Record<string, unknown>>(
    c,
    "SELECT kind, state, severity, count(*)::INTEGER AS n FROM audit.alerts GROUP BY ALL ORDER BY kind, state, severity",
  );
  const data: AlertsData = { total: counts.reduce((a, r) => a + r.n, 0), counts };
  if (audience === "audit") data.list = writePaged(shards, "alerts/list", await alertRows(c));
  files.page("alerts.json", data);
  return data;
}

async function alertRows(c: DuckDBConnection): Promise<AlertRow[]> {
  // The order is `tahseel alerts list`'s (pipelines/alerts/query.ts), so the page and the command agree.
  return queryRows<AlertRow & Record<string, unknown>>(
    c,
    `SELECT a.alert_key, a.occurrence, a.kind, a.severity, a.state, a.subject AS message_en, a.subject_ar AS message_ar,
       ${iso("a.raised_at")} AS raised_at, a.state_by, ${iso("a.state_at")} AS state_at, a.state_note,
       CASE WHEN starts_with(a.alert_key, a.kind || ':') THEN a.alert_key[length(a.kind) + 2:] ELSE a.alert_key END AS ref,
       CASE WHEN a.kind = 'finding' THEN md5(json_extract_string(a.detail, '$.anomaly_id'))[1:16] END AS finding_key,
       a.employer_id, e.name_ar, e.name_en, a.run_id
     FROM audit.alerts AS a
     LEFT JOIN (SELECT employer_id, any_value(name_ar) AS name_ar, any_value(name_en) AS name_en FROM staging.stg_employers
       GROUP BY employer_id) AS e USING (employer_id)
     ORDER BY a.raised_at DESC, ${SEVERITY_ORDER}, a.alert_key, a.occurrence DESC`,
  );
}
