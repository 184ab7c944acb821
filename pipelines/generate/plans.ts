// Instalment plans: an employer deep in arrears agrees to settle them monthly; most plans complete,
// some default, a few are cancelled. Each status change is a new version of the plan row.
import type { z } from "zod";
import type { instalmentPlans } from "../contracts/billing.ts";
import { formatSar } from "../rules/money.ts";
import { dayOfInstant, dayText, instant, monthOfDay, firstDay, dayOfMonth, daysIn, type Day, type Instant } from "./calendar.ts";
import { officeHours } from "./activity.ts";
import type { Books } from "./books.ts";
import { zeroPadded } from "./ids.ts";
import { pay } from "./payments.ts";
import { emitVersions } from "./registration.ts";

type PlanRow = z.infer<typeof instalmentPlans.schema>;

/** The same day of the month `k` months later (clamped to the month's end). */
function monthsLater(day: Day, k: number): Day {
  const m = monthOfDay(day) + k;
  return firstDay(m) + Math.min(dayOfMonth(day), daysIn(m)) - 1;
}

/** At a month start: a defaulter or partial payer with at least 5,000 SAR past due may agree a plan. */
export function maybePlan(books: Books, monthStart: Day): void {
  const { world, e, ledger } = books;
  const rng = e.rng;
  if ((e.payer !== "defaulter" && e.payer !== "partial") || books.planUntil >= monthStart) return;
  const pastDue = ledger.pastDue(monthStart - 1);
  if (pastDue < 500_000 || !rng.chance(0.25)) return;
  const agreedAt = officeHours(rng, monthStart + rng.int(2, 20));
  const agreed = dayOfInstant(agreedAt);
  const n = Math.min(60, Math.max(2, rng.int(3, 24)));
  const firstDue = agreed + rng.int(14, 30);
  const each = Math.floor(pastDue / n);
  const u = rng.float();
  const outcome: PlanRow["status"] = u < 0.55 ? "completed" : u < 0.9 ? "defaulted" : "cancelled";
  const paidCount = outcome === "completed" ? n : outcome === "defaulted" ? rng.int(1, n - 1) : rng.int(0, Math.min(2, n - 1));
  let lastPaid = agreed;
  for (let k = 0; k < paidCount; k++) {
    const due = monthsLater(firstDue, k);
    lastPaid = due + rng.int(-3, 2);
    pay(books, lastPaid, k === n - 1 ? pastDue - each * (n - 1) : each, null);
  }
  const row: PlanRow = {
    plan_id: `PL-${e.id}-${zeroPadded(++e.seq.plan, 2)}`,
    employer_id: e.id,
    agreed_on: dayText(agreed),
    total_amount: formatSar(pastDue),
    instalments: String(n),
    first_due_on: dayText(firstDue),
    status: "active",
  };
  const ended: Day =
    outcome === "completed" ? lastPaid + 1 : outcome === "defaulted" ? monthsLater(firstDue, paidCount) + 30 : lastPaid + rng.int(5, 40);
  const versions: [Instant, PlanRow][] = [
    [agreedAt, row],
    [instant(ended, 10 * 3600), { ...row, status: outcome }],
  ];
  world.counts.plans = (world.counts.plans ?? 0) + Math.min(1, emitVersions(world, "billing", "instalment_plans", versions));
  books.planUntil = ended;
}
