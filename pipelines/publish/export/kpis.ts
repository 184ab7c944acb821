// The KPIs of a month beside last month and the same month last year, with the change computed in
// exact decimals (ratios change in points, amounts and counts in per cent).
import type { DuckDBConnection } from "@duckdb/node-api";
import { Decimal } from "decimal.js";
import { queryRows } from "../../lib/duckdb.ts";
import { changeBetween, type Change } from "../../../dashboards/components/format.ts";
import { HEADLINE_KPIS, type Unit } from "../../../dashboards/components/kpi-catalogue.ts";
import type { Driver, HeadlineKpi } from "../page-data/overview.ts";
import { previousPeriod } from "../stamp.ts";

export { HEADLINE_KPIS, type Change, type Driver, type HeadlineKpi, type Unit };

export interface KpiRow {
  period: string;
  kpi: string;
  dimension: string;
  dimension_value: string;
  value: string | null;
  unit: Unit;
}

export async function readKpis(connection: DuckDBConnection, dimension?: string): Promise<KpiRow[]> {
  return queryRows<KpiRow & Record<string, unknown>>(
    connection,
    `SELECT period, kpi, dimension, dimension_value, CAST(value AS VARCHAR) AS value, unit FROM marts.kpi_monthly
     ${dimension ? "WHERE dimension = $dimension" : ""} ORDER BY dimension, dimension_value, period, kpi`,
    dimension ? { dimension } : undefined,
  );
}

/** A value against an earlier one (see changeBetween). */
export const change = changeBetween;

/** The KPIs of `period` (the headline ones unless `keys` says which) beside last month and a year ago. */
export function headline(rows: KpiRow[], period: string, keys: readonly string[] = HEADLINE_KPIS): HeadlineKpi[] {
  const at = new Map(rows.filter((r) => r.dimension === "all").map((r) => [`${r.period}|${r.kpi}`, r]));
  const previous = previousPeriod(period);
  const yearAgo = previousPeriod(period, 12);
  return keys.flatMap((kpi) => {
    const now = at.get(`${period}|${kpi}`);
    if (!now) return [];
    const prev = at.get(`${previous}|${kpi}`)?.value ?? null;
    const year = at.get(`${yearAgo}|${kpi}`)?.value ?? null;
    return [
      {
        kpi,
        unit: now.unit,
        value: now.value,
        previous: prev,
        year_ago: year,
        vs_previous: change(now.value, prev),
        vs_year_ago: change(now.value, year),
      },
    ];
  });
}

/** The group (region, sector, …) whose change since last month moved a KPI the most, either way. */
export function topDriver(rows: KpiRow[], period: string, kpi: string, dimension: string): Driver | null {
  const previous = previousPeriod(period);
  const before = new Map(
    rows.filter((r) => r.dimension === dimension && r.kpi === kpi && r.period === previous).map((r) => [r.dimension_value, r.value]),
  );
  let best: Driver | null = null;
  for (const r of rows) {
    if (r.dimension !== dimension || r.kpi !== kpi || r.period !== period) continue;
    const prev = before.get(r.dimension_value) ?? "0";
    const delta = new Decimal(r.value ?? 0).minus(prev ?? 0);
    if (!best || delta.abs().gt(new Decimal(best.delta).abs()))
      best = { dimension, dimension_value: r.dimension_value, value: r.value, previous: prev, delta: delta.toString() };
  }
  return best;
}
