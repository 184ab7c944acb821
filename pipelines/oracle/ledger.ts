// One employer's book as the extracts deliver it, and what of it counts as of a day (rules.md §2–§3).
// Deliberately plain: lists, loops and decimal.js, so a reader can check it against the rules line by
// line. It is the oracle the SQL models are tested against, not a fast path.
import { Decimal } from "decimal.js";
import { riyadhDay } from "./days.ts";

export interface OracleInvoice {
  invoiceId: string;
  type: "contribution" | "late_fee";
  period: string;
  issuedOn: string;
  dueOn: string;
  total: string;
  replacesInvoiceId: string | null;
}

export interface OracleAdjustment {
  invoiceId: string;
  amount: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface OraclePayment {
  paymentId: string;
  employerId: string;
  amount: string;
  paidAt: string;
  invoiceId: string | null;
  reversesPaymentId: string | null;
}

export interface OracleDispute {
  invoiceId: string;
  submittedOn: string;
  /** Every event of the objection: only the deciding statuses matter here. */
  events: { at: string; status: string }[];
}

export interface EmployerLedger {
  employerId: string;
  status: string;
  accountType: string;
  invoices: OracleInvoice[];
  adjustments: OracleAdjustment[];
  /** Payments and reversal rows of this employer, plus reversal rows (of any employer) naming its payments. */
  payments: OraclePayment[];
  disputes: OracleDispute[];
  plans: { agreedOn: string; status: string }[];
}

/** The day a re-issue cancels each invoice: the earliest issued_on of the invoices naming it. */
export function cancellationDays(ledger: EmployerLedger): Map<string, string> {
  const out = new Map<string, string>();
  for (const inv of ledger.invoices) {
    if (inv.replacesInvoiceId === null) continue;
    const before = out.get(inv.replacesInvoiceId);
    if (before === undefined || inv.issuedOn < before) out.set(inv.replacesInvoiceId, inv.issuedOn);
  }
  return out;
}

/** A re-issue keeps the due date of the invoice it replaces, followed back to the first of the chain. */
export function ledgerDueOn(
  ledger: EmployerLedger,
  invoice: OracleInvoice,
  byId = new Map(ledger.invoices.map((i) => [i.invoiceId, i])),
): string {
  let current = invoice;
  for (let hops = 0; current.replacesInvoiceId !== null && hops < 50; hops++) {
    const earlier = byId.get(current.replacesInvoiceId);
    if (!earlier) break;
    current = earlier;
  }
  return current.dueOn;
}

export interface LiveInvoice {
  invoice: OracleInvoice;
  dueOn: string;
  billed: Decimal;
  adjustments: Decimal;
  owed: Decimal;
}

/** Invoices issued on or before `day` and not cancelled by then, with the adjustments approved by then. */
export function liveInvoices(ledger: EmployerLedger, day: string): LiveInvoice[] {
  const cancelled = cancellationDays(ledger);
  const byId = new Map(ledger.invoices.map((i) => [i.invoiceId, i]));
  const out: LiveInvoice[] = [];
  for (const invoice of ledger.invoices) {
    if (invoice.issuedOn > day) continue;
    const cancelledOn = cancelled.get(invoice.invoiceId);
    if (cancelledOn !== undefined && cancelledOn <= day) continue;
    let adjustments = new Decimal(0);
    for (const a of ledger.adjustments) {
      if (a.invoiceId !== invoice.invoiceId || a.approvedBy === null || a.approvedAt === null) continue;
      if (riyadhDay(a.approvedAt) <= day) adjustments = adjustments.plus(a.amount);
    }
    const billed = new Decimal(invoice.total);
    out.push({
      invoice,
      dueOn: ledgerDueOn(ledger, invoice, byId),
      billed,
      adjustments,
      owed: billed.plus(adjustments),
    });
  }
  return out;
}

/** Payments received on or before `day` and not reversed by then; reversal rows pay nothing. In paid_at order. */
export function livePayments(ledger: EmployerLedger, day: string): OraclePayment[] {
  const reversedOn = new Map<string, string>();
  for (const p of ledger.payments) {
    if (p.reversesPaymentId === null) continue;
    const d = riyadhDay(p.paidAt);
    const before = reversedOn.get(p.reversesPaymentId);
    if (before === undefined || d < before) reversedOn.set(p.reversesPaymentId, d);
  }
  const live = ledger.payments.filter((p) => {
    if (p.reversesPaymentId !== null) return false;
    if (riyadhDay(p.paidAt) > day) return false;
    const reversed = reversedOn.get(p.paymentId);
    return reversed === undefined || reversed > day;
  });
  return live.sort(
    (a, b) => Date.parse(a.paidAt) - Date.parse(b.paidAt) || (a.paymentId < b.paymentId ? -1 : a.paymentId > b.paymentId ? 1 : 0),
  );
}

/** Whether the employer is in the balance tables as of `day`: an invoice issued or a payment row dated by then. */
export function hasActivity(ledger: EmployerLedger, day: string): boolean {
  return (
    ledger.invoices.some((i) => i.issuedOn <= day) ||
    ledger.payments.some((p) => p.employerId === ledger.employerId && riyadhDay(p.paidAt) <= day)
  );
}
