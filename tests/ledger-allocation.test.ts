// The ledger (rules.md §2–§4) on hand-worked books, each with its arithmetic written out, and the
// whole world held to the plain TypeScript oracle.
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadRules } from "../pipelines/rules/index.ts";
import { disagreements } from "./fixtures/ledger/compare.ts";
import { rawWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { adjustment, dispute, disputeEvent, employer, instalmentPlan, invoice, payment } from "./helpers/rows.ts";

const [OVERPAYER, CHEQUE, REISSUE, DEBTOR, PLANNED, SMALL] = ["100000002", "100000003", "100000004", "100000005", "100000006", "100000007"];
const contribution = (
  id: string,
  employerId: string,
  period: string,
  issued: string,
  due: string,
  total: string,
  over: Record<string, string | null> = {},
) =>
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

let w: LedgerWorld;

beforeAll(async () => {
  w = await rawWorld({
    employers: [OVERPAYER, CHEQUE, REISSUE, DEBTOR, PLANNED, SMALL].map((id) => employer(id)),
    invoices: [
      contribution("IN-A", OVERPAYER, "2026-08", "2026-09-01", "2026-09-15", "1000.00"),
      contribution("IN-B", OVERPAYER, "2026-09", "2026-10-01", "2026-10-15", "800.00"),
      contribution("IN-C", CHEQUE, "2026-08", "2026-09-01", "2026-09-15", "2000.00"),
      invoice("FE-C", CHEQUE, {
        invoice_type: "late_fee",
        period: "2026-08",
        issued_on: "2026-10-01",
        due_on: "2026-10-15",
        annuities_amount: "0.00",
        hazards_amount: "0.00",
        unemployment_amount: "0.00",
        fee_amount: "40.00",
        total_amount: "40.00",
      }),
      contribution("IN-D", REISSUE, "2026-08", "2026-09-01", "2026-09-15", "500.00"),
      // the re-issue says 2026-10-15, but keeps the original's due date 2026-09-15
      contribution("IN-D-R", REISSUE, "2026-08", "2026-09-10", "2026-10-15", "600.00", { replaces_invoice_id: "IN-D" }),
      contribution("IN-E", DEBTOR, "2026-03", "2026-04-01", "2026-04-15", "5000.00"),
      contribution("IN-F", DEBTOR, "2026-04", "2026-05-01", "2026-05-15", "3000.00"),
      contribution("IN-G", PLANNED, "2026-03", "2026-04-01", "2026-04-15", "5000.00"),
      contribution("IN-H", SMALL, "2026-03", "2026-04-01", "2026-04-15", "5.00"),
    ],
    invoice_adjustments: [
      adjustment("AD-1", "IN-D-R", {
        amount: "-100.00",
        approved_by: "u200",
        approved_at: "2026-10-05T23:30:00+03:00",
      }),
      adjustment("AD-2", "IN-D-R", { amount: "-50.00" }), // never approved: changes nothing
    ],
    payments: [
      payment("PY-1", OVERPAYER, "1500.00", { paid_at: "2026-09-10T10:00:00+03:00", invoice_id: "IN-A" }),
      payment("PY-2", CHEQUE, "2000.00", {
        paid_at: "2026-09-14T10:00:00+03:00",
        channel: "cheque",
        invoice_id: "IN-C",
      }),
      payment("PY-3", CHEQUE, "2000.00", {
        paid_at: "2026-09-20T11:00:00+03:00",
        channel: "cheque",
        reverses_payment_id: "PY-2",
      }),
      payment("PY-4", REISSUE, "500.00", { paid_at: "2026-09-20T09:00:00+03:00", invoice_id: "IN-D" }),
      // 22:30 UTC on 30 September is 01:30 on 1 October in Riyadh
      payment("PY-5", REISSUE, "100.00", { paid_at: "2026-09-30T22:30:00Z" }),
    ],
    disputes: [dispute("DS-1", DEBTOR, "IN-F", { submitted_on: "2026-05-20", disputed_amount: "3000.00" })],
    dispute_events: [disputeEvent("EV-1", "DS-1", { at: "2026-05-20T09:00:00+03:00" })],
    instalment_plans: [instalmentPlan("PL-1", PLANNED, { agreed_on: "2026-09-01", total_amount: "5000.00", first_due_on: "2026-10-01" })],
  });
  await w.build("2026-10-31");
}, 120_000);
afterAll(() => w?.close());

const balance = (employerId: string, asOf: string) =>
  w.rows(
    `SELECT billed, adjustments, paid, outstanding, credit_balance FROM marts.employer_balance WHERE employer_id = '${employerId}'
        AND as_of = DATE '${asOf}'`,
  );
const ageing = (employerId: string, asOf: string) =>
  w.rows(
    `SELECT not_due, d1_30, d31_60, d61_90, d91_180, d181_365, over_365, disputed, severity FROM marts.arrears_ageing
        WHERE employer_id = '${employerId}' AND as_of = DATE '${asOf}'`,
  );
const zeros = {
  not_due: "0.00",
  d1_30: "0.00",
  d31_60: "0.00",
  d61_90: "0.00",
  d91_180: "0.00",
  d181_365: "0.00",
  over_365: "0.00",
  disputed: "0.00",
};

test("an overpayment is held as credit, then consumed by the next invoice", async () => {
  // 30 Sep: PY-1 1,500 names IN-A (1,000): pays it, 500 left as credit.
  expect(await balance(OVERPAYER, "2026-09-30")).toEqual([
    { billed: "1000.00", adjustments: "0.00", paid: "1500.00", outstanding: "0.00", credit_balance: "500.00" },
  ]);
  // 31 Oct: IN-B 800 is issued; the 500 credit pays part of it: 1,800 − 1,500 = 300 open, no credit.
  expect(await balance(OVERPAYER, "2026-10-31")).toEqual([
    { billed: "1800.00", adjustments: "0.00", paid: "1500.00", outstanding: "300.00", credit_balance: "0.00" },
  ]);
  // IN-B was due 15 Oct: 16 days past due → 1–30 bucket; 300 ≥ 10 SAR tolerance, nothing over 90 days → low.
  expect(await ageing(OVERPAYER, "2026-10-31")).toEqual([{ ...zeros, d1_30: "300.00", severity: "low" }]);
});

test("a reversed cheque reopens the invoice from the reversal's day, and the late fee is 2% of it", async () => {
  // 15 Sep: the cheque PY-2 (14 Sep) pays IN-C in full.
  expect(await w.rows("SELECT open_amount FROM core.ledger_items WHERE invoice_id = 'IN-C' AND as_of = DATE '2026-09-15'")).toEqual([
    { open_amount: "0.00" },
  ]);
  // 30 Sep: bounced on 20 Sep: paid = 0, IN-C 2,000 open, 15 days past due.
  expect(await balance(CHEQUE, "2026-09-30")).toEqual([
    { billed: "2000.00", adjustments: "0.00", paid: "0.00", outstanding: "2000.00", credit_balance: "0.00" },
  ]);
  // The fee of 1 Oct: 2% × 2,000 unpaid at the end of 30 Sep = 40.00.
  expect(
    await w.rows("SELECT billed_amount, expected_amount, difference, unpaid_base FROM marts.invoice_check WHERE invoice_id = 'FE-C'"),
  ).toEqual([{ billed_amount: "40.00", expected_amount: "40.00", difference: "0.00", unpaid_base: "2000.00" }]);
  // 31 Oct: IN-C 46 days past due (31–60), FE-C 16 days (1–30).
  expect(await ageing(CHEQUE, "2026-10-31")).toEqual([{ ...zeros, d1_30: "40.00", d31_60: "2000.00", severity: "low" }]);
  // The reversal row pays nothing and is never allocated.
  expect(
    await w.rows("SELECT count(*) AS n FROM core.ledger_payments WHERE payment_id IN ('PY-2', 'PY-3') AND as_of >= DATE '2026-09-20'"),
  ).toEqual([{ n: 0 }]);
});

test("a payment naming a cancelled invoice joins the pool; a re-issue keeps the original's due date", async () => {
  // 15 Sep: IN-D was cancelled on 10 Sep; only IN-D-R (600) is live, due that very day (0 days past due).
  expect(
    await w.rows(
      "SELECT invoice_id, open_amount, days_past_due FROM core.ledger_items WHERE employer_id = '100000004' AND as_of = DATE '2026-09-15'",
    ),
  ).toEqual([{ invoice_id: "IN-D-R", open_amount: "600.00", days_past_due: 0 }]);
  // 30 Sep: PY-4 names IN-D, cancelled on 10 Sep → pool → pays IN-D-R: 600 − 500 = 100 open, due 15 Sep (kept) → 15 days.
  // PY-5 falls on 1 Oct in Riyadh, so it is not counted yet.
  expect(await balance(REISSUE, "2026-09-30")).toEqual([
    { billed: "600.00", adjustments: "0.00", paid: "500.00", outstanding: "100.00", credit_balance: "0.00" },
  ]);
  expect(await ageing(REISSUE, "2026-09-30")).toEqual([{ ...zeros, d1_30: "100.00", severity: "low" }]);
  // 31 Oct: AD-1 −100 approved 5 Oct (AD-2 unapproved, ignored): owed 500; paid 500 + 100 → 100 credit.
  expect(await balance(REISSUE, "2026-10-31")).toEqual([
    { billed: "600.00", adjustments: "-100.00", paid: "600.00", outstanding: "0.00", credit_balance: "100.00" },
  ]);
  expect(
    await w.rows(
      `SELECT invoice_id, cancelled, CAST(cancelled_on AS VARCHAR) AS cancelled_on, due_on FROM marts.invoice_check
          WHERE employer_id = '100000004' ORDER BY invoice_id`,
    ),
  ).toEqual([
    { invoice_id: "IN-D", cancelled: true, cancelled_on: "2026-09-10", due_on: "2026-09-15" },
    { invoice_id: "IN-D-R", cancelled: false, cancelled_on: null, due_on: "2026-09-15" },
  ]);
});

test("buckets, disputed part, severity, suspension, plans and tolerance", async () => {
  // 31 Oct: IN-E due 15 Apr → 199 days (181–365); IN-F due 15 May → 169 days (91–180), objected to and undecided.
  // Over 180 days → high. Undisputed past due 5,000 ≥ 1,000 with part over 90 days, no plan → candidate.
  expect(await ageing(DEBTOR, "2026-10-31")).toEqual([
    { ...zeros, d91_180: "3000.00", d181_365: "5000.00", disputed: "3000.00", severity: "high" },
  ]);
  expect(
    await w.rows(
      `SELECT employer_id, past_due_undisputed, CAST(oldest_due_on AS VARCHAR) AS oldest_due_on, days_past_due
          FROM marts.suspension_candidates WHERE as_of = DATE '2026-10-31'`,
    ),
  ).toEqual([{ employer_id: DEBTOR, past_due_undisputed: "5000.00", oldest_due_on: "2026-04-15", days_past_due: 199 }]);
  // 31 Jul: IN-E 107 days (91–180) → medium, candidate; IN-G's employer has no plan yet either (agreed 1 Sep).
  expect((await ageing(DEBTOR, "2026-07-31"))[0]!.severity).toBe("medium");
  expect(
    (await w.rows("SELECT employer_id FROM marts.suspension_candidates WHERE as_of = DATE '2026-07-31' ORDER BY 1")).map(
      (r) => r.employer_id,
    ),
  ).toEqual([DEBTOR, PLANNED]);
  // 5.00 past due is under the 10 SAR tolerance: severity none, though the bucket shows it.
  expect(await ageing(SMALL, "2026-10-31")).toEqual([{ ...zeros, d181_365: "5.00", severity: "none" }]);
  // Month-ends from the first invoice (April) to the as-of date, for every employer with activity by then.
  expect(await w.rows("SELECT CAST(as_of AS VARCHAR) AS d, count(*) AS n FROM marts.employer_balance GROUP BY 1 ORDER BY 1")).toEqual([
    { d: "2026-04-30", n: 3 },
    { d: "2026-05-31", n: 3 },
    { d: "2026-06-30", n: 3 },
    { d: "2026-07-31", n: 3 },
    { d: "2026-08-31", n: 3 },
    { d: "2026-09-30", n: 6 },
    { d: "2026-10-31", n: 6 },
  ]);
});

test("collection KPIs", async () => {
  const kpi = async (period: string, name: string, dimension = "all") =>
    (
      await w.rows<{ value: string }>(
        `SELECT value FROM marts.kpi_monthly WHERE period = '${period}' AND kpi = '${name}' AND dimension = '${dimension}'`,
      )
    ).map((r) => r.value);
  // Issued in September: IN-A 1,000 + IN-C 2,000 + IN-D 500 + IN-D-R 600, less IN-D cancelled in September: 3,600.
  expect(await kpi("2026-09", "billed")).toEqual(["3600.000000"]);
  // Received in September: PY-1 1,500 + PY-2 2,000 + PY-4 500, less PY-2 reversed on 20 Sep: 2,000 (PY-5 is 1 Oct in Riyadh).
  expect(await kpi("2026-09", "collected")).toEqual(["2000.000000"]);
  // August contributions at their due date (15 Sep): IN-A 1,000 paid, IN-C 2,000 paid (the cheque bounced later),
  // IN-D-R 600 unpaid (PY-4 came on 20 Sep): 3,000 / 3,600; two employers of three paid in full.
  expect(await kpi("2026-08", "on_time_collection_rate")).toEqual(["0.833333"]);
  expect(await kpi("2026-08", "employers_paying_on_time_share")).toEqual(["0.666667"]);
  // As of 31 Oct: IN-A 1,000 paid, IN-C 0 of 2,000, IN-D-R 500 of 500 (after the 100 credit): 1,500 / 3,500.
  expect(await kpi("2026-08", "collection_rate_to_date")).toEqual(["0.428571"]);
  expect(await kpi("2026-10", "late_fee_billed")).toEqual(["40.000000"]);
  // Every employer is in RIYADH: the region split equals the total.
  expect(await kpi("2026-09", "billed", "region")).toEqual(["3600.000000"]);
});

test("the SQL models and the oracle agree on every row", async () => {
  const result = await disagreements(w.db, "2026-10-31", loadRules());
  expect(result.differ).toEqual([]);
  expect(result.compared).toBeGreaterThan(60);
});
