// The overview: the report month's headline KPIs with their changes, collections against billing
// over time, arrears by bucket and severity at the month's end, suspension candidates, billing
// differences and coverage gaps. The management report is written from the same object.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { DataFiles } from "../data-files.ts";
import type { Audience, Stamp } from "../types.ts";
import {
  ageingBySeverity,
  suspensionCandidates,
  suspensionSummary,
  type SeverityRow,
  type SuspensionRow,
  type SuspensionSummary,
} from "./ageing.ts";
import { billingSummary, type BillingSummary } from "./billing.ts";
import { headline, readKpis, topDriver, type Driver, type HeadlineKpi } from "./kpis.ts";
import { previousPeriod } from "../stamp.ts";

/** Suspension candidates named on the audit overview and in the audit report; the rest are on the collections page. */
export const SUSPENSION_LIST_LIMIT = 25;

export interface Overview {
  period: string;
  previous: string;
  year_ago: string;
  period_end: string;
  kpis: HeadlineKpi[];
  series: { period: string; billed: string | null; collected: string | null; arrears: string | null }[];
  ageing: SeverityRow[];
  suspension: SuspensionSummary & { list?: SuspensionRow[] };
  billing: BillingSummary & { in_period: BillingSummary };
  coverage: { period: string; gaps: string | null }[];
  /** For the commentary: the region and the sector that moved each flow the most since last month. */
  drivers: Record<string, Driver[]>;
}

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
    drivers: Object.fromEntries(DRIVEN.map((k) => [k, ["region", "sector"].flatMap((d) => topDriver(kpis, stamp.period, k, d) ?? [])])),
  };
}

export async function exportOverview(connection: DuckDBConnection, files: DataFiles, stamp: Stamp, audience: Audience): Promise<Overview> {
  const overview = await overviewData(connection, stamp, audience);
  files.write("overview.json", overview);
  return overview;
}
