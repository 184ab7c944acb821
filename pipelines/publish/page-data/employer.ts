// The employer profile's files (audit build only): employers/<id>.json, one shard per employer, and
// employer-search.json with the index chunks employer-index/<n>.json for finding one.
import type { PagedList } from "./paged.ts";
import type { EmployerRiskRow } from "./risk.ts";

/** One month of an employer (marts.compliance_monthly), the `compliance` part of its shard, as the calendar shows it. */
export type ComplianceMonth = {
  period: string;
  contributors_engaged: number;
  contributors_not_declared: number;
  contributors_declared_late: number;
  wages_declared: boolean;
  declared_on_time: boolean;
  paid_in_full_by_due: boolean;
  /** The due date had passed as of D (otherwise paid_in_full_by_due is what D shows). */
  due_passed: boolean | null;
  days_late: number | null;
  compliant: boolean;
  invoice_id: string | null;
  due_on: string | null;
};

/** An employer's parts: each is a list, left unordered by the export (dashboards/components/order.ts sorts). */
export type EmployerParts = {
  balances: {
    as_of: string;
    billed: string;
    adjustments: string;
    paid: string;
    outstanding: string;
    credit_balance: string;
  }[];
  ageing: {
    as_of: string;
    outstanding: string;
    not_due: string;
    d1_30: string;
    d31_60: string;
    d61_90: string;
    d91_180: string;
    d181_365: string;
    over_365: string;
    past_due: string;
    disputed: string;
    severity: string;
    max_days_past_due: number | null;
  }[];
  open_items: {
    invoice_id: string;
    invoice_type: string;
    period: string | null;
    due_on: string;
    owed: string;
    open_amount: string;
    days_past_due: number | null;
  }[];
  invoices: {
    invoice_id: string;
    invoice_type: string;
    period: string | null;
    issued_on: string;
    due_on: string;
    billed_amount: string;
    expected_amount: string;
    difference: string;
    cancelled: boolean;
    posting: string | null;
    posted_by: string | null;
  }[];
  payments: {
    payment_id: string;
    paid_on: string;
    amount: string;
    reversed_on: string | null;
    channel: string;
    named_invoice_id: string | null;
  }[];
  adjustments: {
    adjustment_id: string;
    invoice_id: string;
    amount: string;
    approved_on: string | null;
    reason_code: string;
    created_by: string | null;
    approved_by: string | null;
  }[];
  /** marts.dispute_lifecycle as of D. */
  objections: {
    dispute_id: string;
    invoice_id: string;
    category: string;
    disputed_amount: string;
    submitted_on: string;
    closed_on: string | null;
    resolved_amount: string | null;
    status: string;
    outcome: string | null;
    age_days: number;
    sla_days: number;
    sla_breached: boolean;
    escalated: boolean;
    data_issues: string[];
  }[];
  suspension: { as_of: string; past_due_undisputed: string; oldest_due_on: string; days_past_due: number }[];
  gaps: { contributor_id: string; period: string; days_covered: number }[];
  compliance: ComplianceMonth[];
  /** The employer's findings in the register; `key` names the Findings page's detail (findings.html?id=key). */
  findings: {
    key: string;
    anomaly_id: string;
    rule: string;
    severity: string | null;
    period: string | null;
    status: string;
    seen_state: string;
  }[];
  /** The employer's risk score at each date (empty where the warehouse has no marts.employer_risk). */
  risk: EmployerRiskRow[];
};

export type EmployerPart = keyof EmployerParts;

export type EmployerShard = EmployerParts & {
  as_of: string;
  employer: {
    employer_id: string;
    name_ar: string | null;
    name_en: string | null;
    account_type: string | null;
    legal_form: string | null;
    sector: string | null;
    region: string | null;
    status: string | null;
    registered_on: string | null;
    status_changed_on: string | null;
    size_class: string | null;
  };
  /** Parts too long for the shard: the first page is in the shard, the rest fetched on demand. */
  paged?: Partial<Record<EmployerPart, PagedList>>;
};

/** An entry of employer-index/<n>.json: id, Arabic name, English name, region. */
export type EmployerIndexEntry = [employer_id: string, name_ar: string | null, name_en: string | null, region: string | null];

export type EmployerSearch = {
  employers: number;
  chunks: number;
  /** The first (lowest) employer id of each index chunk; the chunks are sorted by id. */
  firsts: string[];
  fields: ["employer_id", "name_ar", "name_en", "region"];
};
