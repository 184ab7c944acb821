// Each detector on a small hand-made case that must fire, beside a near miss that must not: one real
// delivery through the real ingest, the real models built up to marts.anomalies, findings read back.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ingestWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { adjustment, contributor, employer, engagement, invoice, nationalId, payment, wage } from "./helpers/rows.ts";

const E1 = "100000001";
const E2 = "100000002";
const months = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"];
const saudi = (n: number) => nationalId(`1${String(n).padStart(8, "0")}`);
const [older, steady, slip, swapped, young, adult] = [1, 2, 3, 4, 5, 6].map(saudi) as [string, string, string, string, string, string];
// a slip in the month of a raise (ten times the new basic); a joiner declared at 13,600 then at the floor (not a slip)
const [raiser, joiner] = [7, 8].map(saudi) as [string, string];
// a swap in the second of two months (no usual month to stand against, but the month before mirrors it); housing above
// basic in both of two months (a housing-heavy pay, nothing mirrored): near miss
const [swappedLate, housingHeavy] = [9, 10].map(saudi) as [string, string];

let w: LedgerWorld;
let findings: { rule: string; entity_id: string; contributor_id: string | null; period: string | null }[];
const fired = (rule: string, entityId: string) => findings.some((f) => f.rule === rule && f.entity_id === entityId);
const firedFor = (rule: string, contributorId: string) => findings.some((f) => f.rule === rule && f.contributor_id === contributorId);

beforeAll(async () => {
  const people = [
    contributor(older, { birth_date: "1968-01-10" }), // 58: inside the years before retirement
    contributor(steady, { birth_date: "1968-02-10" }), // same age, a yearly raise only: near miss
    contributor(slip),
    contributor(swapped),
    contributor(young, { birth_date: "2009-05-01", first_registered_on: "2026-03-01" }), // 16 at joining
    contributor(adult, { birth_date: "2008-02-01", first_registered_on: "2026-03-01" }), // 18 at joining: near miss
    contributor(raiser),
    contributor(joiner),
    contributor(swappedLate),
    contributor(housingHeavy),
  ];
  const wages = months.flatMap((p, i) => [
    wage(p, E1, older, { basic_wage: i < 3 ? "8000.00" : "16000.00", housing_allowance: "2000.00" }),
    wage(p, E1, steady, { basic_wage: i < 3 ? "8000.00" : "8400.00", housing_allowance: "2000.00" }),
    wage(p, E1, slip, { basic_wage: i === 2 ? "50000.00" : "5000.00" }),
    wage(p, E1, swapped, i === 4 ? { basic_wage: "1000.00", housing_allowance: "4000.00" } : {}),
    wage(p, E2, young),
    wage(p, E2, adult),
    wage(p, E1, raiser, { basic_wage: i < 2 ? "5000.00" : i === 2 ? "53000.00" : "5300.00", housing_allowance: "0.00" }),
    wage(
      p,
      E1,
      joiner,
      i === 0 ? { basic_wage: "10880.00", housing_allowance: "2720.00" } : { basic_wage: "1200.00", housing_allowance: "300.00" },
    ),
    ...(i >= 4
      ? [
          wage(
            p,
            E1,
            swappedLate,
            i === 4 ? { basic_wage: "1520.00", housing_allowance: "380.00" } : { basic_wage: "380.00", housing_allowance: "1520.00" },
          ),
          wage(p, E1, housingHeavy, { basic_wage: "380.00", housing_allowance: "1520.00" }),
        ]
      : []),
  ]);
  const invoices = [
    invoice("IN-1", E1),
    invoice("IN-2", E1, {
      period: "2026-09",
      annuities_amount: "40000.00",
      hazards_amount: "5000.00",
      unemployment_amount: "5000.00",
      total_amount: "50000.00",
    }),
    invoice("IN-3", E2),
  ];
  w = await ingestWorld({
    employers: [employer(E1), employer(E2)],
    contributors: people,
    engagements: [
      ...[older, steady, slip, swapped].map((c, i) => engagement(`EN-${i}`, c, E1)),
      engagement("EN-RAISER", raiser, E1),
      engagement("EN-JOINER", joiner, E1),
      engagement("EN-SWAP2", swappedLate, E1, { joined_on: "2026-07-01" }),
      engagement("EN-HEAVY", housingHeavy, E1, { joined_on: "2026-07-01" }),
      engagement("EN-5", young, E2, { joined_on: "2026-03-01" }),
      engagement("EN-6", adult, E2, { joined_on: "2026-03-01" }),
    ],
    invoices,
    invoice_adjustments: [
      adjustment("AD-SELF", "IN-1", { created_by: "ST1", approved_by: "ST1", approved_at: "2026-11-05T10:00:00+03:00" }),
      adjustment("AD-OTHER", "IN-1", { created_by: "ST1", approved_by: "ST2", approved_at: "2026-11-05T10:00:00+03:00" }),
      // two credits just under 10,000 by one creator within days (fire), and one alone (near miss)
      adjustment("AD-S1", "IN-2", { amount: "-9500.00", created_by: "ST3", created_at: "2026-11-03T10:00:00+03:00" }),
      adjustment("AD-S2", "IN-2", { amount: "-9400.00", created_by: "ST3", created_at: "2026-11-05T10:00:00+03:00" }),
      adjustment("AD-S3", "IN-3", { amount: "-9400.00", created_by: "ST3", created_at: "2026-11-05T10:00:00+03:00" }),
    ],
    wages,
    payments: [
      payment("PY-A", E1, "500.00", { invoice_id: "IN-1" }),
      payment("PY-B", E1, "500.00", { invoice_id: "IN-1", paid_at: "2026-11-10T11:00:00+03:00" }), // the same payment again
      payment("PY-C", E1, "500.00", { invoice_id: "IN-2", paid_at: "2026-11-10T12:00:00+03:00" }), // another bill: near miss
      payment("PY-D", E2, "700.00", { invoice_id: "IN-1" }), // names E1's invoice
      payment("PY-E", E2, "700.00", { invoice_id: "IN-3" }),
      payment("PY-R", E2, "700.00", { reverses_payment_id: "PY-E", paid_at: "2026-11-12T09:00:00+03:00" }),
    ],
  });
  await w.build("2026-11-20");
  findings = await w.rows("SELECT rule, entity_id, contributor_id, period FROM marts.anomalies");
}, 120_000);

afterAll(() => w?.close());

describe("wage detectors", () => {
  test("a lasting rise before retirement age fires; a yearly raise does not", () => {
    expect(firedFor("pension_wage_inflation", older)).toBe(true);
    expect(firedFor("pension_wage_inflation", steady)).toBe(false);
  });
  test("a basic wage ten times the usual fires once, on its month, also in the month of a raise", () => {
    expect(fired("wage_times_ten", `2026-05|${E1}|${slip}`)).toBe(true);
    expect(fired("wage_times_ten", `2026-05|${E1}|${raiser}`)).toBe(true);
    expect(findings.filter((f) => f.rule === "wage_times_ten")).toHaveLength(2);
  });
  test("a first month nine times the later ones is no extra zero: the cut to the floor after it is under-declaration", () => {
    expect(firedFor("wage_times_ten", joiner)).toBe(false);
    expect(fired("under_declaration", `2026-04|${E1}|${joiner}`)).toBe(true);
  });
  test("housing above basic for one month fires; the usual months do not", () => {
    expect(fired("basic_housing_swapped", `2026-07|${E1}|${swapped}`)).toBe(true);
    expect(findings.filter((f) => f.rule === "basic_housing_swapped" && f.contributor_id === swapped)).toHaveLength(1);
  });
  test("a swap the month before mirrors fires without a usual month; housing above basic in every month does not", () => {
    expect(fired("basic_housing_swapped", `2026-08|${E1}|${swappedLate}`)).toBe(true);
    expect(findings.filter((f) => f.rule === "basic_housing_swapped" && f.contributor_id === swappedLate)).toHaveLength(1);
    expect(firedFor("basic_housing_swapped", housingHeavy)).toBe(false);
  });
  test("16 at joining is implausible; 18 is not", () => {
    expect(firedFor("implausible_age", young)).toBe(true);
    expect(firedFor("implausible_age", adult)).toBe(false);
  });
});

describe("staff detectors", () => {
  test("a note approved by its creator fires; one approved by another user does not", () => {
    expect(fired("self_approved_adjustment", "AD-SELF")).toBe(true);
    expect(fired("self_approved_adjustment", "AD-OTHER")).toBe(false);
  });
  test("two credits under the threshold, together over it, fire; a lone one does not", () => {
    expect(fired("split_credits", "AD-S1")).toBe(true);
    expect(fired("split_credits", "AD-S3")).toBe(false);
  });
});

describe("payment detectors", () => {
  test("the same amount, day and invoice twice fires on the second; another invoice's bill does not", () => {
    expect(fired("duplicate_payment", "PY-B")).toBe(true);
    expect(fired("duplicate_payment", "PY-A")).toBe(false);
    expect(fired("duplicate_payment", "PY-C")).toBe(false);
  });
  test("a payment naming another employer's invoice fires; one naming its own does not", () => {
    expect(fired("wrong_employer_payment", "PY-D")).toBe(true);
    expect(fired("wrong_employer_payment", "PY-E")).toBe(false);
  });
  test("a reversal fires; the payment it reverses is not itself one", () => {
    expect(fired("payment_reversal", "PY-R")).toBe(true);
    expect(fired("payment_reversal", "PY-E")).toBe(false);
  });
});
