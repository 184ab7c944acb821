// Alert rules are data: one SQL file per rule in the rules folder (config/alert-rules), discovered, each a
// SELECT of alert_key, employer_id, severity, message_en, message_ar, details — one row per condition
// that holds now. The file's name is the rule's name (and the alert's kind); a `-- requires: marts.x`
// line names the models it reads, and the rule is evaluated only in a build where each of them is
// current (built or fresh), so a rule whose mart was not built this time closes nothing. Rules read the
// build's date as getvariable('as_of'), the clock as getvariable('alert_now'), and the staleness cadence
// as the temp table _alert_cadence(entity, hours). Adding a rule is adding a file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Logger } from "../lib/context.ts";
import { queryRows, sqlString } from "../lib/duckdb.ts";

export const ALERT_SEVERITIES = ["low", "medium", "high", "critical"] as const;

export interface AlertRule {
  name: string;
  file: string;
  requires: string[];
  sql: string;
}

const RULE_NAME = /^[a-z][a-z0-9_]*$/;

/** The rules in the folder, by name; a file that cannot be a rule is reported and left out. */
export function discoverRules(dir: string, logger: Logger): AlertRule[] {
  if (!existsSync(dir)) {
    logger.warn(`alert rules: no folder ${dir}; no rule over the marts is evaluated (create it or set rules_dir in the alerts config)`);
    return [];
  }
  const rules: AlertRule[] = [];
  for (const entry of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    const name = entry.slice(0, -".sql".length);
    const file = join(dir, entry);
    if (!RULE_NAME.test(name)) {
      logger.error(`${file}: a rule's file name must be lower_case_with_underscores.sql (it names the alert's kind); rename it`);
      continue;
    }
    const text = readFileSync(file, "utf8");
    const requires = [...text.matchAll(/^--\s*requires:\s*(.+)$/gm)].flatMap((m) =>
      m[1]!
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    );
    rules.push({ name, file, requires, sql: text.replace(/;\s*$/, "") });
  }
  return rules;
}

/** The rules a build can evaluate: those whose required models are all current in it. */
export function rulesToEvaluate(rules: readonly AlertRule[], current: ReadonlySet<string>, logger: Logger): AlertRule[] {
  return rules.filter((r) => {
    const missing = r.requires.filter((m) => !current.has(m));
    if (missing.length) logger.debug(`alert rule ${r.name} not evaluated: ${missing.join(", ")} not current in this build`);
    return missing.length === 0;
  });
}

const HITS_DDL = `
CREATE OR REPLACE TEMP TABLE _alert_hits (rule VARCHAR, alert_key VARCHAR, employer_id VARCHAR, severity VARCHAR,
  message_en VARCHAR, message_ar VARCHAR, details JSON)`;

/**
 * Evaluates each rule into the temp table _alert_hits. A rule that fails (bad SQL, a wrong severity, a
 * message missing) is reported with its file and left out: its alerts are neither raised nor closed.
 * Returns the names of the rules that were evaluated.
 */
export async function evaluateRules(
  connection: DuckDBConnection,
  rules: readonly AlertRule[],
  run: { asOf: string; now: Date; cadence: readonly { entity: string; hours: number }[] },
  logger: Logger,
): Promise<string[]> {
  await connection.run(`SET VARIABLE as_of = ${sqlString(run.asOf)}::DATE`);
  await connection.run(`SET VARIABLE alert_now = ${sqlString(run.now.toISOString())}::TIMESTAMPTZ`);
  await connection.run("CREATE OR REPLACE TEMP TABLE _alert_cadence (entity VARCHAR, hours DOUBLE)");
  for (const c of run.cadence)
    await connection.run("INSERT INTO _alert_cadence VALUES ($entity, $hours::DOUBLE)", { entity: c.entity, hours: c.hours });
  await connection.run(HITS_DDL);
  const evaluated: string[] = [];
  for (const rule of rules) {
    try {
      await connection.run(
        `INSERT INTO _alert_hits
         SELECT ${sqlString(rule.name)}, CAST(alert_key AS VARCHAR), CAST(employer_id AS VARCHAR), CAST(severity AS VARCHAR),
           CAST(message_en AS VARCHAR), CAST(message_ar AS VARCHAR), CAST(details AS JSON)
         FROM (\n${rule.sql}\n) WHERE alert_key IS NOT NULL`,
      );
      const bad = await queryRows<{ alert_key: string; severity: string | null }>(
        connection,
        `SELECT alert_key, severity FROM _alert_hits WHERE rule = ${sqlString(rule.name)}
           AND (severity IS NULL OR severity NOT IN (${ALERT_SEVERITIES.map(sqlString).join(", ")})
             OR coalesce(message_en, '') = '' OR coalesce(message_ar, '') = '') LIMIT 1`,
      );
      if (bad.length) {
        await connection.run(`DELETE FROM _alert_hits WHERE rule = ${sqlString(rule.name)}`);
        throw new Error(
          `row ${bad[0]!.alert_key} has severity ${bad[0]!.severity ?? "NULL"} or no message; ` +
            `severity must be one of ${ALERT_SEVERITIES.join(", ")} and message_en, message_ar must not be empty`,
        );
      }
      evaluated.push(rule.name);
    } catch (error) {
      logger.error(`alert rule ${rule.file} not evaluated: ${error instanceof Error ? error.message : String(error)}; fix the file`);
    }
  }
  return evaluated;
}
