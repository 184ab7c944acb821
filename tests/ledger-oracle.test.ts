// Property test: on many generated books — payments in any order, reversals, cancellations and
// re-issues, credits, named invoices (own, cancelled, unknown, another employer's), adjustments
// approved or not, objections, plans — the SQL models and the plain TypeScript oracle agree to the
// halala on every balance, ageing row, suspension, payment allocation and late fee.
import fc from "fast-check";
import { expect, test } from "vitest";
import { formatSar, loadRules } from "../pipelines/rules/index.ts";
import { disagreements } from "./fixtures/ledger/compare.ts";
import { rawWorld, type Rows } from "./fixtures/ledger/support.ts";
import { adjustment, dispute, disputeEvent, employer, instalmentPlan, invoice, payment } from "./helpers/rows.ts";

const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const dayText = (n: number) => new Date(START + n * DAY).toISOString().slice(0, 10);
/** An instant as ISO text: a day of the window and a second of it, so Riyadh midnights are crossed. */
const instant = fc
  .record({ day: fc.integer({ min: 0, max: 330 }), second: fc.integer({ min: 0, max: 86_399 }) })
  .map(({ day, second }) => ({ day, at: new Date(START + day * DAY + second * 1000).toISOString() }));
const money = (max: number) => fc.integer({ min: 1, max: max * 100 }).map(formatSar);
/** Due on the 15th, as the billing system does (on or after the issue day), so due dates tie often. */
function dueOn(issued: number, laterMonths: number): string {
  const d = new Date(START + issued * DAY);
  const month = d.getUTCMonth() + (d.getUTCDate() > 15 ? 1 : 0) + laterMonths;
  return new Date(Date.UTC(2026, month, 15)).toISOString().slice(0, 10);
}
/** Issue days bunch on the 1st of a month (ties in due dates), with some odd days. */
const issueDay = fc.oneof(fc.constantFrom(0, 31, 59, 90, 120, 151, 181, 212, 243, 273), fc.integer({ min: 0, max: 300 }));

/** A value one time in `odds + 1`, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>, odds: number) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: odds }, { arbitrary: arb, weight: 1 });

const invoiceSpec = fc.record({
  fee: fc.constantFrom(false, false, false, true),
  period: fc.integer({ min: 1, max: 9 }),
  issued: issueDay,
  dueMonths: fc.constantFrom(0, 0, 0, 1),
  total: fc.oneof({ arbitrary: money(5000), weight: 9 }, { arbitrary: fc.constant("0.00"), weight: 1 }),
  replaces: sometimes(fc.nat(), 6),
});
const paymentSpec = fc.record({
  paid: instant,
  amount: money(6000),
  names: fc.constantFrom("none", "own", "own", "unknown", "other"),
  target: fc.nat(),
  reversedAfter: sometimes(fc.record({ days: fc.integer({ min: 0, max: 40 }), second: fc.integer({ min: 0, max: 86_399 }) }), 6),
});
const employerSpec = fc.record({
  status: fc.constantFrom("active", "active", "active", "suspended"),
  accountType: fc.constantFrom("establishment", "establishment", "optional_subscriber"),
  invoices: fc.array(invoiceSpec, { minLength: 0, maxLength: 8 }),
  payments: fc.array(paymentSpec, { maxLength: 8 }),
  adjustments: fc.array(
    fc.record({
      target: fc.nat(),
      amount: fc
        .integer({ min: -300_000, max: 200_000 })
        .filter((n) => n !== 0)
        .map(formatSar),
      approved: fc.option(instant, { freq: 4 }),
    }),
    { maxLength: 4 },
  ),
  disputes: fc.array(fc.record({ target: fc.nat(), submitted: fc.integer({ min: 0, max: 300 }), decided: fc.option(instant) }), {
    maxLength: 2,
  }),
  plan: fc.option(
    fc.record({
      agreed: fc.integer({ min: 0, max: 300 }),
      status: fc.constantFrom("active", "completed", "defaulted", "cancelled"),
    }),
  ),
});

type EmployerSpec = typeof employerSpec extends fc.Arbitrary<infer T> ? T : never;

function rowsOf(specs: EmployerSpec[]) {
  const out = {
    employers: [] as Rows,
    invoices: [] as Rows,
    payments: [] as Rows,
    invoice_adjustments: [] as Rows,
    disputes: [] as Rows,
    dispute_events: [] as Rows,
    instalment_plans: [] as Rows,
  };
  specs.forEach((s, e) => {
    const id = String(100_000_000 + e);
    out.employers.push(employer(id, { status: s.status, account_type: s.accountType, cr_number: null }));
    const ids: string[] = [];
    s.invoices.forEach((v, i) => {
      const invoiceId = `IN-${id}-${i}`;
      // a re-issue names an earlier invoice and comes no earlier than it
      const replaced = v.replaces !== null && i > 0 ? s.invoices[v.replaces % i]! : null;
      const issued = replaced ? Math.max(v.issued, replaced.issued) : v.issued;
      const fee = v.fee && !replaced;
      out.invoices.push(
        invoice(invoiceId, id, {
          invoice_type: fee ? "late_fee" : "contribution",
          period: `2026-0${v.period}`,
          issued_on: dayText(issued),
          due_on: dueOn(issued, v.dueMonths),
          annuities_amount: fee ? "0.00" : v.total,
          hazards_amount: "0.00",
          unemployment_amount: "0.00",
          fee_amount: fee ? v.total : "0.00",
          total_amount: v.total,
          replaces_invoice_id: replaced ? `IN-${id}-${v.replaces! % i}` : null,
        }),
      );
      ids.push(invoiceId);
    });
    s.payments.forEach((p, j) => {
      const paymentId = `PY-${id}-${j}`;
      const named =
        p.names === "own" && ids.length
          ? ids[p.target % ids.length]!
          : p.names === "unknown"
            ? `IN-${id}-99`
            : p.names === "other"
              ? `IN-${100_000_000 + ((e + 1) % specs.length)}-0`
              : null;
      out.payments.push(payment(paymentId, id, p.amount, { paid_at: p.paid.at, invoice_id: named }));
      if (p.reversedAfter) {
        const at = new Date(START + (p.paid.day + p.reversedAfter.days) * DAY + p.reversedAfter.second * 1000).toISOString();
        out.payments.push(payment(`RV-${id}-${j}`, id, p.amount, { paid_at: at, reverses_payment_id: paymentId, channel: "cheque" }));
      }
    });
    if (!ids.length) return;
    for (const [k, a] of s.adjustments.entries()) {
      out.invoice_adjustments.push(
        adjustment(`AD-${id}-${k}`, ids[a.target % ids.length]!, {
          amount: a.amount,
          approved_by: a.approved ? "u900" : null,
          approved_at: a.approved?.at ?? null,
        }),
      );
    }
    s.disputes.forEach((d, k) => {
      const disputeId = `DS-${id}-${k}`;
      out.disputes.push(dispute(disputeId, id, ids[d.target % ids.length]!, { submitted_on: dayText(d.submitted) }));
      out.dispute_events.push(
        disputeEvent(`EV-${id}-${k}-1`, disputeId, {
          at: new Date(START + d.submitted * DAY + 3600_000).toISOString(),
          status: "submitted",
        }),
      );
      if (d.decided) out.dispute_events.push(disputeEvent(`EV-${id}-${k}-2`, disputeId, { at: d.decided.at, status: "rejected" }));
    });
    if (s.plan)
      out.instalment_plans.push(
        instalmentPlan(`PL-${id}`, id, {
          agreed_on: dayText(s.plan.agreed),
          first_due_on: dayText(s.plan.agreed + 10),
          status: s.plan.status,
        }),
      );
  });
  return out;
}

test("SQL models and the oracle agree on generated books", async () => {
  const rules = loadRules();
  await fc.assert(
    fc.asyncProperty(
      fc.array(employerSpec, { minLength: 20, maxLength: 40 }),
      fc.integer({ min: 150, max: 335 }),
      async (specs, asOfDay) => {
        const world = await rawWorld(rowsOf(specs));
        try {
          const asOf = dayText(asOfDay);
          await world.build(asOf);
          const { differ, compared } = await disagreements(world.db, asOf, rules);
          expect(differ.slice(0, 5)).toEqual([]);
          expect(compared).toBeGreaterThan(0);
        } finally {
          world.close();
        }
      },
    ),
    { numRuns: 12, seed: 20261125, endOnFailure: true },
  );
}, 180_000);
