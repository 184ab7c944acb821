// After a build: folds marts.anomalies (what the detectors find now) into the lasting register. A new
// finding enters as open; one seen again has its columns refreshed and its streak counted; one that
// stops firing is marked no_longer_seen, never deleted; one that comes back starts a new occurrence.
// A critical finding's occurrence raises one alert unless the auditors exempted it; the build delivers
// it with every other alert (pipelines/alerts/after-build.ts).
import type { Warehouse } from "../lib/duckdb.ts";
import type { RunContext } from "../lib/context.ts";
import { countRows, inTransaction } from "../lib/duckdb.ts";
import { raiseAlerts } from "../alerts/register.ts";
import { ANOMALIES, ANOMALY_COLUMNS, ensureFindingTables } from "./schema.ts";
import { syncJournal } from "./journal.ts";

export interface FoldSummary {
  seen: number;
  new: number;
  returned: number;
  noLongerSeen: number;
  alerts: number;
  replayed: number;
}

const cols = ANOMALY_COLUMNS.join(", ");
const setCols = ANOMALY_COLUMNS.map((c) => `${c} = s.${c}`).join(", ");

/** marts.anomalies with the register's column types, one row per id (the highest score if a detector repeats one). */
const SEEN = `
CREATE OR REPLACE TEMP TABLE _seen AS
SELECT CAST(anomaly_id AS VARCHAR) AS anomaly_id, CAST(rule AS VARCHAR) AS rule, CAST(rule_version AS INTEGER) AS rule_version,
  CAST(entity AS VARCHAR) AS entity, CAST(entity_id AS VARCHAR) AS entity_id, CAST(employer_id AS VARCHAR) AS employer_id,
  CAST(contributor_id AS VARCHAR) AS contributor_id, CAST(period AS VARCHAR) AS period, CAST(severity AS VARCHAR) AS severity,
  CAST(score AS DOUBLE) AS score, CAST(evidence AS JSON) AS evidence
FROM ${ANOMALIES}
QUALIFY row_number() OVER (PARTITION BY anomaly_id ORDER BY score DESC NULLS LAST, rule) = 1`;

export async function foldFindings(
  warehouse: Pick<Warehouse, "connection" | "path">,
  run: { runId: string },
  context: RunContext,
): Promise<FoldSummary> {
  const { connection } = warehouse;
  const at = context.now().toISOString();
  const p = { run: run.runId, at };
  await ensureFindingTables(connection);
  const summary = await inTransaction(connection, async () => {
    await connection.run(SEEN);
    const seen = await countRows(connection, "_seen");
    const returned = await countRows(
      connection,
      "audit.findings WHERE seen_state = 'no_longer_seen' AND anomaly_id IN (SELECT anomaly_id FROM _seen)",
    );
    await connection.run(
      `UPDATE audit.findings AS f SET ${setCols}, last_seen_run = $run, last_seen_at = $at::TIMESTAMPTZ,
         runs_in_a_row = CASE WHEN f.seen_state = 'active' THEN f.runs_in_a_row + 1 ELSE 1 END,
         occurrence = CASE WHEN f.seen_state = 'active' THEN f.occurrence ELSE f.occurrence + 1 END,
         seen_state = 'active'
       FROM _seen AS s WHERE f.anomaly_id = s.anomaly_id`,
      p,
    );
    const before = await countRows(connection, "audit.findings");
    await connection.run(
      `INSERT INTO audit.findings
       SELECT anomaly_id, ${cols}, $run, $run, $at::TIMESTAMPTZ, $at::TIMESTAMPTZ, 1, 1, 'active', 'open'
       FROM _seen WHERE anomaly_id NOT IN (SELECT anomaly_id FROM audit.findings)`,
      p,
    );
    const added = (await countRows(connection, "audit.findings")) - before;
    const gone = await countRows(
      connection,
      "audit.findings WHERE seen_state = 'active' AND anomaly_id NOT IN (SELECT anomaly_id FROM _seen)",
    );
    await connection.run(
      `UPDATE audit.findings SET seen_state = 'no_longer_seen', runs_in_a_row = 0
       WHERE seen_state = 'active' AND anomaly_id NOT IN (SELECT anomaly_id FROM _seen)`,
    );
    await connection.run("DROP TABLE _seen");
    return { seen, new: added, returned, noLongerSeen: gone };
  });
  // Dispositions first: an exemption replayed from the journal must hold before alerts are raised.
  const { replayed } = await syncJournal(connection, warehouse.path, context);
  const alerts = await inTransaction(connection, async () => {
    const raised = await raiseAlerts(
      connection,
      `SELECT 'finding:' || anomaly_id AS alert_key, occurrence, 'finding' AS kind, severity,
         'new ' || severity || ' finding ' || anomaly_id || ': ' || rule || ' on ' || entity || ' ' || coalesce(entity_id, '') AS subject,
         'ملاحظة جديدة بدرجة ' || CASE severity WHEN 'critical' THEN 'حرجة' ELSE severity END || ': ' || rule || ' على '
           || entity || ' ' || coalesce(entity_id, '') || ' (' || anomaly_id || ')' AS subject_ar, employer_id,
         json_object('anomaly_id', anomaly_id, 'rule', rule, 'rule_version', rule_version, 'entity', entity, 'entity_id', entity_id,
           'employer_id', employer_id, 'contributor_id', contributor_id, 'period', period, 'score', score, 'evidence', evidence) AS detail
       FROM audit.findings WHERE seen_state = 'active' AND last_seen_run = $run AND severity = 'critical' AND status <> 'exempt'`,
      { run: run.runId },
      { runId: run.runId, at: context.now() },
    );
    await connection.run(
      "INSERT OR REPLACE INTO audit.finding_folds VALUES ($run, $at::TIMESTAMPTZ, $seen, $new, $returned, $gone, $alerts)",
      {
        ...p,
        seen: summary.seen,
        new: summary.new,
        returned: summary.returned,
        gone: summary.noLongerSeen,
        alerts: raised,
      },
    );
    return raised;
  });
  context.logger.info(
    `findings: ${summary.seen} seen (${summary.new} new, ${summary.returned} back), ` +
      `${summary.noLongerSeen} no longer seen, ${alerts} alert(s)`,
    { run_id: run.runId },
  );
  return { ...summary, noLongerSeen: summary.noLongerSeen, alerts, replayed };
}
