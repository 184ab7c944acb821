// The overview: the report month's headline KPIs with their changes, collections against billing
// over time, arrears by bucket and severity at the month's end, suspension candidates, billing
// differences and coverage gaps. The management report is written from the same object.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DataFiles } from "../data-files.ts";
import type { Audience, Stamp } from "../types.ts";
import type { OverviewData } from "../page-data/overview.ts";
import { ageingBySeverity, suspensionCandidates, suspensionSummary } from "./ageing.ts";
import { billingSummary } from "./billing.ts";
import { complianceTile } from "./compliance.ts";
import { headline, readKpis, topDriver } from "./kpis.ts";
import { objectionTile } from "./objections-tile.ts";
import { previousPeriod } from "../stamp.ts";

/** Suspension candidates named on the audit overview and in the audit report; the rest are on the collections page. */
export const SUSPENSION_LIST_LIMIT = 25;

/** overview.json (the management report is written from the same object). */
export type Overview = OverviewData;

const DRIVEN = ["collected", "billed", "arrears"];

export async function overviewData(connection: DuckDBConnection, stamp: Stamp, audience: Audience): Promise<Overview> {
  const kpis = await readKpis(connection);
  const overall = new Map(kpis.filter((k) => k.dimension === "all").map((k) => [`${k.period}|${k.kpi}`, k.value]));
  const value = (period: string, kpi: string) => overall.get(`${period}|${kpi}`) ?? null;
  const periods = [...new Set(kpis.map((k) => k.period))].sort().filter((p) => p <= stamp.period);
  const suspension: Overview["suspension"] = await suspensionSummary(connection, stamp.period_end);
  if (audience === "audit") suspension.list = (await suspensionCandidates(connection, stamp.period_end)).slice(0, SUSPENSION_LIST_LIMIT);
  const billing = await billingSummary(connection, { to: stamp.period_end });
  const inPeriod = await billingSummary(connection, { from: `${stamp.period}-01`, to: stamp.period_end });
  return {
    period: stamp.period,
    previous: previousPeriod(stamp.period),
    year_ago: previousPeriod(stamp.period, 12),
    period_end: stamp.period_end,
    kpis: headline(kpis, stamp.period),
    series: periods.map((p) => ({
      period: p,
      billed: value(p, "billed"),
      collected: value(p, "collected"),
      arrears: value(p, "arrears"),
    })),
    ageing: await ageingBySeverity(connection, stamp.period_end),
    suspension,
    billing: { ...billing, in_period: inPeriod },
    coverage: periods.map((p) => ({ period: p, gaps: value(p, "coverage_gaps") })),
    objections: objectionTile(kpis, stamp.period),
    drivers: Object.fromEntries(DRIVEN.map((k) => [k, ["region", "sector"].flatMap((d) => topDriver(kpis, stamp.period, k, d) ?? [])])),
    compliance: await complianceTile(connection, stamp.period),
  };
}

export async function exportOverview(connection: DuckDBConnection, files: DataFiles, stamp: Stamp, audience: Audience): Promise<Overview> {
  const overview = await overviewData(connection, stamp, audience);
  files.page("overview.json", overview);
  return overview;
}
