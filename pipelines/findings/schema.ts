// The findings register's tables in the audit schema, which no build, full refresh or re-ingest drops
// (the engine only replaces the tables of its model layers). marts.anomalies is what the detectors find
// in this build; audit.findings is every finding ever found, with the auditor's disposition.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ensureAlertTables } from "../alerts/register.ts";
import { FINDING_STATUSES } from "./statuses.ts";

export const ANOMALIES = "marts.anomalies";
export const ANOMALIES_MODEL = "marts.anomalies";

export const STATUSES = FINDING_STATUSES;
export type Status = (typeof STATUSES)[number];
export const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);

export type SeenState = "active" | "no_longer_seen";

/** The columns of marts.anomalies, kept in audit.findings as last seen. */
export const ANOMALY_COLUMNS = [
  "rule",
  "rule_version",
  "entity",
  "entity_id",
  "employer_id",
  "contributor_id",
  "period",
  "severity",
  "score",
  "evidence",
] as const;

const DDL = `
CREATE SCHEMA IF NOT EXISTS audit;
CREATE TABLE IF NOT EXISTS audit.findings (
  anomaly_id VARCHAR PRIMARY KEY, rule VARCHAR NOT NULL, rule_version INTEGER, entity VARCHAR, entity_id VARCHAR,
  employer_id VARCHAR, contributor_id VARCHAR, period VARCHAR, severity VARCHAR, score DOUBLE, evidence JSON,
  first_seen_run VARCHAR NOT NULL, last_seen_run VARCHAR NOT NULL, first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL, runs_in_a_row INTEGER NOT NULL, occurrence INTEGER NOT NULL,
  seen_state VARCHAR NOT NULL, status VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS audit.finding_dispositions (
  anomaly_id VARCHAR NOT NULL, status VARCHAR NOT NULL, previous_status VARCHAR, disposed_by VARCHAR NOT NULL,
  disposed_at TIMESTAMPTZ NOT NULL, note VARCHAR, source VARCHAR NOT NULL, recorded_at TIMESTAMPTZ NOT NULL);
CREATE TABLE IF NOT EXISTS audit.finding_folds (
  run_id VARCHAR PRIMARY KEY, folded_at TIMESTAMPTZ NOT NULL, seen INTEGER NOT NULL, new INTEGER NOT NULL,
  returned INTEGER NOT NULL, no_longer_seen INTEGER NOT NULL, alerts INTEGER NOT NULL);
`;

export async function ensureFindingTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(DDL);
  await ensureAlertTables(connection);
}
