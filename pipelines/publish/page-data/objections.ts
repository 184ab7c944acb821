// objections.json (both builds): the objection backlog by state and age band, the objection KPIs over
// time and by dimension, outcomes and conceded amounts by category, service-level breaches and the
// settlement control counted by problem. The audit build adds paged lists (the breaches, the settlement
// mismatches) and one shard per objection with its timeline (objections/detail/<key>.json).
// The Data health page's objection data issues are here too (health.json's `objection_issues`).
import type { KpiCell } from "./collections.ts";
import type { PagedList } from "./paged.ts";
import type { Unit } from "../../../dashboards/components/kpi-catalogue.ts";
import type { HeadlineKpi } from "./overview.ts";

/** marts.dispute_backlog, one state × age band. */
export type BacklogRow = {
  status: string;
  age_band: string;
  band_order: number;
  objections: number;
  disputed_amount: string;
  sla_breached: number;
  escalated: number;
};

/** The objections decided by D, by category and outcome. */
export type OutcomeRow = { category: string; outcome: string; objections: number; disputed_amount: string; conceded: string };

/** Objections past their service level, by whether they are still open and the state they are in. */
export type BreachCount = { is_open: boolean; status: string; objections: number; escalated: number; disputed_amount: string };

/** marts.dispute_settlement_check counted by problem. */
export type MismatchCount = { problem: string; invoices: number; conceded: string; settled: string; difference: string };

/** An objection in a list (audit build); its detail shard is objections/detail/<key>.json (objections-timeline.ts). */
export type ObjectionRow = {
  dispute_id: string;
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  invoice_id: string;
  category: string;
  status: string;
  submitted_on: string;
  closed_on: string | null;
  age_days: number;
  sla_days: number;
  escalated: boolean;
  disputed_amount: string;
};

/** A settlement-control mismatch (audit build), one invoice. */
export type MismatchRow = {
  invoice_id: string;
  employer_id: string | null;
  name_ar: string | null;
  name_en: string | null;
  problem: string;
  dispute_ids: string[];
  conceded: string;
  adjustment_ids: string[];
  settlements: number;
  settled: string;
  difference: string;
  pending_settlements: number;
};

/** One event of an objection's timeline, in order, with where it stands (core.dispute_timeline). */
export type TimelineEvent = {
  seq: number;
  event_id: string;
  at: string;
  status: string;
  actor: string | null;
  resolved_amount: string | null;
  is_deciding: boolean;
  after_decision: boolean;
  arrived_out_of_order: boolean;
  same_second: boolean;
  before_submission: boolean;
};

/** objections/detail/<key>.json: one objection's lifecycle row, its days in each state and its events. */
export type ObjectionDetail = ObjectionRow & {
  documents_complete: boolean | null;
  outcome: string | null;
  resolved_amount: string | null;
  sla_breached: boolean;
  days: { state: string; days: number }[];
  data_issues: string[];
  events: TimelineEvent[];
};

export type ObjectionsData = {
  as_of: string;
  /** The report month (the stamp's period): the KPI cards are that month's, against the month before. */
  period: string;
  cards: HeadlineKpi[];
  totals: { objections: number; open: number; open_amount: string; open_breached: number; decided: number; conceded: string };
  backlog: BacklogRow[];
  kpis: string[];
  units: Record<string, Unit>;
  /** The objection KPIs of marts.kpi_monthly, every month and dimension (long rows, as collections.json). */
  rows: KpiCell[];
  outcomes: OutcomeRow[];
  breaches: BreachCount[];
  mismatches: MismatchCount[];
  /** Audit build only. */
  breach_list?: PagedList;
  mismatch_list?: PagedList;
};

/** health.json's objection data issues: how many objections each bad-input rule applied to. */
export type ObjectionIssue = { issue: string; objections: number; events: number };
