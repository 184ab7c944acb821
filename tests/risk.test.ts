// The employer risk score on hand-made employers (tests/risk-support.ts): every driver of X worked out
// from its rows, the tiers at their cut-offs, dispositions taking a finding's points away, and the
// critical-tier alert raised once across two builds; the mart a view over core.risk_scores.
import { afterAll, beforeAll, expect, test } from "vitest";
import { dispose } from "../pipelines/findings/actions.ts";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { hasRiskMarts } from "../pipelines/publish/export/risk.ts";
import { hasRelation } from "../pipelines/publish/export/tables.ts";
import { loadRules, type Rules } from "../pipelines/rules/index.ts";
import type { LedgerWorld } from "./fixtures/ledger/support.ts";
import { FIXED_NOW } from "./helpers/warehouse.ts";
import { AS_OF, riskWorld, X, Y } from "./risk-support.ts";

let w: LedgerWorld;
beforeAll(async () => {
  w = await riskWorld();
  await w.build(AS_OF);
}, 120_000);
afterAll(() => w?.close());

type RiskRow = {
  employer_id: string;
  risk_score: string;
  risk_tier: string;
  drivers: string;
  reason_1_en: string | null;
  reason_2_en: string | null;
  reason_3_en: string | null;
  reason_1_ar: string | null;
  rules_version: string;
};
const risk = async (id: string, asOf = AS_OF) =>
  (
    await w.rows<RiskRow>(
      `SELECT employer_id, CAST(risk_score AS VARCHAR) AS risk_score, risk_tier, CAST(drivers AS VARCHAR) AS drivers, reason_1_en,
              reason_2_en, reason_3_en, reason_1_ar, rules_version
       FROM marts.employer_risk WHERE employer_id = '${id}' AND as_of = DATE '${asOf}'`,
    )
  )[0]!;
const points = (row: RiskRow) =>
  Object.fromEntries((JSON.parse(row.drivers) as { driver: string; points: number }[]).map((d) => [d.driver, d.points]));

test("X's drivers and score as worked out from its rows", async () => {
  const x = await risk(X);
  // As of 2026-06-30, lookback 12 months. Invoices 1..5 (1,075.00 each) due 15 Feb .. 15 Jun; 1 paid on time,
  // 2 paid 4 Apr (20 days late), 3, 4, 5 open (76, 46 and 15 days past due at 30 Jun).
  expect(points(x)).toEqual({
    arrears_severity: 4, // 3,225.00 past due, nothing over 90 days: low → 4
    arrears_age: 3.8, // oldest past-due item 76 days: 76 / 20
    arrears_amount: 10, // 3,225.00 of 5,375.00 billed since July 2025 = 0.6 ≥ 0.5: the cap
    days_late: 5.2, // (0 + 20 + 76 + 46 + 15) / 5 = 31.4 days on average; 10 × 31.4 / 60 = 5.23
    invoices_paid_late: 12, // 4 of 5 not paid in full by the due date: 15 × 4 / 5
    reversed_payments: 2.5, // PY-X3 reversed on 12 May: one × 2.5
    compliance: 4, // March and April declared after the month: 2 × 2
    findings: 1, // the reversal's finding (payment_reversal, low, May): 1
    objections: 4, // 3 objections ≥ 3: 3 points; 1 of the 2 decided rejected: 2 × 1/2
    exposure: 0, // one contributor, 5,375.00 billed
  });
  expect(x.risk_score).toBe("46.5");
  expect(x.risk_tier).toBe("critical"); // 46.5 ≥ 30
  expect(x.rules_version).toBe(loadRules().risk.version);
  expect([x.reason_1_en, x.reason_2_en, x.reason_3_en]).toEqual([
    "4 of the last 5 invoices paid late",
    "Past due is 60% of the last 12 months' billing",
    "Invoices due in the last 12 months were paid 31 days late on average",
  ]);
  expect(x.reason_1_ar).toBe("4 من آخر 5 فاتورة سُدّدت بعد موعدها");
  const y = await risk(Y);
  expect(y).toMatchObject({ risk_score: "0.0", risk_tier: "low", reason_1_en: null });
});

test("a month-end's score uses only what was known then", async () => {
  // 30 April: invoices 1..3 due (1 on time, 2 paid 20 days late, 3 open 15 days); the reversal (May), the objection's
  // decision (May) and the finding about May are not known yet; March declared late, April not declared by its end.
  const x = await risk(X, "2026-04-30");
  expect(points(x)).toEqual({
    arrears_severity: 4, // 1,075.00 past due: low
    arrears_age: 0.8, // 15 days / 20 = 0.75
    arrears_amount: 6.7, // 1,075.00 of 3,225.00 billed = 1/3; 10 × (1/3) / 0.5
    days_late: 1.9, // (0 + 20 + 15) / 3 = 11.7 days; 10 × 11.7 / 60
    invoices_paid_late: 10, // 2 of 3: 15 × 2 / 3
    reversed_payments: 0,
    compliance: 4, // March and April: 2 × 2
    findings: 0,
    objections: 0, // one objection, undecided
    exposure: 0,
  });
  // 31 March: two invoices due, fewer than min_invoices (3): no payment-behaviour points yet.
  expect(points(await risk(X, "2026-03-31"))).toMatchObject({ days_late: 0, invoices_paid_late: 0 });
});

test("the drivers add up to the score on every row, and the tiers and movements follow", async () => {
  const bad = await w.rows(
    `SELECT employer_id, as_of FROM marts.employer_risk
     WHERE risk_score <> list_sum(list_transform(CAST(drivers AS JSON[]), d -> CAST(d ->> 'points' AS DECIMAL(4,1))))`,
  );
  expect(bad).toEqual([]);
  // X: nothing past due on 28 Feb (low, new: its first invoice was issued on 1 Feb), 16.8 on 31 Mar (medium),
  // 27.4 on 30 Apr (high), 40.5 on 31 May (critical), 46.5 on 30 Jun (critical)
  const moves = await w.rows<{ as_of: string; risk_score: string; movement: string }>(
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, CAST(risk_score AS VARCHAR) AS risk_score, movement
     FROM marts.employer_risk_movements WHERE employer_id = '${X}' ORDER BY as_of`,
  );
  expect(moves.map((m) => [m.as_of, m.risk_score, m.movement])).toEqual([
    ["2026-02-28", "0.0", "new"],
    ["2026-03-31", "16.8", "up"],
    ["2026-04-30", "27.4", "up"],
    ["2026-05-31", "40.5", "up"],
    ["2026-06-30", "46.5", "same"],
  ]);
});

test("the critical-tier alert is raised once across two builds", async () => {
  // X is critical (46.5 ≥ 30) in the first build (beforeAll); a second build of the same data raises nothing new.
  const again = await w.build(AS_OF);
  expect(again.alerts.raised).toBe(0);
  const alerts = await w.rows<{ occurrence: number; state: string; subject: string }>(
    `SELECT occurrence, state, subject FROM audit.alerts WHERE alert_key = 'employer_risk_critical:${X}'`,
  );
  expect(alerts).toEqual([
    {
      occurrence: 1,
      state: "new",
      subject: `Employer ${X} moved into the critical risk tier: score 46.5 (as of ${AS_OF}); 4 of the last 5 invoices paid late`,
    },
  ]);
});

const withTiers = (tiers: Rules["risk"]["tiers"]): Rules => {
  const rules = loadRules();
  return { ...rules, risk: { ...rules.risk, tiers } };
};

test("a score exactly at a cut-off is in that tier; just below it, in the one under", async () => {
  await w.build(AS_OF, { rules: withTiers({ medium: 20, high: 46.5, critical: 60 }) });
  expect((await risk(X)).risk_tier).toBe("high");
  await w.build(AS_OF, { rules: withTiers({ medium: 20, high: 46.6, critical: 60 }) });
  expect((await risk(X)).risk_tier).toBe("medium");
  await w.build(AS_OF, { rules: withTiers({ medium: 10, high: 20, critical: 46.5 }) });
  expect((await risk(X)).risk_tier).toBe("critical");
});

test("false positives and exempt findings count nothing; confirmed ones count", async () => {
  const [finding] = await w.rows<{ anomaly_id: string }>(`SELECT anomaly_id FROM marts.anomalies WHERE employer_id = '${X}'`);
  let minute = 0;
  const decide = async (status: string) => {
    const wh = await openWarehouse(w.db);
    // each decision a minute after the last: a finding's status is its latest disposition by time
    const now = () => new Date(FIXED_NOW().getTime() + ++minute * 60_000);
    try {
      await dispose(wh, { id: finding!.anomaly_id, status, by: "auditor", note: undefined }, { logger: memoryLogger(), now });
    } finally {
      wh.close();
    }
    await w.build(AS_OF);
    return risk(X);
  };
  for (const [status, findings, score] of [
    ["false_positive", 0, "45.5"],
    ["exempt", 0, "45.5"],
    ["confirmed", 1, "46.5"],
  ] as const) {
    const x = await decide(status);
    expect([status, points(x).findings, x.risk_score]).toEqual([status, findings, score]);
  }
});

test("marts.employer_risk is a view over core.risk_scores, which keeps the numbers and the top drivers' codes", async () => {
  const [kind] = await w.rows<{ n: number }>(
    "SELECT count(*)::INTEGER AS n FROM duckdb_views() WHERE schema_name = 'marts' AND view_name = 'employer_risk'",
  );
  expect(kind).toEqual({ n: 1 });
  const columns = (await w.rows<{ c: string }>("SELECT column_name AS c FROM (DESCRIBE core.risk_scores)")).map((r) => r.c);
  expect(columns.filter((c) => c === "drivers" || (c.startsWith("reason_") && !c.endsWith("_driver")))).toEqual([]);
  const [x] = await w.rows<{ codes: string[] }>(
    `SELECT [reason_1_driver, reason_2_driver, reason_3_driver] AS codes FROM core.risk_scores
     WHERE employer_id = '${X}' AND as_of = DATE '${AS_OF}'`,
  );
  expect(x!.codes).toEqual(["invoices_paid_late", "arrears_amount", "days_late"]);
  const wh = await openWarehouse(w.db);
  try {
    // the exports find the mart although it is not a table
    expect(await hasRiskMarts(wh.connection)).toBe(true);
    expect(await hasRelation(wh.connection, "marts", "employer_risk")).toBe(true);
  } finally {
    wh.close();
  }
});
