// Whether each month's contribution invoice was paid in full by its due date and how many days late it
// was settled (rules.md §5), the plain way: the allocation of §3 taken afresh on every day, from the as-of
// date back to the due date. The SQL (models/core/compliance_invoices.sql) reads the same from the
// ledger's intervals; the tests hold it to this.
import { allocate, type Allocation } from "./allocation.ts";
import { addDays, daysBetween } from "./days.ts";
import { liveInvoices, type EmployerLedger } from "./ledger.ts";

export interface InvoiceCompliance {
  invoiceId: string;
  period: string;
  dueOn: string;
  paidInFullByDue: boolean;
  /** Days from the due date to the day from which it stays fully paid; null while open as of the as-of date. */
  daysLate: number | null;
}

/** The contribution invoices issued on or before `asOf` and not cancelled by then, each judged as of `asOf`. */
export function invoiceCompliance(ledger: EmployerLedger, asOf: string): InvoiceCompliance[] {
  const allocations = new Map<string, Allocation>();
  const openOn = (invoiceId: string, day: string) => {
    let a = allocations.get(day);
    if (!a) {
      a = allocate(ledger, day);
      allocations.set(day, a);
    }
    const item = a.items.find((i) => i.invoice.invoiceId === invoiceId);
    return item === undefined ? null : item.open;
  };
  const out: InvoiceCompliance[] = [];
  for (const live of liveInvoices(ledger, asOf)) {
    if (live.invoice.type !== "contribution") continue;
    const id = live.invoice.invoiceId;
    // judged by the allocation as of the due date (as of D when the due date is later); not there yet, not paid
    const atDue = openOn(id, live.dueOn < asOf ? live.dueOn : asOf);
    const paidInFullByDue = atDue?.isZero() === true;
    let daysLate: number | null = null;
    if (openOn(id, asOf)!.isZero()) {
      // the last day it is open (it exists from its issue), walking back from D to the due date
      let paidFrom = live.invoice.issuedOn;
      for (let day = addDays(asOf, -1); day >= live.dueOn && day >= live.invoice.issuedOn; day = addDays(day, -1)) {
        const open = openOn(id, day);
        if (open !== null && !open.isZero()) {
          paidFrom = addDays(day, 1);
          break;
        }
      }
      daysLate = Math.max(daysBetween(paidFrom, live.dueOn), 0);
    }
    out.push({ invoiceId: id, period: live.invoice.period, dueOn: live.dueOn, paidInFullByDue, daysLate });
  }
  return out;
}
