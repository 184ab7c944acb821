// overview.json: the report month's headline KPIs, collections against billing, the arrears by
// severity, suspension candidates, billing differences and coverage gaps. The ageing, suspension
// and billing rows are shared with collections.json and billing.json.
import type { Change } from "../../../dashboards/components/format.ts";
import type { Unit } from "../../../dashboards/components/kpi-catalogue.ts";
import type { ObjectionTile } from "./objection-tile.ts";

/** Arrears at a date for one severity: employers counted, amounts summed (exact decimal text). */
export type SeverityRow = {
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
};

/** The ageing buckets of a SeverityRow, in order. */
export type Bucket = "not_due" | "d1_30" | "d31_60" | "d61_90" | "d91_180" | "d181_365" | "over_365";

export type SuspensionRow = {
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  region: string | null;
  past_due_undisputed: string;
  oldest_due_on: string;
  days_past_due: number;
};

export type SuspensionByRegion = { region: string; employers: number; past_due_undisputed: string };

export type SuspensionSummary = {
  as_of: string;
  employers: number;
  past_due_undisputed: string;
  by_region: SuspensionByRegion[];
};

export type BillingSummary = {
  invoices: number;
  with_difference: number;
  active_with_difference: number;
  cancelled_with_difference: number;
  abs_difference: string;
  net_difference: string;
};

export type HeadlineKpi = {
  kpi: string;
  unit: Unit;
  value: string | null;
  previous: string | null;
  year_ago: string | null;
  vs_previous: Change | null;
  vs_year_ago: Change | null;
};

/** The group (region, sector, …) whose change since last month moved a KPI the most. */
export type Driver = {
  dimension: string;
  dimension_value: string;
  value: string | null;
  previous: string | null;
  delta: string;
};

export type OverviewData = {
  period: string;
  previous: string;
  year_ago: string;
  period_end: string;
  kpis: HeadlineKpi[];
  series: { period: string; billed: string | null; collected: string | null; arrears: string | null }[];
  ageing: SeverityRow[];
  /** `list` (the largest candidates, named) in the audit build only. */
  suspension: SuspensionSummary & { list?: SuspensionRow[] };
  billing: BillingSummary & { in_period: BillingSummary };
  coverage: { period: string; gaps: string | null }[];
  /** For the commentary: the region and the sector that moved each flow the most since last month. */
  drivers: Record<string, Driver[]>;
  /** The objection backlog tile (null when the warehouse has no objection KPIs). */
  objections?: ObjectionTile | null;
  /** The compliance tile: the latest month, up to the report month, whose payments are judged. */
  compliance?: ComplianceTile;
};

/** The compliance, declared-on-time and paid-by-due rates of `period` against the month before. */
export type ComplianceTile = { period: string | null; kpis: HeadlineKpi[]; cuts: ComplianceCut[] };

/**
 * A group's employer-months judged (due date passed) and compliant in the tile's month and the month
 * before: what the report's commentary weighs to say which group moved the rate.
 */
export type ComplianceCut = {
  dimension: string;
  dimension_value: string;
  judged: number;
  compliant: number;
  judged_before: number;
  compliant_before: number;
};
