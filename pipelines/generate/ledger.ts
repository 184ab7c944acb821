// One employer's open items as the billing system sees them (rules.md §3), so late fees are
// charged on exactly what was unpaid at the end of the day before. The ledger models in SQL must
// reach the same numbers from the delivered rows; this is the generator's side of that contract.
import type { Day, Month } from "./calendar.ts";

export interface LedgerInvoice {
  id: string;
  type: "contribution" | "late_fee";
  period: Month;
  issued: Day;
  due: Day;
  total: number;
  /** Day from which a re-issue cancels it (Infinity: never). */
  cancelledFrom: Day;
  /** Sum of the credits raised on it so far: credits never take it below zero. */
  credited: number;
  index: number;
}

export interface LedgerPayment {
  amount: number;
  paid: Day;
  /** The invoice id the payer wrote, if any (possibly mistyped). */
  named: string | null;
  /** Day from which a reversal removes it (Infinity: never). */
  reversedFrom: Day;
}

export interface Allocation {
  open: number[];
  credit: number;
}

export class Ledger {
  readonly invoices: LedgerInvoice[] = [];
  readonly payments: LedgerPayment[] = [];
  private readonly adjustments: { index: number; amount: number; approved: Day }[] = [];
  private readonly byId = new Map<string, number>();

  addInvoice(spec: Omit<LedgerInvoice, "index" | "credited" | "cancelledFrom">): LedgerInvoice {
    const invoice: LedgerInvoice = {
      id: spec.id,
      type: spec.type,
      period: spec.period,
      issued: spec.issued,
      due: spec.due,
      total: spec.total,
      cancelledFrom: Infinity,
      credited: 0,
      index: this.invoices.length,
    };
    this.invoices.push(invoice);
    this.byId.set(invoice.id, invoice.index);
    return invoice;
  }

  addPayment(payment: LedgerPayment): LedgerPayment {
    this.payments.push(payment);
    return payment;
  }

  /** An adjustment; `approved` is the Riyadh day of approved_at (Infinity while unapproved). */
  addAdjustment(invoice: LedgerInvoice, amount: number, approved: Day): void {
    if (amount < 0) invoice.credited += amount;
    this.adjustments.push({ index: invoice.index, amount, approved });
  }

  /** What a credit may take off an invoice without owing below zero. */
  creditRoom(invoice: LedgerInvoice): number {
    return invoice.total + invoice.credited;
  }

  /** Open amount of every invoice and the credit balance as of the end of `day`. */
  allocate(day: Day): Allocation {
    const n = this.invoices.length;
    const open = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const inv = this.invoices[i]!;
      if (inv.issued <= day && inv.cancelledFrom > day) open[i] = inv.total;
    }
    for (const a of this.adjustments) {
      const inv = this.invoices[a.index]!;
      if (a.approved <= day && inv.issued <= day && inv.cancelledFrom > day) open[a.index]! += a.amount;
    }
    let pool = 0;
    for (const p of this.payments) {
      if (p.paid > day || p.reversedFrom <= day) continue;
      let amount = p.amount;
      const named = p.named === null ? undefined : this.byId.get(p.named);
      if (named !== undefined && open[named]! > 0) {
        const take = Math.min(open[named]!, amount);
        open[named]! -= take;
        amount -= take;
      }
      pool += amount;
    }
    for (const i of this.dueOrder()) {
      if (pool <= 0) break;
      if (open[i]! <= 0) continue;
      const take = Math.min(open[i]!, pool);
      open[i]! -= take;
      pool -= take;
    }
    return { open, credit: pool };
  }

  /** Oldest due first; ties: contribution before late fee, then invoice id. */
  private dueOrder(): number[] {
    return this.invoices
      .map((inv) => inv.index)
      .sort((a, b) => {
        const x = this.invoices[a]!;
        const y = this.invoices[b]!;
        if (x.due !== y.due) return x.due - y.due;
        if (x.type !== y.type) return x.type === "contribution" ? -1 : 1;
        return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
      });
  }

  /** The open amount of invoices due before `day`, as of the end of `day`. */
  pastDue(day: Day, allocation = this.allocate(day)): number {
    let sum = 0;
    for (const inv of this.invoices) if (inv.due < day) sum += allocation.open[inv.index]!;
    return sum;
  }
}
