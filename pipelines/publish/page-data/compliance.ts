// compliance.json: the compliance KPIs over time as long rows (overall and by region, sector, size
// class and legal form); in the audit build, the least compliant employers. One employer's months
// (its compliance calendar) are the `compliance` part of its shard (employers/<id>.json).
import type { Kpi, Unit } from "../../../dashboards/components/kpi-catalogue.ts";
import type { KpiCell } from "./collections.ts";
import type { ComplianceMonth, EmployerSearch } from "./employer.ts";

export type { ComplianceMonth };

/** An employer among the least compliant: its judged months, how many compliant, and the days late. */
export type LeastCompliantRow = {
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  region: string | null;
  months: number;
  compliant_months: number;
  rate: string;
  not_declared_on_time: number;
  not_paid_by_due: number;
  max_days_late: number | null;
  /** Months still open (days_late null with an invoice). */
  open_months: number;
  last_period: string;
};

export type ComplianceData = {
  kpis: Kpi[];
  units: Record<string, Unit>;
  columns: ["period", "kpi", "dimension", "dimension_value", "value"];
  rows: KpiCell[];
  /** The latest month whose payment is judged (due date passed): the month the page opens on. */
  latest: string | null;
  /** Audit build only: the least compliant employers (at most LEAST_COMPLIANT_LIMIT). */
  least?: LeastCompliantRow[];
  /** How many employers have an obligation in the months counted (audit build). */
  employers?: number;
  /** Audit build: the employer index (as employer-search.json), to look up an id before fetching its shard. */
  search?: EmployerSearch;
};
