// The findings register for the site: counts by rule, severity and status, what is new since the last
// run, the monthly trend and — audit build only — the list (paged shards) and one shard per finding with
// its evidence, the delivered rows behind it and its disposition history (read by the CLI's own
// `findings show`, so the page and the command never disagree). The management build gets counts by
// rule and severity only: no id, no employer, no name.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import { showFinding } from "../../findings/query.ts";
import type { DataFiles } from "../data-files.ts";
import type { Audience } from "../types.ts";
import type { Count, FindingDetailFile, FindingRow, FindingsSummary } from "./findings-types.ts";
import { exportBenford } from "./benford.ts";
import { writePaged } from "./paged.ts";
import { hasTable } from "./tables.ts";

/** Counts are of findings active in the run shown; a finding no longer seen stays in the list, marked so. */
const ACTIVE = "seen_state = 'active'";
const SEVERITY_ORDER = "array_position(['critical','high','medium','low'], severity) NULLS LAST";

const counts = (c: DuckDBConnection, column: string, order = "n DESC, key") =>
  queryRows<Count & Record<string, unknown>>(
    c,
    `SELECT * FROM (SELECT coalesce(CAST(${column} AS VARCHAR), 'none') AS key, count(*)::INTEGER AS n FROM audit.findings
     WHERE ${ACTIVE} GROUP BY ALL) ORDER BY ${order}`,
  );

export const hasRegister = (c: DuckDBConnection) => hasTable(c, "audit", "findings");

export async function exportFindings(
  c: DuckDBConnection,
  files: DataFiles,
  shards: DataFiles,
  audience: Audience,
): Promise<FindingsSummary> {
  if (!(await hasRegister(c))) {
    const empty: FindingsSummary = { total: 0, by_rule: [], by_severity: [] };
    files.write("findings.json", empty);
    return empty;
  }
  const [total] = await queryRows<{ n: number }>(c, `SELECT count(*)::INTEGER AS n FROM audit.findings WHERE ${ACTIVE}`);
  const summary: FindingsSummary = {
    total: total?.n ?? 0,
    by_rule: await counts(c, "rule"),
    by_severity: await counts(c, "severity", SEVERITY_ORDER.replaceAll("severity", "key")),
  };
  if (audience === "audit") {
    summary.by_status = await counts(c, "status");
    summary.new_since_last = await newSinceLast(c);
    summary.by_month = await queryRows<{ month: string; n: number }>(
      c,
      `SELECT left(period, 7) AS month, count(*)::INTEGER AS n FROM audit.findings WHERE ${ACTIVE} AND period IS NOT NULL
       GROUP BY ALL ORDER BY month`,
    );
    const rows = await findingRows(c, summary.new_since_last.run_id, await hasTable(c, "marts", "staff_findings"));
    summary.list = writePaged(shards, "findings/list", rows);
    summary.benford = await exportBenford(c, shards);
    for (const row of rows) {
      const detail = await findingDetail(c, row);
      if (detail) shards.write(`findings/detail/${row.key}.json`, detail);
    }
  }
  files.write("findings.json", summary);
  return summary;
}

/** The last fold is the run shown; "new" is what that fold saw for the first time. */
async function newSinceLast(c: DuckDBConnection): Promise<NonNullable<FindingsSummary["new_since_last"]>> {
  const folds = await queryRows<{ run_id: string; n: number }>(
    c,
    "SELECT run_id, new::INTEGER AS n FROM audit.finding_folds ORDER BY folded_at DESC, run_id DESC LIMIT 2",
  );
  return { run_id: folds[0]?.run_id ?? null, previous_run: folds[1]?.run_id ?? null, n: folds[0]?.n ?? 0 };
}

async function findingRows(c: DuckDBConnection, lastRun: string | null, staff: boolean): Promise<FindingRow[]> {
  // the staff users a finding names (marts.staff_findings), for the list's user filter and the Staff page's links
  const users = staff
    ? "(SELECT anomaly_id, list(user_id ORDER BY user_id) AS users FROM marts.staff_findings GROUP BY anomaly_id)"
    : "(SELECT NULL::VARCHAR AS anomaly_id, NULL::VARCHAR[] AS users WHERE false)";
  return queryRows<FindingRow & Record<string, unknown>>(
    c,
    `SELECT md5(f.anomaly_id)[1:16] AS key, f.anomaly_id, f.rule, f.severity, f.status, f.seen_state, f.employer_id,
       e.name_ar, e.name_en, f.contributor_id, f.period, f.score, f.first_seen_run,
       coalesce(f.first_seen_run = $last, false) AS is_new, coalesce(u.users, []) AS users
     FROM audit.findings AS f LEFT JOIN (SELECT employer_id, any_value(name_ar) AS name_ar, any_value(name_en) AS name_en
       FROM staging.stg_employers GROUP BY employer_id) AS e USING (employer_id)
     LEFT JOIN ${users} AS u USING (anomaly_id)
     ORDER BY f.seen_state, ${SEVERITY_ORDER.replaceAll("severity", "f.severity")}, f.score DESC NULLS LAST, f.anomaly_id`,
    { last: lastRun },
  );
}

async function findingDetail(c: DuckDBConnection, row: FindingRow): Promise<FindingDetailFile | undefined> {
  const shown = await showFinding(c, row.anomaly_id);
  if (!shown) return undefined;
  const f = shown.finding;
  return {
    finding: {
      ...row,
      entity: (f.entity as string | null) ?? null,
      entity_id: (f.entity_id as string | null) ?? null,
      rule_version: f.rule_version === null ? null : Number(f.rule_version),
      last_seen_run: String(f.last_seen_run),
    },
    evidence: shown.evidence,
    sources: shown.sources.map((s) => ({
      entity: s.entity,
      entity_id: s.entity_id,
      delivery_id: s.delivery_id,
      file_name: s.file_name,
      line: Number(s.line),
    })),
    history: shown.history.map((h) => ({
      status: String(h.status),
      previous_status: (h.previous_status as string | null) ?? null,
      by: String(h.by),
      at: String(h.at),
      note: (h.note as string | null) ?? null,
    })),
  };
}
