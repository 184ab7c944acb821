// collections.json: the collection KPIs over time as long rows, the ageing by severity at every
// as-of date and the suspension candidates by region; in the audit build, shards per date of the
// employers in arrears (ageing/<as_of>/<severity>.json) and of the candidates (suspension/<as_of>/).
import type { Kpi, Unit } from "../../../dashboards/components/kpi-catalogue.ts";
import type { SeverityRow, SuspensionSummary } from "./overview.ts";

/** One KPI value: period, kpi, dimension, dimension value, value (exact decimal text). */
export type KpiCell = [period: string, kpi: string, dimension: string, dimension_value: string, value: string | null];

export type CollectionsData = {
  kpis: Kpi[];
  units: Record<string, Unit>;
  columns: ["period", "kpi", "dimension", "dimension_value", "value"];
  rows: KpiCell[];
  as_ofs: string[];
  ageing: SeverityRow[];
  default_as_of: string;
  suspension: Record<string, SuspensionSummary>;
  /** Collections by payment channel (the channel KPIs, overall only), as long rows like `rows`. */
  channels: KpiCell[];
};

/** An employer in arrears at a date (ageing/<as_of>/<severity>.json holds a list of them). */
export type ArrearsEmployerRow = {
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  region: string | null;
  severity: string;
  max_days_past_due: number | null;
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
