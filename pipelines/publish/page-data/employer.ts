// The employer profile's files (audit build only): employers/<id>.json, one shard per employer, and
// employer-search.json with the index chunks employer-index/<n>.json for finding one.
import type { PagedList } from "./paged.ts";
import type { EmployerRiskRow } from "./risk.ts";

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
  objections: {
    dispute_id: string;
    invoice_id: string;
    category: string;
    disputed_amount: string;
    submitted_on: string;
    decided_on: string | null;
    decision: string | null;
  }[];
  suspension: { as_of: string; past_due_undisputed: string; oldest_due_on: string; days_past_due: number }[];
  gaps: { contributor_id: string; period: string; days_covered: number }[];
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
