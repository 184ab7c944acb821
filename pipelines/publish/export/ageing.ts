// Arrears at a date, summed by severity and bucket (marts.arrears_ageing), and the suspension
// candidates of that date (marts.suspension_candidates) — shared by the overview, the collections
// page and the management report.
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { Bucket, SeverityRow, SuspensionByRegion, SuspensionRow, SuspensionSummary } from "../page-data/overview.ts";

export type { SeverityRow, SuspensionRow, SuspensionSummary };

export const BUCKETS = ["not_due", "d1_30", "d31_60", "d61_90", "d91_180", "d181_365", "over_365"] as const satisfies readonly Bucket[];
export const SEVERITIES = ["critical", "high", "medium", "low", "none"] as const;

const sums = ["outstanding", "past_due", "disputed", ...BUCKETS].map((c) => `CAST(sum(${c}) AS VARCHAR) AS ${c}`).join(", ");

/** Every as-of date × severity, employers counted and amounts summed (dates ascending). */
export async function ageingBySeverity(connection: DuckDBConnection, asOf?: string): Promise<SeverityRow[]> {
  return queryRows<SeverityRow>(
    connection,
    `SELECT CAST(as_of AS VARCHAR) AS as_of, severity, count(*)::INTEGER AS employers, ${sums}
     FROM marts.arrears_ageing ${asOf ? "WHERE as_of = $asOf::DATE" : ""}
     GROUP BY as_of, severity ORDER BY as_of, array_position(['critical','high','medium','low','none'], severity)`,
    asOf ? { asOf } : undefined,
  );
}

export async function suspensionCandidates(connection: DuckDBConnection, asOf: string): Promise<SuspensionRow[]> {
  return queryRows<SuspensionRow>(
    connection,
    `SELECT s.employer_id, e.name_ar, e.name_en, e.region, CAST(s.past_due_undisputed AS VARCHAR) AS past_due_undisputed,
            CAST(s.oldest_due_on AS VARCHAR) AS oldest_due_on, s.days_past_due
     FROM marts.suspension_candidates AS s LEFT JOIN staging.stg_employers AS e USING (employer_id)
     WHERE s.as_of = $asOf::DATE ORDER BY s.past_due_undisputed DESC, s.employer_id`,
    { asOf },
  );
}

export async function suspensionSummary(connection: DuckDBConnection, asOf: string): Promise<SuspensionSummary> {
  const [total] = await queryRows<{ employers: number; amount: string | null }>(
    connection,
    `SELECT count(*)::INTEGER AS employers, CAST(sum(past_due_undisputed) AS VARCHAR) AS amount FROM marts.suspension_candidates
        WHERE as_of = $asOf::DATE`,
    { asOf },
  );
  const byRegion = await queryRows<SuspensionByRegion>(
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
