// The billing system month by month (rules.md §2): on the 1st, late fees on what was unpaid at the
// end of the day before, then the contribution invoice for the month just ended; re-issues when
// late declarations arrive before the due date; then what the employer pays, disputes and plans.
// Everything planned at a month start is dated on or after it, so the fees of a month start only
// ever see events already planned: the simulation is causal, and the ledger models can replay it.
import { applyRate, formatSar } from "../rules/money.ts";
import { firstDay, instant } from "./calendar.ts";
import { logActivity, officeHours } from "./activity.ts";
import { adjust, backgroundAdjustments, routineAdjustment } from "./adjustments.ts";
import { contributionId, feeId, issueInvoice, openBooks, type Books } from "./books.ts";
import { maybeDispute } from "./disputes.ts";
import type { LedgerInvoice } from "./ledger.ts";
import type { Employer, Handoff, World } from "./model.ts";
import { pay, payFee, payPeriod } from "./payments.ts";
import { maybePlan } from "./plans.ts";
import { planStaffCases, type StaffCases } from "./plants-staff.ts";
import { isZero, plus, total, type PeriodBill, type Sums } from "./wages.ts";

export function runBilling(
  world: World,
  e: Employer,
  bills: readonly PeriodBill[],
  next: Employer | null,
  incoming: Handoff,
  outgoing: Handoff,
): void {
  const { window, planter } = world;
  const books = openBooks(world, e, next, outgoing);
  for (const m of incoming.misposted ?? [])
    books.ledger.addPayment({ amount: m.amount, paid: m.paid, named: null, reversedFrom: m.reversed ?? Infinity });
  books.pending.duplicatePayment = planter.take(
    "duplicate_payment",
    bills.some((b) => !isZero(b.onTime)),
  );
  books.pending.wrongEmployer = planter.take(
    "wrong_employer_payment",
    next !== null && next.registered < window.start - 30 && next.closed === null,
  );
  const cases = planStaffCases(books, bills);

  for (let m = window.first + 1; m <= window.last + 1; m++) {
    const monthStart = firstDay(m);
    if (monthStart > window.horizon) break;
    lateFees(books, monthStart, m);
    const bill = bills[m - 1 - window.first];
    if (bill) issuePeriod(books, bill, monthStart, cases);
    if (e.payer === "defaulter" && e.rng.chance(0.12))
      pay(books, monthStart + e.rng.int(1, 20), books.ledger.pastDue(monthStart - 1), null);
    maybePlan(books, monthStart);
  }
  if (books.waivers.length > 0)
    planter.record({
      pattern: "fee_waiver_concentration",
      entity: "invoice_adjustments",
      ids: books.waivers,
      period: null,
      employerId: e.id,
      detail: `waived by ${world.staff.culprit.waiver}`,
    });
}

function issuePeriod(books: Books, bill: PeriodBill, monthStart: number, cases: StaffCases): void {
  const { world, e } = books;
  const rng = e.rng;
  const dueDay = world.rules.dueDay;
  const due = monthStart + dueDay - 1;
  const id = contributionId(e, bill.month);
  let primary: LedgerInvoice | null = null;
  let reissue: LedgerInvoice | null = null;
  let mismatch: { branch: keyof Sums; delta: number } | null = null;
  if (!isZero(bill.onTime)) {
    let branches = bill.onTime;
    if (cases.mismatchMonth === bill.month) {
      const branch: keyof Sums = branches.annuities > 0 && rng.chance(0.6) ? "annuities" : "hazards";
      const delta =
        Math.max(100, Math.round(branches[branch] * (0.01 + 0.07 * rng.float()))) * (rng.chance(0.3) && branches[branch] > 200 ? -1 : 1);
      branches = { ...branches, [branch]: Math.max(0, branches[branch] + delta) };
      mismatch = { branch, delta };
    }
    const unreviewed = cases.manualMonth === bill.month;
    const postedBy = unreviewed ? world.staff.culprit.manualPoster : "SYSTEM";
    primary = issueInvoice(books, {
      id,
      type: "contribution",
      period: bill.month,
      issued: monthStart,
      due,
      branches,
      fee: 0,
      posting: unreviewed ? "manual" : "auto",
      postedBy,
      replaces: null,
    });
    if (unreviewed) {
      logActivity(world, e, {
        at: instant(monthStart, rng.int(20 * 3600, 23 * 3600)),
        actor: postedBy,
        role: "staff",
        action: "create",
        entity: "invoice",
        entityId: id,
        channel: "backoffice",
      });
      world.planter.record({
        pattern: "manual_posting_unreviewed",
        entity: "invoices",
        ids: [id],
        period: bill.month,
        employerId: e.id,
        detail: `posted by ${postedBy}`,
      });
    }
    if (mismatch)
      world.planter.record({
        pattern: "invoice_mismatch",
        entity: "invoices",
        ids: [id],
        period: bill.month,
        employerId: e.id,
        detail: `${mismatch.branch} ${mismatch.delta > 0 ? "+" : ""}${formatSar(mismatch.delta)}`,
      });
    if (bill.lateDay !== null) {
      const issued = bill.lateDay + 1;
      const manual = rng.chance(0.3);
      const officer = world.staff.officer(rng);
      reissue = issueInvoice(books, {
        id: `${id}-R`,
        type: "contribution",
        period: bill.month,
        issued,
        due: primary.due,
        branches: plus(bill.onTime, bill.late),
        fee: 0,
        posting: manual ? "manual" : "auto",
        postedBy: manual ? officer : "SYSTEM",
        replaces: id,
      });
      primary.cancelledFrom = issued;
      if (manual) {
        const at = instant(issued, rng.int(8 * 3600, 12 * 3600));
        logActivity(world, e, {
          at,
          actor: officer,
          role: "staff",
          action: "create",
          entity: "invoice",
          entityId: reissue.id,
          channel: "backoffice",
        });
        logActivity(world, e, {
          at: at + rng.int(1800, 4 * 3600),
          actor: world.staff.supervisor(rng),
          role: "staff",
          action: "approve",
          entity: "invoice",
          entityId: reissue.id,
          channel: "backoffice",
        });
      } else
        logActivity(world, e, {
          at: instant(issued, 2 * 3600),
          actor: "SYSTEM",
          role: "system",
          action: "create",
          entity: "invoice",
          entityId: reissue.id,
          field: "replaces_invoice_id",
          newValue: id,
          channel: "backoffice",
        });
    }
  } else if (bill.lateDay !== null) {
    const issued = bill.lateDay + 1;
    const lateDue = issued <= due ? due : firstDay(bill.month + 2) + dueDay - 1;
    primary = issueInvoice(books, {
      id,
      type: "contribution",
      period: bill.month,
      issued,
      due: lateDue,
      branches: bill.late,
      fee: 0,
      posting: "auto",
      postedBy: "SYSTEM",
      replaces: null,
    });
  }
  if (!primary) return;
  const final = reissue ?? primary;
  const withheld = maybeDispute(books, final);
  payPeriod(books, primary, reissue, withheld);
  backgroundAdjustments(books, final);
  if (mismatch && rng.chance(0.5)) routineAdjustment(books, primary, -mismatch.delta, "billing_error", rng.int(10, 40));
  cases.onInvoice(final, total(reissue ? plus(bill.onTime, bill.late) : bill.onTime));
}

/** Late fees on the 1st: 2% of each past-due contribution invoice's unpaid amount at the end of the day before. */
function lateFees(books: Books, monthStart: number, month: number): void {
  const { world, e, ledger } = books;
  const rng = e.rng;
  const asOf = monthStart - 1;
  const allocation = ledger.allocate(asOf);
  const late = ledger.invoices.filter(
    (inv) =>
      inv.type === "contribution" && inv.issued <= asOf && inv.cancelledFrom > asOf && inv.due < asOf && allocation.open[inv.index]! > 0,
  );
  for (const inv of late) {
    const amount = applyRate(allocation.open[inv.index]!, world.rules.lateFeePpm);
    if (amount <= 0) continue;
    const fee = issueInvoice(books, {
      id: feeId(e, month, inv.period),
      type: "late_fee",
      period: inv.period,
      issued: monthStart,
      due: monthStart + world.rules.dueDay - 1,
      branches: null,
      fee: amount,
      posting: "auto",
      postedBy: "SYSTEM",
      replaces: null,
    });
    books.waiverTarget ??= world.planter.take("fee_waiver_concentration", e.payer !== "punctual" && e.payer !== "overpayer");
    if (books.waiverTarget) {
      const createdAt = officeHours(rng, monthStart + rng.int(2, 10));
      const id = adjust(books, {
        invoice: fee,
        amount: -fee.total,
        reason: "fee_waiver",
        createdBy: world.staff.culprit.waiver,
        createdAt,
        approvedBy: world.staff.supervisor(rng),
        approvedAt: officeHours(rng, Math.floor(createdAt / 86_400) + rng.int(0, 3)),
      });
      if (world.out.slot("billing", createdAt)) books.waivers.push(id);
      continue;
    }
    if (rng.chance(0.06)) routineAdjustment(books, fee, -fee.total, "fee_waiver", rng.int(3, 25));
    else if (maybeDispute(books, fee) === 0) payFee(books, fee);
  }
}
