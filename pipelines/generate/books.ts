// One employer's billing context while its months are simulated: the ledger, the plants decided
// for it, and what it hands to the next employer.
import type { z } from "zod";
import type { invoices } from "../contracts/billing.ts";
import { formatSar } from "../rules/money.ts";
import { compactMonth, dayText, instant, monthText } from "./calendar.ts";
import { Ledger, type LedgerInvoice } from "./ledger.ts";
import type { Employer, Handoff, World } from "./model.ts";
import type { Sums } from "./wages.ts";

type InvoiceRow = z.infer<typeof invoices.schema>;

export interface Books {
  world: World;
  e: Employer;
  ledger: Ledger;
  /** The next account in the run (a sister firm, or where a payment may be misposted). */
  next: Employer | null;
  handoff: Handoff;
  /** Plants still waiting for their moment. */
  pending: { duplicatePayment: boolean; wrongEmployer: boolean };
  /** Set once the first late fee decides whether this employer's fees are waived by one user. */
  waiverTarget: boolean | null;
  waivers: string[];
  /** Last day of an active instalment plan: the payer behaves while it runs. */
  planUntil: number;
}

export function openBooks(world: World, e: Employer, next: Employer | null, handoff: Handoff): Books {
  return {
    world,
    e,
    ledger: new Ledger(),
    next,
    handoff,
    pending: { duplicatePayment: false, wrongEmployer: false },
    waiverTarget: null,
    waivers: [],
    planUntil: -Infinity,
  };
}

export const contributionId = (e: Employer, period: number) => `IN-${e.id}-${compactMonth(period)}`;
export const feeId = (e: Employer, issuedMonth: number, period: number) =>
  `FE-${e.id}-${compactMonth(issuedMonth)}-${compactMonth(period)}`;

/** Invoices are issued by the nightly billing run at 02:30, before the 03:00 delivery. */
export const ISSUE_SECOND = 2 * 3600 + 1800;

export interface IssueSpec {
  id: string;
  type: LedgerInvoice["type"];
  period: number;
  issued: number;
  due: number;
  branches: Sums | null;
  fee: number;
  posting: "auto" | "manual";
  postedBy: string;
  replaces: string | null;
}

export function issueInvoice(books: Books, spec: IssueSpec): LedgerInvoice {
  const b = spec.branches ?? { annuities: 0, hazards: 0, unemployment: 0 };
  const total = b.annuities + b.hazards + b.unemployment + spec.fee;
  const row: InvoiceRow = {
    invoice_id: spec.id,
    employer_id: books.e.id,
    invoice_type: spec.type,
    period: monthText(spec.period),
    issued_on: dayText(spec.issued),
    due_on: dayText(spec.due),
    annuities_amount: formatSar(b.annuities),
    hazards_amount: formatSar(b.hazards),
    unemployment_amount: formatSar(b.unemployment),
    fee_amount: formatSar(spec.fee),
    total_amount: formatSar(total),
    posting: spec.posting,
    posted_by: spec.postedBy,
    replaces_invoice_id: spec.replaces,
  };
  if (books.world.out.emit("billing", "invoices", instant(spec.issued, ISSUE_SECOND), row))
    books.world.counts.invoices = (books.world.counts.invoices ?? 0) + 1;
  return books.ledger.addInvoice({
    id: spec.id,
    type: spec.type,
    period: spec.period,
    issued: spec.issued,
    due: spec.due,
    total,
  });
}
