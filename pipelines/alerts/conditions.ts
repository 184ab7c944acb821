// audit.alert_conditions: for every key a rule has ever returned, whether its condition holds and which
// occurrence it is in. A condition that starts holding raises its occurrence's alert once; one that
// stops holding closes that alert (state closed, by tahseel); one that holds again is a new occurrence
// and raises again. Only the keys of rules evaluated in this build can stop holding. An alert closed by
// a person while its condition still holds stays closed until the condition clears and comes back.
import type { DuckDBConnection } from "@duckdb/node-api";
import { inTransaction, sqlString } from "../lib/duckdb.ts";
import { raiseAlerts } from "./register.ts";

const DDL = `
CREATE TABLE IF NOT EXISTS audit.alert_conditions (
  alert_key VARCHAR PRIMARY KEY, rule VARCHAR NOT NULL, occurrence INTEGER NOT NULL, holding BOOLEAN NOT NULL,
  first_seen_run VARCHAR NOT NULL, last_seen_run VARCHAR NOT NULL, last_seen_at TIMESTAMPTZ NOT NULL, cleared_at TIMESTAMPTZ)`;

export interface ConditionSummary {
  holding: number;
  raised: number;
  closed: number;
}

/** Folds _alert_hits (from evaluateRules) into the conditions, closing and raising alerts, in one transaction. */
export async function foldConditions(
  connection: DuckDBConnection,
  evaluated: readonly string[],
  run: { runId: string; at: Date },
): Promise<ConditionSummary> {
  await connection.run(DDL);
  const p = { run: run.runId, at: run.at.toISOString() };
  const rules = evaluated.length ? evaluated.map(sqlString).join(", ") : "NULL";
  return inTransaction(connection, async () => {
    // Two rules returning one key: the first by name holds it.
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE _alert_now AS
       SELECT * FROM _alert_hits QUALIFY row_number() OVER (PARTITION BY alert_key ORDER BY rule) = 1`,
    );
    await connection.run(
      `UPDATE audit.alert_conditions AS c
       SET occurrence = CASE WHEN c.holding THEN c.occurrence ELSE c.occurrence + 1 END, holding = true, rule = h.rule,
         last_seen_run = $run, last_seen_at = $at::TIMESTAMPTZ, cleared_at = NULL
       FROM _alert_now AS h WHERE c.alert_key = h.alert_key`,
      p,
    );
    await connection.run(
      `INSERT INTO audit.alert_conditions
       SELECT alert_key, rule, 1, true, $run, $run, $at::TIMESTAMPTZ, NULL
       FROM _alert_now WHERE alert_key NOT IN (SELECT alert_key FROM audit.alert_conditions)`,
      p,
    );
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE _alert_cleared AS
       SELECT alert_key, occurrence FROM audit.alert_conditions
       WHERE holding AND rule IN (${rules}) AND alert_key NOT IN (SELECT alert_key FROM _alert_now)`,
    );
    await connection.run(
      `UPDATE audit.alerts AS a SET state = 'closed', state_at = $at::TIMESTAMPTZ, state_by = 'tahseel',
         state_note = 'condition no longer holds'
       FROM _alert_cleared AS c WHERE a.alert_key = c.alert_key AND a.occurrence = c.occurrence AND a.state <> 'closed'`,
      { at: p.at },
    );
    await connection.run(
      `UPDATE audit.alert_conditions SET holding = false, cleared_at = $at::TIMESTAMPTZ
       WHERE alert_key IN (SELECT alert_key FROM _alert_cleared)`,
      { at: p.at },
    );
    const raised = await raiseAlerts(
      connection,
      `SELECT h.alert_key, c.occurrence, h.rule AS kind, h.severity, h.message_en AS subject, h.message_ar AS subject_ar, h.employer_id,
         json_object('rule', h.rule, 'employer_id', h.employer_id, 'message_en', h.message_en, 'message_ar', h.message_ar,
           'details', h.details) AS detail
       FROM _alert_now AS h JOIN audit.alert_conditions AS c USING (alert_key)`,
      {},
      { runId: run.runId, at: run.at },
    );
    const holding = Number((await connection.runAndReadAll("SELECT count(*) FROM _alert_now")).getRows()[0]![0]);
    const closed = Number((await connection.runAndReadAll("SELECT count(*) FROM _alert_cleared")).getRows()[0]![0]);
    await connection.run("DROP TABLE _alert_now; DROP TABLE _alert_cleared");
    return { holding, raised, closed };
  });
}
