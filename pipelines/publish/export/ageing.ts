// Arrears at a date, summed by severity and bucket (marts.arrears_ageing), and the suspension
// candidates of that date (marts.suspension_candidates) — shared by the overview, the collections
// page and the management report.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";

export const BUCKETS = ["not_due", "d1_30", "d31_60", "d61_90", "d91_180", "d181_365", "over_365"] as const;
export const SEVERITIES = ["critical", "high", "medium", "low", "none"] as const;

export interface SeverityRow {
  as_of: string;
  severity: string;
  employers: number;
  outstanding: string;
  past_due: string;
  disputed: string;
  not_due: string;
  d1_30: string;
  d31_60: string;
  d61_90: string;
  d91_180: string;
  d181_365: string;
  over_365: string;
}

const sums = ["outstanding", "past_due", "disputed", ...BUCKETS].map((c) => `CAST(sum(${c}) AS VARCHAR) AS ${c}`).join(", ");

/** Every as-of date × severity, employers counted and amounts summed (dates ascending). */
export async function ageingBySeverity(connection: DuckDBConnection, asOf?: string): Promise<SeverityRow[]> {
  return queryRows<SeverityRow & Record<string, unknown>>(
    connection,
    `SELECT CAST(as_of AS VARCHAR) AS as_of, severity, count(*)::INTEGER AS employers, ${sums}
     FROM marts.arrears_ageing ${asOf ? "WHERE as_of = $asOf::DATE" : ""}
     GROUP BY as_of, severity ORDER BY as_of, array_position(['critical','high','medium','low','none'], severity)`,
    asOf ? { asOf } : undefined,
  );
}

export interface SuspensionRow {
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  region: string | null;
  past_due_undisputed: string;
  oldest_due_on: string;
  days_past_due: number;
}

export async function suspensionCandidates(connection: DuckDBConnection, asOf: string): Promise<SuspensionRow[]> {
  return queryRows<SuspensionRow & Record<string, unknown>>(
    connection,
    `SELECT s.employer_id, e.name_ar, e.name_en, e.region, CAST(s.past_due_undisputed AS VARCHAR) AS past_due_undisputed,
            CAST(s.oldest_due_on AS VARCHAR) AS oldest_due_on, s.days_past_due
     FROM marts.suspension_candidates AS s LEFT JOIN staging.stg_employers AS e USING (employer_id)
     WHERE s.as_of = $asOf::DATE ORDER BY s.past_due_undisputed DESC, s.employer_id`,
    { asOf },
  );
}

export interface SuspensionSummary {
  as_of: string;
  employers: number;
  past_due_undisputed: string;
  by_region: { region: string; employers: number; past_due_undisputed: string }[];
}

export async function suspensionSummary(connection: DuckDBConnection, asOf: string): Promise<SuspensionSummary> {
  const [total] = await queryRows<{ employers: number; amount: string | null }>(
    connection,
    `SELECT count(*)::INTEGER AS employers, CAST(sum(past_due_undisputed) AS VARCHAR) AS amount FROM marts.suspension_candidates
        WHERE as_of = $asOf::DATE`,
    { asOf },
  );
  const byRegion = await queryRows<{ region: string; employers: number; past_due_undisputed: string }>(
    connection,
    `SELECT coalesce(e.region, 'unknown') AS region, count(*)::INTEGER AS employers,
        CAST(sum(s.past_due_undisputed) AS VARCHAR) AS past_due_undisputed
     FROM marts.suspension_candidates AS s LEFT JOIN staging.stg_employers AS e USING (employer_id)
     WHERE s.as_of = $asOf::DATE GROUP BY ALL ORDER BY sum(s.past_due_undisputed) DESC`,
    { asOf },
  );
  return {
    as_of: asOf,
    employers: total?.employers ?? 0,
    past_due_undisputed: total?.amount ?? "0.00",
    by_region: byRegion,
  };
}
