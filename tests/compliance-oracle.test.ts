// Property test: on generated books — invoices paid before, on and after their due dates, in parts, by
// named and unnamed payments, reversed, re-issued before and after the due date, adjusted, with late
// fees competing for the pool — core.compliance_invoices (paid in full by due, days late, read from the
// ledger's intervals) agrees with the plain oracle that re-allocates every day (pipelines/oracle).
import fc from "fast-check";
import { expect, test } from "vitest";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { invoiceCompliance, loadLedgers } from "../pipelines/oracle/index.ts";
import { formatSar } from "../pipelines/rules/index.ts";
import { rawWorld, type Rows } from "./fixtures/ledger/support.ts";
import { adjustment, employer, invoice, payment } from "./helpers/rows.ts";

const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const dayText = (n: number) => new Date(START + n * DAY).toISOString().slice(0, 10);
/** Day n of the window at a second of it, as ISO text in UTC: Riyadh midnights are crossed. */
const at = (n: number, second: number) => new Date(START + n * DAY + second * 1000).toISOString();
/** First day of month m (0 = January 2026) as a day number. */
const monthStart = (m: number) => Math.round((Date.UTC(2026, m, 1) - START) / DAY);

const paymentSpec = fc.record({
  /** Days from the due date (negative: before it). */
  offset: fc.integer({ min: -14, max: 45 }),
  second: fc.integer({ min: 0, max: 86_399 }),
  share: fc.constantFrom(1, 1, 1, 0.5, 0.3, 1.2),
  names: fc.constantFrom("own", "own", "none", "original"),
  reversedAfter: fc.option(fc.integer({ min: 0, max: 20 }), { freq: 5 }),
});
const monthSpec = fc.record({
  total: fc.integer({ min: 0, max: 300_000 }),
  /** A re-issue this many days after the original's issue (after the due date from 15 on), another amount. */
  reissue: fc.option(fc.record({ after: fc.integer({ min: 0, max: 40 }), change: fc.integer({ min: -5_000, max: 20_000 }) }), { freq: 5 }),
  fee: fc.option(fc.integer({ min: 1, max: 6_000 }), { freq: 4 }),
  payments: fc.array(paymentSpec, { maxLength: 3 }),
  credit: fc.option(fc.record({ amount: fc.integer({ min: 1, max: 50_000 }), day: fc.integer({ min: 0, max: 60 }) }), { freq: 6 }),
});
const employerSpec = fc.record({ months: fc.array(monthSpec, { minLength: 1, maxLength: 6 }), startMonth: fc.integer({ min: 0, max: 2 }) });

function rowsOf(specs: { months: (typeof monthSpec extends fc.Arbitrary<infer T> ? T : never)[]; startMonth: number }[]) {
  const out = { employers: [] as Rows, invoices: [] as Rows, payments: [] as Rows, invoice_adjustments: [] as Rows };
  specs.forEach((s, e) => {
    const id = String(100_000_000 + e);
    out.employers.push(employer(id));
    s.months.forEach((m, k) => {
      const month = s.startMonth + k;
      const issued = monthStart(month + 1);
      const due = issued + 14;
      const period = `2026-${String(month + 1).padStart(2, "0")}`;
      const original = `IN-${id}-${k}`;
      const amount = (halalas: number) => formatSar(Math.max(halalas, 0));
      const bill = (invoiceId: string, issuedOn: number, total: number, replaces: string | null) =>
        out.invoices.push(
          invoice(invoiceId, id, {
            period,
            issued_on: dayText(issuedOn),
            due_on: dayText(Math.max(due, issuedOn)),
            annuities_amount: amount(total),
            hazards_amount: "0.00",
            unemployment_amount: "0.00",
            total_amount: amount(total),
            replaces_invoice_id: replaces,
          }),
        );
      bill(original, issued, m.total, null);
      const live = m.reissue ? `${original}-R` : original;
      if (m.reissue) bill(live, issued + m.reissue.after, m.total + m.reissue.change, original);
      if (m.fee)
        out.invoices.push(
          invoice(`FE-${id}-${k}`, id, {
            invoice_type: "late_fee",
            period,
            issued_on: dayText(issued + 31),
            due_on: dayText(issued + 45),
            annuities_amount: "0.00",
            hazards_amount: "0.00",
            unemployment_amount: "0.00",
            fee_amount: amount(m.fee),
            total_amount: amount(m.fee),
          }),
        );
      m.payments.forEach((p, j) => {
        const paymentId = `PY-${id}-${k}-${j}`;
        const named = p.names === "own" ? live : p.names === "original" ? original : null;
        const paid = due + p.offset;
        out.payments.push(
          payment(paymentId, id, amount(Math.max(1, Math.round(m.total * p.share))), { paid_at: at(paid, p.second), invoice_id: named }),
        );
        if (p.reversedAfter !== null)
          out.payments.push(
            payment(`RV-${id}-${k}-${j}`, id, "1.00", { paid_at: at(paid + p.reversedAfter, 43_200), reverses_payment_id: paymentId }),
          );
      });
      if (m.credit)
        out.invoice_adjustments.push(
          adjustment(`AD-${id}-${k}`, live, {
            amount: `-${amount(m.credit.amount)}`,
            approved_by: "u900",
            approved_at: at(issued + m.credit.day, 30_000),
          }),
        );
    });
  });
  return out;
}

test("compliance_invoices and the oracle agree on paid-by-due and days late", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(employerSpec, { minLength: 10, maxLength: 25 }),
      fc.integer({ min: 100, max: 260 }),
      async (specs, asOfDay) => {
        const world = await rawWorld(rowsOf(specs));
        try {
          const asOf = dayText(asOfDay);
          await world.build(asOf, { select: ["+core.compliance_invoices"] });
          const w = await openWarehouse(world.db);
          const oracle = new Map<string, string>();
          const sql = new Map<string, string>();
          try {
            for (const ledger of (await loadLedgers(w.connection)).values())
              for (const c of invoiceCompliance(ledger, asOf))
                oracle.set(c.invoiceId, `${c.period} ${c.dueOn} ${c.paidInFullByDue} ${c.daysLate}`);
            for (const r of await queryRows<{
              invoice_id: string;
              period: string;
              due_on: string;
              paid: boolean;
              days_late: number | null;
            }>(
              w.connection,
              `SELECT invoice_id, period, CAST(due_on AS VARCHAR) AS due_on, paid_in_full_by_due AS paid, days_late
               FROM core.compliance_invoices`,
            ))
              sql.set(r.invoice_id, `${r.period} ${r.due_on} ${r.paid} ${r.days_late}`);
          } finally {
            w.close();
          }
          const differ = [...new Set([...oracle.keys(), ...sql.keys()])]
            .filter((k) => oracle.get(k) !== sql.get(k))
            .map((k) => ({ invoice: k, sql: sql.get(k), oracle: oracle.get(k) }));
          expect(differ.slice(0, 5)).toEqual([]);
          expect(oracle.size).toBeGreaterThan(0);
        } finally {
          world.close();
        }
      },
    ),
    { numRuns: 10, seed: 20261207, endOnFailure: true },
  );
}, 300_000);
