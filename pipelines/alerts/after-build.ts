// The seam between a build and the alerts, after the findings register has folded: the alert rules
// over the marts are evaluated at the build's as-of date, their conditions folded (raising and closing
// alerts), and every alert not yet delivered — a finding's too — handed to the configured sinks.
import type { RunContext } from "../lib/context.ts";
import { queryRows, type Warehouse } from "../lib/duckdb.ts";
import { type AlertsConfig, cadenceRows, defaultAlertsConfig } from "./config.ts";
import { type ConditionSummary, foldConditions } from "./conditions.ts";
import { deliverAlerts, ensureAlertTables } from "./register.ts";
import { discoverRules, evaluateRules, rulesToEvaluate } from "./rules.ts";
import { configuredSinks, defaultAlertsDir } from "./sinks.ts";

export interface AlertsSummary extends ConditionSummary {
  /** The rules evaluated in this build. */
  rules: string[];
  delivered: number;
}

export async function alertAfterBuild(
  warehouse: Pick<Warehouse, "connection" | "path">,
  build: { runId: string; asOf: string | null; models: readonly { model: string; status: string }[] },
  options: { alerts?: AlertsConfig; alertsDir?: string; env?: Readonly<Record<string, string | undefined>> },
  context: RunContext,
): Promise<AlertsSummary> {
  const { connection } = warehouse;
  const config = options.alerts ?? defaultAlertsConfig();
  await ensureAlertTables(connection);
  // What a rule may require: the models current in this build, and the audit tables that exist.
  const audit = await queryRows<{ t: string }>(
    connection,
    "SELECT 'audit.' || table_name AS t FROM duckdb_tables() WHERE schema_name = 'audit' AND database_name = current_database()",
  );
  const current = new Set([
    ...build.models.filter((m) => m.status === "built" || m.status === "fresh").map((m) => m.model),
    ...audit.map((a) => a.t),
  ]);
  let summary: ConditionSummary = { holding: 0, raised: 0, closed: 0 };
  let rules: string[] = [];
  // Without an as-of date (an empty warehouse) there is nothing to evaluate the rules at.
  if (build.asOf) {
    const candidates = rulesToEvaluate(discoverRules(config.rules_dir, context.logger), current, context.logger);
    rules = await evaluateRules(
      connection,
      candidates,
      { asOf: build.asOf, now: context.now(), cadence: cadenceRows(config) },
      context.logger,
    );
    summary = await foldConditions(connection, rules, { runId: build.runId, at: context.now() });
  }
  const dir = options.alertsDir ?? defaultAlertsDir(warehouse.path);
  const sinks = configuredSinks(config, dir, { logger: context.logger, env: options.env ?? process.env, now: context.now });
  const delivered = await deliverAlerts(connection, sinks, context.logger, context.now());
  if (rules.length)
    context.logger.info(
      `alerts: ${rules.length} rule(s), ${summary.holding} holding, ${summary.raised} raised, ${summary.closed} closed, ` +
        `${delivered} delivered`,
      { run_id: build.runId },
    );
  return { ...summary, rules, delivered };
}
