// Allocation as of a day (rules.md §3), one employer, step by step:
//   1. a payment that names one of the employer's invoices pays it first, up to what it still owes;
//   2. everything else, together, pays the open items oldest due first (ties: contribution before
//      late fee, then invoice_id);
//   3. what is left is the credit balance.
// A credit note larger than its invoice leaves the invoice owing nothing and adds the excess to the
// pool (it is money the employer is owed), ahead of the payments.
import { Decimal } from "decimal.js";
import { livePayments, liveInvoices, type EmployerLedger, type LiveInvoice } from "./ledger.ts";

export interface AllocatedItem extends LiveInvoice {
  namedPaid: Decimal;
  poolPaid: Decimal;
  open: Decimal;
}

export interface AllocatedPayment {
  paymentId: string;
  amount: Decimal;
  namedApplied: Decimal;
  poolApplied: Decimal;
  toCredit: Decimal;
}

export interface Allocation {
  asOf: string;
  items: AllocatedItem[];
  payments: AllocatedPayment[];
  billed: Decimal;
  adjustments: Decimal;
  paid: Decimal;
  outstanding: Decimal;
  credit: Decimal;
}

const ZERO = new Decimal(0);
const min = (a: Decimal, b: Decimal) => (a.lessThan(b) ? a : b);
const max = (a: Decimal, b: Decimal) => (a.greaterThan(b) ? a : b);
const TYPE_RANK = { contribution: 0, late_fee: 1 } as const;

export function allocate(ledger: EmployerLedger, asOf: string): Allocation {
  const items: AllocatedItem[] = liveInvoices(ledger, asOf).map((l) => ({
    ...l,
    namedPaid: ZERO,
    poolPaid: ZERO,
    open: ZERO,
  }));
  const byId = new Map(items.map((i) => [i.invoice.invoiceId, i]));
  const payments: AllocatedPayment[] = [];

  // Step 1: named invoices, payment by payment in paid_at order.
  for (const p of livePayments(ledger, asOf)) {
    const amount = new Decimal(p.amount);
    const named = p.invoiceId === null ? undefined : byId.get(p.invoiceId);
    let namedApplied = ZERO;
    if (named) {
      const stillOwed = max(named.owed.minus(named.namedPaid), ZERO);
      namedApplied = min(stillOwed, amount);
      named.namedPaid = named.namedPaid.plus(namedApplied);
    }
    payments.push({ paymentId: p.paymentId, amount, namedApplied, poolApplied: ZERO, toCredit: ZERO });
  }

  // Step 2: the pool — credit notes above their invoice first, then each payment's remainder — pays
  // the items oldest due first.
  const ordered = [...items].sort(
    (a, b) =>
      (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) ||
      TYPE_RANK[a.invoice.type] - TYPE_RANK[b.invoice.type] ||
      (a.invoice.invoiceId < b.invoice.invoiceId ? -1 : a.invoice.invoiceId > b.invoice.invoiceId ? 1 : 0),
  );
  let pool = ZERO;
  for (const i of items) if (i.owed.isNegative()) pool = pool.plus(i.owed.negated());
  for (const p of payments) pool = pool.plus(p.amount.minus(p.namedApplied));
  for (const item of ordered) {
    const remaining = max(item.owed.minus(item.namedPaid), ZERO);
    item.poolPaid = min(remaining, pool);
    pool = pool.minus(item.poolPaid);
    item.open = remaining.minus(item.poolPaid);
  }

  // Which payment's remainder the items took: fill in pool order, credit notes first.
  let toFill = ordered.reduce((sum, i) => sum.plus(i.poolPaid), ZERO);
  for (const i of items) if (i.owed.isNegative()) toFill = max(toFill.minus(i.owed.negated()), ZERO);
  for (const p of payments) {
    const part = p.amount.minus(p.namedApplied);
    p.poolApplied = min(part, toFill);
    toFill = toFill.minus(p.poolApplied);
    p.toCredit = part.minus(p.poolApplied);
  }

  const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), ZERO);
  return {
    asOf,
    items,
    payments,
    billed: sum(items.map((i) => i.billed)),
    adjustments: sum(items.map((i) => i.adjustments)),
    paid: sum(payments.map((p) => p.amount)),
    outstanding: sum(items.map((i) => i.open)),
    credit: pool,
  };
}
