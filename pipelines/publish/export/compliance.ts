// The Compliance page: the compliance KPIs over time, overall and by region, sector, size class and
// legal form (both builds); in the audit build, the least compliant employers over the last months
// judged. One employer's calendar is the `compliance` part of its shard (export/employers.ts).
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../../lib/duckdb.ts";
import type { DataFiles } from "../data-files.ts";
import type { Audience } from "../types.ts";
import type { Kpi } from "../../../dashboards/components/kpi-catalogue.ts";
import type { KpiCell } from "../page-data/collections.ts";
import type { ComplianceData, LeastCompliantRow } from "../page-data/compliance.ts";
import type { EmployerSearch } from "../page-data/employer.ts";
import type { ComplianceCut, ComplianceTile } from "../page-data/overview.ts";
import { previousPeriod } from "../stamp.ts";
import { headline, readKpis } from "./kpis.ts";

/** The KPIs the Compliance page tracks. */
export const COMPLIANCE_PAGE_KPIS: Kpi[] = ["compliance_rate", "declared_on_time_rate", "paid_by_due_rate"];

/** Employers listed as the least compliant; each one's profile and calendar hold the rest. */
export const LEAST_COMPLIANT_LIMIT = 50;
/** The least compliant are ranked over this many of the latest judged months. */
export const LEAST_COMPLIANT_MONTHS = 12;

/** The latest month with a compliance rate (its payment judged): the month the page and the tile open on. */
export async function latestJudgedPeriod(connection: DuckDBConnection, upTo?: string): Promise<string | null> {
  const [row] = await queryRows<{ period: string | null }>(
    connection,
    `SELECT max(period) AS period FROM marts.kpi_monthly
     WHERE kpi = 'compliance_rate' AND dimension = 'all' AND value IS NOT NULL ${upTo ? "AND period <= $upTo" : ""}`,
    upTo ? { upTo } : undefined,
  );
  return row?.period ?? null;
}

/** The overview's tile: the three rates of the latest judged month up to `period`, each against the month before. */
export async function complianceTile(connection: DuckDBConnection, period: string): Promise<ComplianceTile> {
  const latest = await latestJudgedPeriod(connection, period);
  if (!latest) return { period: null, kpis: [], cuts: [] };
  const rows = (await readKpis(connection, "all")).filter((k) => (COMPLIANCE_PAGE_KPIS as string[]).includes(k.kpi));
  return { period: latest, kpis: headline(rows, latest, COMPLIANCE_PAGE_KPIS), cuts: await complianceCuts(connection, latest) };
}

/** Counts by group for the month and the month before, the employers' groups as marts.kpi_monthly cuts them. */
async function complianceCuts(connection: DuckDBConnection, period: string): Promise<ComplianceCut[]> {
  return queryRows<ComplianceCut>(
    connection,
    `WITH judged AS (
       SELECT c.period = $period AS now, c.compliant, m.region, m.sector, m.size_class, m.legal_form
       FROM marts.compliance_monthly AS c JOIN core.kpi_measures AS m USING (employer_id, period)
       WHERE c.payment_judged AND c.period IN ($period, $before)
     ),
     cut AS (
       SELECT now, compliant, unnest(['region', 'sector', 'size_class', 'legal_form']) AS dimension,
         unnest([region, sector, size_class, legal_form]) AS dimension_value
       FROM judged
     )
     SELECT dimension, dimension_value,
       count(*) FILTER (WHERE now)::INTEGER AS judged, count(*) FILTER (WHERE now AND compliant)::INTEGER AS compliant,
       count(*) FILTER (WHERE NOT now)::INTEGER AS judged_before, count(*) FILTER (WHERE NOT now AND compliant)::INTEGER AS compliant_before
     FROM cut GROUP BY ALL ORDER BY dimension, dimension_value`,
    { period, before: previousPeriod(period) },
  );
}

/**
 * Ranked by the share of months compliant (lowest first), then the months not compliant, then the
 * longest delay; only employers with a month not compliant. Months are the judged ones (due date passed).
 */
async function leastCompliant(connection: DuckDBConnection): Promise<{ rows: LeastCompliantRow[]; employers: number }> {
  const months = `SELECT DISTINCT period FROM marts.compliance_monthly WHERE payment_judged
    ORDER BY period DESC LIMIT ${LEAST_COMPLIANT_MONTHS}`;
  const rows = await queryRows<LeastCompliantRow & { employers: number }>(
    connection,
    `WITH counted AS (
       SELECT c.employer_id, count(*)::INTEGER AS months, count(*) FILTER (WHERE c.compliant)::INTEGER AS compliant_months,
         count(*) FILTER (WHERE NOT c.declared_on_time)::INTEGER AS not_declared_on_time,
         count(*) FILTER (WHERE NOT c.paid_in_full_by_due)::INTEGER AS not_paid_by_due,
         max(c.days_late)::INTEGER AS max_days_late,
         count(*) FILTER (WHERE c.invoice_id IS NOT NULL AND c.days_late IS NULL)::INTEGER AS open_months,
         max(c.period) AS last_period
       FROM marts.compliance_monthly AS c JOIN (${months}) AS m USING (period)
       WHERE c.payment_judged GROUP BY c.employer_id
     )
     SELECT c.*, CAST(round(c.compliant_months / c.months, 6) AS VARCHAR) AS rate, e.name_ar, e.name_en, e.region,
       count(*) OVER ()::INTEGER AS employers
     FROM counted AS c LEFT JOIN staging.stg_employers AS e USING (employer_id)
     ORDER BY c.compliant_months / c.months,
       c.months - c.compliant_months DESC, c.max_days_late DESC NULLS FIRST, c.employer_id`,
  );
  const listed = rows.filter((r) => r.compliant_months < r.months).slice(0, LEAST_COMPLIANT_LIMIT);
  return { rows: listed.map(({ employers: _, ...r }) => r), employers: rows[0]?.employers ?? 0 };
}

/** `search` (audit build): the employer index, so the page asks only for the shard of an employer that exists. */
export async function exportCompliance(
  connection: DuckDBConnection,
  files: DataFiles,
  audience: Audience,
  search?: EmployerSearch,
): Promise<ComplianceData> {
  const kpis = (await readKpis(connection)).filter((k) => (COMPLIANCE_PAGE_KPIS as string[]).includes(k.kpi));
  const out: ComplianceData = {
    kpis: COMPLIANCE_PAGE_KPIS,
    units: Object.fromEntries(kpis.map((k) => [k.kpi, k.unit])),
    columns: ["period", "kpi", "dimension", "dimension_value", "value"],
    rows: kpis.map((k): KpiCell => [k.period, k.kpi, k.dimension, k.dimension_value, k.value]),
    latest: await latestJudgedPeriod(connection),
  };
  if (audience === "audit") {
    const { rows, employers } = await leastCompliant(connection);
    out.least = rows;
    out.employers = employers;
    out.search = search;
  }
  files.page("compliance.json", out);
  return out;
}
