// Monthly compliance (rules.md §5) on hand-worked books delivered through the real ingest, each with
// its arithmetic written out: declaring late but paying on time, paying the day after the due date (in
// Riyadh time), paying in two parts, a re-issued invoice, a contributor joining mid-month, a payment
// reversed after the due date, a month with no invoice.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ingestWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { contributor, employer, engagement, invoice, nationalId, payment, wage } from "./helpers/rows.ts";

const [LATE_DECLARER, DAY_LATE, TWO_PARTS, REISSUE, JOINER, REVERSED, UNBILLED] = [
  "100000011",
  "100000012",
  "100000013",
  "100000014",
  "100000015",
  "100000016",
  "100000017",
];
const EMPLOYERS = [LATE_DECLARER, DAY_LATE, TWO_PARTS, REISSUE, JOINER, REVERSED, UNBILLED];
/** One contributor per employer (the joiner's employer has a second). */
const person = (n: number) => nationalId(`1000000${String(n).padStart(2, "0")}`);
const NEWCOMER = person(99);

const contribution = (id: string, employerId: string, period: string, issued: string, due: string, total: string, over = {}) =>
  invoice(id, employerId, {
    period,
    issued_on: issued,
    due_on: due,
    annuities_amount: total,
    hazards_amount: "0.00",
    unemployment_amount: "0.00",
    total_amount: total,
    ...over,
  });
/** The August invoice of an employer: issued 1 September, due 15 September. */
const august = (id: string, employerId: string, total: string, over = {}) =>
  contribution(id, employerId, "2026-08", "2026-09-01", "2026-09-15", total, over);

let w: LedgerWorld;
const AS_OF = "2026-10-20";

beforeAll(async () => {
  w = await ingestWorld({
    employers: EMPLOYERS.map((id) => employer(id)),
    contributors: [...EMPLOYERS.map((_, i) => contributor(person(i + 1))), contributor(NEWCOMER)],
    engagements: [
      ...EMPLOYERS.map((id, i) => engagement(`EN-${i + 1}`, person(i + 1), id, { joined_on: "2024-01-01" })),
      // joins on 20 August: engaged in August (12 days) and September, not in July
      engagement("EN-NEW", NEWCOMER, JOINER, { joined_on: "2026-08-20" }),
    ],
    wages: [
      // July wages of everyone, on time: the earliest wage period delivered, so the months start in July
      ...EMPLOYERS.map((id, i) => wage("2026-07", id, person(i + 1))),
      wage("2026-08", LATE_DECLARER, person(1), { declared_at: "2026-09-03T10:00:00+03:00" }),
      // 20:59:59 UTC on 31 August is 23:59:59 in Riyadh: still August, on time
      wage("2026-08", DAY_LATE, person(2), { declared_at: "2026-08-31T20:59:59Z" }),
      wage("2026-08", TWO_PARTS, person(3)),
      wage("2026-08", REISSUE, person(4)),
      wage("2026-08", JOINER, person(5)),
      wage("2026-08", JOINER, NEWCOMER, { declared_at: "2026-08-25T10:00:00+03:00" }),
      wage("2026-08", REVERSED, person(6)),
      wage("2026-08", UNBILLED, person(7)),
    ],
    invoices: [
      august("IN-A", LATE_DECLARER, "1000.00"),
      august("IN-B", DAY_LATE, "1000.00"),
      august("IN-C", TWO_PARTS, "1000.00"),
      august("IN-D", REISSUE, "500.00"),
      // the re-issue says 15 October but keeps the original's due date, 15 September
      contribution("IN-D-R", REISSUE, "2026-08", "2026-09-10", "2026-10-15", "600.00", { replaces_invoice_id: "IN-D" }),
      august("IN-E", JOINER, "1500.00"),
      august("IN-G", REVERSED, "1000.00"),
    ],
    payments: [
      payment("PY-A", LATE_DECLARER, "1000.00", { paid_at: "2026-09-10T10:00:00+03:00", invoice_id: "IN-A" }),
      // 22:30 UTC on 15 September is 01:30 on the 16th in Riyadh: a day late
      payment("PY-B", DAY_LATE, "1000.00", { paid_at: "2026-09-15T22:30:00Z", invoice_id: "IN-B" }),
      payment("PY-C1", TWO_PARTS, "400.00", { paid_at: "2026-09-14T10:00:00+03:00" }),
      payment("PY-C2", TWO_PARTS, "600.00", { paid_at: "2026-09-20T10:00:00+03:00" }),
      payment("PY-D1", REISSUE, "500.00", { paid_at: "2026-09-05T10:00:00+03:00", invoice_id: "IN-D" }),
      payment("PY-D2", REISSUE, "100.00", { paid_at: "2026-09-25T10:00:00+03:00", invoice_id: "IN-D-R" }),
      payment("PY-E", JOINER, "1500.00", { paid_at: "2026-09-15T12:00:00+03:00", invoice_id: "IN-E" }),
      payment("PY-G1", REVERSED, "1000.00", { paid_at: "2026-09-10T10:00:00+03:00", channel: "cheque", invoice_id: "IN-G" }),
      payment("PY-G2", REVERSED, "1000.00", { paid_at: "2026-09-18T10:00:00+03:00", channel: "cheque", reverses_payment_id: "PY-G1" }),
      payment("PY-G3", REVERSED, "1000.00", { paid_at: "2026-09-22T10:00:00+03:00", invoice_id: "IN-G" }),
    ],
  });
  await w.build(AS_OF, { select: ["+marts.compliance_monthly"] });
}, 180_000);
afterAll(() => w?.close());

const row = async (employerId: string, period: string) => {
  const rows = await w.rows(
    `SELECT contributors_engaged, wages_declared, declared_on_time, paid_in_full_by_due, days_late, compliant, invoice_id,
            contributors_not_declared, contributors_declared_late, CAST(settled_on AS VARCHAR) AS settled_on, open_amount
     FROM marts.compliance_monthly WHERE employer_id = '${employerId}' AND period = '${period}'`,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
};
const onTime = {
  contributors_engaged: 1,
  wages_declared: true,
  declared_on_time: true,
  contributors_not_declared: 0,
  contributors_declared_late: 0,
};

test("months run from the earliest wage period to the month before the as-of month, for every engaged employer", async () => {
  // wages start in 2026-07; as of 20 October the last month judged is September: 3 months × 7 employers
  const months = await w.rows("SELECT period, count(*) AS n FROM marts.compliance_monthly GROUP BY period ORDER BY period");
  expect(months).toEqual([
    { period: "2026-07", n: 7 },
    { period: "2026-08", n: 7 },
    { period: "2026-09", n: 7 },
  ]);
});

test("declares late but pays on time: paid in full by the due date, not compliant", async () => {
  // wage for August declared 3 September (after 31 August); IN-A 1,000 paid 10 September, before the 15th
  expect(await row(LATE_DECLARER, "2026-08")).toEqual({
    ...onTime,
    declared_on_time: false,
    contributors_declared_late: 1,
    paid_in_full_by_due: true,
    days_late: 0,
    compliant: false,
    invoice_id: "IN-A",
    settled_on: null,
    open_amount: "0.00",
  });
});

test("pays the day after the due date (Riyadh time): days_late 1", async () => {
  // paid 01:30 on 16 September in Riyadh: open at the end of the 15th, paid from the 16th → 16 − 15 = 1
  expect(await row(DAY_LATE, "2026-08")).toEqual({
    ...onTime,
    paid_in_full_by_due: false,
    days_late: 1,
    compliant: false,
    invoice_id: "IN-B",
    settled_on: "2026-09-16",
    open_amount: "0.00",
  });
});

test("pays in two parts: open at the due date, stays paid from the second part", async () => {
  // 400 on 14 September leaves 600 open at the due date; 600 on 20 September → 20 − 15 = 5 days late
  expect(await row(TWO_PARTS, "2026-08")).toMatchObject({ paid_in_full_by_due: false, days_late: 5, settled_on: "2026-09-20" });
  const [c] = await w.rows("SELECT owed_at_due, open_at_due FROM core.compliance_invoices WHERE invoice_id = 'IN-C'");
  expect(c).toEqual({ owed_at_due: "1000.00", open_at_due: "600.00" });
});

test("a re-issued invoice: the one not cancelled is judged, by the original's due date", async () => {
  // IN-D 500 is paid on 5 September; IN-D-R 600 cancels it on the 10th and keeps its due date, 15 September.
  // PY-D1 named a cancelled invoice, so it joins the pool and pays 500 of IN-D-R: 100 open at the due date.
  // PY-D2 pays the 100 on 25 September → 25 − 15 = 10 days late.
  expect(await row(REISSUE, "2026-08")).toMatchObject({ invoice_id: "IN-D-R", paid_in_full_by_due: false, days_late: 10 });
  const [d] = await w.rows("SELECT owed_at_due, open_at_due FROM core.compliance_invoices WHERE invoice_id = 'IN-D-R'");
  expect(d).toEqual({ owed_at_due: "600.00", open_at_due: "100.00" });
  expect(await w.rows("SELECT invoice_id FROM core.compliance_invoices WHERE invoice_id = 'IN-D'")).toEqual([]);
});

test("a contributor joining mid-month is engaged that month and must be declared", async () => {
  // July: one contributor; August: the newcomer joins on the 20th, so two, both declared in August
  expect(await row(JOINER, "2026-07")).toMatchObject({ contributors_engaged: 1, wages_declared: true });
  expect(await row(JOINER, "2026-08")).toMatchObject({
    contributors_engaged: 2,
    wages_declared: true,
    declared_on_time: true,
    paid_in_full_by_due: true,
    days_late: 0,
    compliant: true,
  });
  // September: both engaged, nobody declared, no invoice
  expect(await row(JOINER, "2026-09")).toMatchObject({
    contributors_engaged: 2,
    contributors_not_declared: 2,
    wages_declared: false,
    declared_on_time: false,
    paid_in_full_by_due: false,
    days_late: null,
    invoice_id: null,
    compliant: false,
  });
});

test("paid by the due date, then the cheque bounces: paid in full by due, late from the payment that stayed", async () => {
  // PY-G1 pays IN-G on 10 September (paid at the due date); reversed 18 September; PY-G3 pays again on the 22nd:
  // the invoice stays paid from 22 September → 22 − 15 = 7
  expect(await row(REVERSED, "2026-08")).toMatchObject({ paid_in_full_by_due: true, days_late: 7, compliant: true });
});

test("engaged and declared, but no invoice: not paid in full, days_late null", async () => {
  expect(await row(UNBILLED, "2026-08")).toEqual({
    ...onTime,
    paid_in_full_by_due: false,
    days_late: null,
    compliant: false,
    invoice_id: null,
    settled_on: null,
    open_amount: null,
  });
});

test("a due date after the as-of date is judged as of the as-of date, and days late wait for it", async () => {
  // as of 14 September the last month judged is August, whose invoices fall due on the 15th: IN-A was paid on the
  // 10th (nothing open as of the 14th), IN-B not yet (open, so days_late is null); the late declaration of 3 September counts
  await w.build("2026-09-14", { select: ["+marts.compliance_monthly"] });
  const asOf = (employerId: string) =>
    w.rows(
      `SELECT period, paid_in_full_by_due, days_late, due_passed, declared_on_time FROM marts.compliance_monthly
       WHERE employer_id = '${employerId}' ORDER BY period`,
    );
  expect(await asOf(LATE_DECLARER)).toEqual([
    { period: "2026-07", paid_in_full_by_due: false, days_late: null, due_passed: null, declared_on_time: true },
    { period: "2026-08", paid_in_full_by_due: true, days_late: 0, due_passed: false, declared_on_time: false },
  ]);
  expect(await asOf(DAY_LATE)).toEqual([
    { period: "2026-07", paid_in_full_by_due: false, days_late: null, due_passed: null, declared_on_time: true },
    { period: "2026-08", paid_in_full_by_due: false, days_late: null, due_passed: false, declared_on_time: true },
  ]);
  await w.build(AS_OF, { select: ["+marts.compliance_monthly"] });
});
