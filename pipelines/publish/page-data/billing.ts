// billing.json: invoices whose billed amount differs from the recomputed one, summed by size,
// posting, staff user and month, and the coverage gaps; in the audit build the invoices themselves
// (a paged list) and each listed invoice's evidence (invoices/<id>.json).
import type { BillingSummary } from "./overview.ts";
import type { PagedList } from "./paged.ts";

/** Counts and sums of invoices in a group (amounts as exact decimal text). */
export type DifferenceCounts = {
  invoices: number;
  with_difference: number;
  abs_difference: string;
};

export type BandRow = { band: string; invoices: number; abs_difference: string };
export type PostingRow = DifferenceCounts & { posting: string; net_difference: string };
export type UserRow = DifferenceCounts & { posted_by: string; posting: string };
export type PeriodRow = DifferenceCounts & { period: string; net_difference: string };
export type CoverageByPeriod = { period: string; gaps: number; employers: number };
export type CoverageGapRow = {
  period: string;
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  contributor_id: string;
  days_covered: number;
};

/** An invoice with a difference (billing/invoices/<n>.json); `evidence` says whether invoices/<id>.json exists. */
export type InvoiceRow = {
  invoice_id: string;
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  invoice_type: string;
  period: string | null;
  issued_on: string;
  posting: string;
  posted_by: string;
  cancelled: boolean;
  billed_amount: string;
  expected_amount: string;
  difference: string;
  band: string;
  evidence: boolean;
};

export type BillingData = {
  summary: BillingSummary;
  by_band: BandRow[];
  by_posting: PostingRow[];
  by_user: UserRow[];
  by_period: PeriodRow[];
  /** Audit: every invoice with a difference, largest first, as a paged list. */
  invoices?: PagedList;
  /** `gaps` (each contributor, named employer) in the audit build only. */
  coverage: { by_period: CoverageByPeriod[]; gaps?: CoverageGapRow[] };
};

type Branches = "annuities" | "hazards" | "unemployment";

/** invoices/<id>.json: the contributors behind one invoice, and who was engaged but not declared. */
export type InvoiceEvidence = {
  invoice: {
    invoice_id: string;
    employer_id: string;
    invoice_type: string;
    period: string | null;
    cancelled: boolean;
    billed_amount: string;
    expected_amount: string;
    difference: string;
  } & Record<`billed_${Branches}` | `expected_${Branches}`, string | null>;
  contributors: ({
    contributor_id: string;
    name_ar: string | null;
    name_en: string | null;
    scheme: string;
    saudi: boolean;
    contributory_wage: string;
    days_covered: number;
    days_in_month: number;
    total: string;
  } & Record<Branches, string>)[];
  contributors_total: number;
  coverage_gaps: { contributor_id: string; name_ar: string | null; name_en: string | null; days_covered: number }[];
};
