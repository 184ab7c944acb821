// Internal (staff) risks of rules.md §8 and the billing errors that ride on invoices: which month of
// an employer gets a mismatched or unreviewed invoice, a self-approved note, credits split under the
// approval threshold, and wage changes made after the fact or after hours (in the activity log).
import { formatSar } from "../rules/money.ts";
import { dayOfInstant, firstDay, instant, lastDay, monthText } from "./calendar.ts";
import { afterHours, logActivity, officeHours } from "./activity.ts";
import { adjust } from "./adjustments.ts";
import type { Books } from "./books.ts";
import type { LedgerInvoice } from "./ledger.ts";
import type { PeriodBill } from "./wages.ts";
import { isZero, total } from "./wages.ts";

export interface StaffCases {
  mismatchMonth: number | null;
  manualMonth: number | null;
  /** Called with each period's final invoice and its billed total. */
  onInvoice(invoice: LedgerInvoice, billed: number): void;
}

const SPLIT_MAX = 999_000;
const SPLIT_MIN = 900_000;

export function planStaffCases(books: Books, bills: readonly PeriodBill[]): StaffCases {
  const { world, e } = books;
  const { planter, window, staff } = world;
  const rng = e.rng;
  const billed = bills.filter((b) => !isZero(b.onTime) && b.month < window.last);
  const clean = billed.filter((b) => b.lateDay === null && total(b.onTime) >= 10_000);
  const mismatchMonth = planter.take("invoice_mismatch", clean.length > 0) ? rng.pick(clean).month : null;
  const manualPool = billed.filter((b) => b.lateDay === null && b.month !== mismatchMonth);
  const manualMonth = planter.take("manual_posting_unreviewed", manualPool.length > 0) ? rng.pick(manualPool).month : null;
  const sizeable = billed.filter((b) => total(b.onTime) >= 100_000);
  const selfMonth = planter.take("self_approved_adjustment", sizeable.length > 0) ? rng.pick(sizeable).month : null;
  const biggest = [...billed].sort((a, b) => total(b.onTime) - total(a.onTime))[0];
  const splitMonth = planter.take("split_credits", biggest !== undefined && total(biggest.onTime) >= 2 * SPLIT_MAX + 100_000)
    ? biggest!.month
    : null;

  wageChanges(books, bills);

  return {
    mismatchMonth,
    manualMonth,
    onInvoice(invoice) {
      if (invoice.period === selfMonth) {
        const createdAt = officeHours(rng, invoice.issued + rng.int(10, 30));
        const by = staff.culprit.selfApprover;
        const amount = -Math.max(100, Math.round((invoice.total * (0.03 + 0.07 * rng.float())) / 100) * 100);
        const id = adjust(books, {
          invoice,
          amount,
          reason: "wage_correction",
          createdBy: by,
          createdAt,
          approvedBy: by,
          approvedAt: createdAt + rng.int(600, 7200),
        });
        if (world.out.slot("billing", createdAt + 7200))
          planter.record({
            pattern: "self_approved_adjustment",
            entity: "invoice_adjustments",
            ids: [id],
            period: invoice.period,
            employerId: e.id,
            detail: `created and approved by ${by}`,
          });
      }
      if (invoice.period === splitMonth) {
        const by = staff.culprit.splitter;
        const approver = staff.supervisor(rng);
        const count = Math.min(rng.int(2, 4), Math.floor(books.ledger.creditRoom(invoice) / SPLIT_MAX));
        let day = invoice.issued + rng.int(10, 30);
        const ids: string[] = [];
        let last = 0;
        for (let k = 0; k < count; k++) {
          const createdAt = officeHours(rng, day);
          last = officeHours(rng, dayOfInstant(createdAt) + rng.int(1, 3));
          ids.push(
            adjust(books, {
              invoice,
              amount: -rng.int(SPLIT_MIN / 100, SPLIT_MAX / 100) * 100,
              reason: "billing_error",
              createdBy: by,
              createdAt,
              approvedBy: approver,
              approvedAt: last,
            }),
          );
          day = dayOfInstant(createdAt) + rng.int(0, 2);
        }
        if (count >= 2 && world.out.slot("billing", last))
          planter.record({
            pattern: "split_credits",
            entity: "invoice_adjustments",
            ids,
            period: invoice.period,
            employerId: e.id,
            detail: `${count} credits under ${formatSar(world.rules.approvalThreshold)} by ${by}`,
          });
      }
    },
  };
}

/** Staff edits of declared wages: routine ones in office hours on open months, planted ones after the fact or at night. */
function wageChanges(books: Books, bills: readonly PeriodBill[]): void {
  const { world, e } = books;
  const { planter, window, staff } = world;
  const rng = e.rng;
  for (const bill of bills)
    if (bill.sample && rng.chance(0.005))
      changeWage(books, officeHours(rng, lastDay(bill.month) - rng.int(2, 6)), staff.officer(rng), bill);

  const closed = bills.filter((b) => b.sample && firstDay(b.month + 2) + 45 < window.horizon);
  if (planter.take("backdated_wage_change", closed.length > 0)) {
    const bill = rng.pick(closed);
    const day = firstDay(bill.month + 2) + rng.int(0, 40);
    const at = rng.chance(0.5) ? afterHours(rng, day) : officeHours(rng, day);
    const key = changeWage(books, at, staff.culprit.backdater, bill);
    planter.record({
      pattern: "backdated_wage_change",
      entity: "activity_log",
      ids: [key],
      period: bill.month,
      employerId: e.id,
      contributorId: bill.sample!.contributorId,
      detail: `by ${staff.culprit.backdater} on a billed period`,
    });
  }
  const open = bills.filter((b) => b.sample);
  if (planter.take("after_hours_wage_change", open.length > 0)) {
    const bill = rng.pick(open);
    const actor = staff.officer(rng);
    const at = Math.min(afterHours(rng, lastDay(bill.month) - rng.int(0, 2)), instant(lastDay(bill.month), 86_399));
    const key = changeWage(books, at, actor, bill);
    planter.record({
      pattern: "after_hours_wage_change",
      entity: "activity_log",
      ids: [key],
      period: bill.month,
      employerId: e.id,
      contributorId: bill.sample!.contributorId,
      detail: `by ${actor} outside working hours`,
    });
  }
}

/**
 * A staff member lowers the basic wage of the bill's sample; returns the wage's key. Module-level,
 * not a closure in wageChanges: tsx names every closure it creates, once per employer there.
 */
function changeWage(books: Books, at: number, actor: string, bill: PeriodBill): string {
  const { world, e } = books;
  const sample = bill.sample!;
  const lowered = Math.round((sample.basic * (0.7 + 0.2 * e.rng.float())) / 100) * 100;
  const key = `${monthText(bill.month)}|${e.id}|${sample.contributorId}`;
  logActivity(world, e, {
    at,
    actor,
    role: "staff",
    action: "update",
    entity: "wage",
    entityId: key,
    field: "basic_wage",
    oldValue: formatSar(sample.basic),
    newValue: formatSar(lowered),
    channel: "backoffice",
  });
  return key;
}
