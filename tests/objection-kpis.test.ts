// The objection KPIs of marts.kpi_monthly against an independent computation: hand-made objections of two
// employers (two regions, two sectors) delivered through the real ingest, the lifecycle worked out here in
// TypeScript from the delivered events (first deciding event by at, then event_id), and every KPI of every
// month, overall and by region and sector, compared to the halala. Also the bad-input counts the Data
// health page shows, and staging.stg_disputes' decision when two deciding events share a second.
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { objectionIssues } from "../pipelines/publish/export/objection-issues.ts";
import { objectionTile } from "../pipelines/publish/export/objections-tile.ts";
import { readKpis } from "../pipelines/publish/export/kpis.ts";
import { objectionsByCategory, objectionsPage } from "../pipelines/publish/report/objections.ts";
import { ingestWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { dispute, disputeEvent, employer, invoice } from "./helpers/rows.ts";

const AS_OF = "2026-11-20";
const EMPLOYERS = { A: { id: "100000031", region: "RIYADH", sector: "C" }, B: { id: "100000032", region: "MAKKAH", sector: "F" } };
type Who = keyof typeof EMPLOYERS;
const DECIDING = ["accepted", "partially_accepted", "rejected", "withdrawn", "closed"];
const at = (day: string, time = "10:00:00") => `${day}T${time}+03:00`;

type Step = [day: string, status: string, resolved?: string];
interface Case {
  id: string;
  who: Who;
  submitted: string;
  amount: string;
  /** In the order delivered. */
  events: [eventId: string, ...Step][];
}
/**
 * An objection opened by a "submitted" event on its day (`<id>-1`), then the `later` events delivered in
 * that order as `<id>-2`, `<id>-3`…; the odd cases (no events, ids out of order) are written out in full.
 */
function filed(id: string, who: Who, submitted: string, amount: string, ...later: Step[]): Case {
  const steps: Step[] = [[submitted, "submitted"], ...later];
  return { id, who, submitted, amount, events: steps.map((step, i) => [`${id}-${i + 1}`, ...step]) };
}
const CASES: Case[] = [
  // accepted on day 17, then an event after the decision
  filed(
    "A1",
    "A",
    "2026-08-03",
    "500.00",
    ["2026-08-05", "under_review"],
    ["2026-08-20", "accepted", "300.00"],
    ["2026-08-25", "under_review"],
  ),
  // rejected on day 36: breached
  filed("A2", "A", "2026-08-10", "800.00", ["2026-09-15", "rejected"]),
  // escalated, partly conceded on day 54: within 60
  filed("A3", "A", "2026-09-01", "400.00", ["2026-09-20", "escalated_legal"], ["2026-10-25", "partially_accepted", "100.00"]),
  // still open
  filed("A4", "A", "2026-10-05", "650.00", ["2026-10-06", "under_review"]),
  filed("B1", "B", "2026-08-15", "300.00", ["2026-08-18", "withdrawn"]),
  // accepted on day 35: breached
  filed("B2", "B", "2026-09-05", "250.00", ["2026-10-10", "accepted", "250.00"]),
  // the decision dated two days before the submission
  { id: "B3", who: "B", submitted: "2026-09-20", amount: "900.00", events: [["B3-1", "2026-09-18", "rejected"]] },
  // no events at all
  { id: "B4", who: "B", submitted: "2026-11-02", amount: "700.00", events: [] },
  // two deciding events in the same second, delivered out of order: B5-1 (rejected) decides
  {
    id: "B5",
    who: "B",
    submitted: "2026-10-01",
    amount: "350.00",
    events: [
      ["B5-1", "2026-10-01", "submitted"],
      ["B5-3", "2026-10-12", "accepted", "50.00"],
      ["B5-2", "2026-10-12", "rejected"],
    ],
  },
];
const PERIODS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];

let w: LedgerWorld;

beforeAll(async () => {
  w = await ingestWorld({
    employers: (Object.keys(EMPLOYERS) as Who[]).map((k) =>
      employer(EMPLOYERS[k].id, { region: EMPLOYERS[k].region, sector: EMPLOYERS[k].sector }),
    ),
    invoices: (Object.keys(EMPLOYERS) as Who[]).flatMap((k) =>
      PERIODS.map((p, i) => {
        const issued = `2026-${String(i + 7).padStart(2, "0")}-01`;
        return invoice(`IN-${k}-${p}`, EMPLOYERS[k].id, { period: p, issued_on: issued, due_on: `${issued.slice(0, 8)}15` });
      }),
    ),
    disputes: CASES.map((c) =>
      dispute(c.id, EMPLOYERS[c.who].id, `IN-${c.who}-2026-07`, { submitted_on: c.submitted, disputed_amount: c.amount }),
    ),
    dispute_events: CASES.flatMap((c) =>
      c.events.map(([id, day, status, resolved]) => disputeEvent(id, c.id, { at: at(day), status, resolved_amount: resolved ?? null })),
    ),
  });
  await w.build(AS_OF, { select: ["+marts.kpi_monthly"] });
}, 180_000);
afterAll(() => w?.close());

/** The lifecycle, worked out here: the first deciding event by at, then event_id; age in days; the service level. */
function lifecycle(c: Case) {
  const events = [...c.events].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
  const decision = events.find((e) => DECIDING.includes(e[2]));
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  const escalated = events.some((e) => ["escalated_legal", "committee"].includes(e[2]) && (!decision || e[1] <= decision[1]));
  const age = days(c.submitted, decision?.[1] ?? AS_OF);
  return {
    ...c,
    closed: decision?.[1] ?? null,
    outcome: decision?.[2] ?? null,
    resolved: decision?.[3] ?? null,
    age,
    breached: age > (escalated ? 60 : 30),
  };
}

const ratio = (n: Decimal.Value, d: Decimal.Value) => (new Decimal(d).isZero() ? null : new Decimal(n).div(d).toFixed(6));
function median(xs: number[]): string | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return (s.length % 2 ? new Decimal(s[m]!) : new Decimal(s[m - 1]!).plus(s[m]!).div(2)).toFixed(6);
}

function expected(period: string, members: Who[]): Record<string, string | null> {
  const snapshot =
    period === AS_OF.slice(0, 7) ? AS_OF : new Date(Date.UTC(+period.slice(0, 4), +period.slice(5, 7), 0)).toISOString().slice(0, 10);
  const all = CASES.filter((c) => members.includes(c.who)).map(lifecycle);
  const submitted = all.filter((o) => o.submitted.startsWith(period));
  // each employer has one invoice issued a month, from July to November
  const invoices = members.length * (period >= "2026-07" && period <= "2026-11" ? 1 : 0);
  const decided = all.filter((o) => o.closed?.startsWith(period));
  const favoured = decided.filter((o) => o.outcome === "accepted" || o.outcome === "partially_accepted");
  const open = all.filter((o) => o.submitted <= snapshot && (o.closed === null || o.closed > snapshot));
  const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0));
  return {
    objections_per_1000_invoices: ratio(submitted.length * 1000, invoices),
    objection_days_to_decision: median(decided.filter((o) => o.age >= 0).map((o) => o.age)),
    objection_sla_breach_rate: ratio(decided.filter((o) => o.breached).length, decided.length),
    objections_favoured_share: ratio(favoured.length, decided.length),
    objections_favoured_amount_share: ratio(sum(favoured.map((o) => o.resolved ?? "0")), sum(decided.map((o) => o.amount))),
    objection_backlog: new Decimal(open.length).toFixed(6),
    objection_backlog_amount: sum(open.map((o) => o.amount)).toFixed(6),
  };
}

test("every objection KPI of every month, overall and by region and sector, equals the independent computation", async () => {
  const rows = await w.rows<{ period: string; kpi: string; dimension: string; dimension_value: string; value: string | null }>(
    `SELECT period, kpi, dimension, dimension_value, CAST(value AS VARCHAR) AS value FROM marts.kpi_monthly
     WHERE kpi LIKE 'objection%' AND dimension IN ('all', 'region', 'sector') ORDER BY ALL`,
  );
  const periods = [...new Set(rows.map((r) => r.period))];
  expect(periods).toContain("2026-08");
  expect(periods.at(-1)).toBe("2026-11");
  const groups: [string, string, Who[]][] = [
    ["all", "all", ["A", "B"]],
    ...(Object.keys(EMPLOYERS) as Who[]).flatMap((k): [string, string, Who[]][] => [
      ["region", EMPLOYERS[k].region, [k]],
      ["sector", EMPLOYERS[k].sector, [k]],
    ]),
  ];
  const want = periods.flatMap((period) =>
    groups.flatMap(([dimension, value, members]) =>
      Object.entries(expected(period, members)).map(([kpi, v]) => ({ period, kpi, dimension, dimension_value: value, value: v })),
    ),
  );
  const key = (r: { period: string; kpi: string; dimension: string; dimension_value: string }) =>
    `${r.period}|${r.kpi}|${r.dimension}|${r.dimension_value}`;
  expect(Object.fromEntries(rows.map((r) => [key(r), r.value]))).toEqual(Object.fromEntries(want.map((r) => [key(r), r.value])));
  // the arithmetic of one month, written out: in October A3 (54 days, escalated: within 60), B2 (35 days: breached) and
  // B5 (11 days) were decided: median 35, 1 of 3 breached, 2 of 3 in the employer's favour, 100 + 250 of 400 + 250 + 350
  const october = Object.fromEntries(rows.filter((r) => r.period === "2026-10" && r.dimension === "all").map((r) => [r.kpi, r.value]));
  expect(october).toMatchObject({
    objection_days_to_decision: "35.000000",
    objection_sla_breach_rate: "0.333333",
    objections_favoured_share: "0.666667",
    objections_favoured_amount_share: "0.350000",
    // open at 31 Oct: A4 (submitted 5 Oct); B4 comes in November
    objection_backlog: "1.000000",
    objection_backlog_amount: "650.000000",
  });
});

test("two deciding events in the same second: the first by event_id decides, in staging as in the lifecycle", async () => {
  expect(
    await w.rows("SELECT decision, CAST(decided_on AS VARCHAR) AS decided_on FROM staging.stg_disputes WHERE dispute_id = 'B5'"),
  ).toEqual([{ decision: "rejected", decided_on: "2026-10-12" }]);
  expect(await w.rows("SELECT outcome, resolved_amount FROM marts.dispute_lifecycle WHERE dispute_id = 'B5'")).toEqual([
    { outcome: "rejected", resolved_amount: null },
  ]);
});

test("the Data health page counts each case of bad objection input, a zero included", async () => {
  const wh = await openWarehouse(w.db);
  try {
    expect(await objectionIssues(wh.connection)).toEqual([
      // B5's events arrived B5-3 before B5-2: both out of place, and they share a second
      { issue: "events_out_of_order", objections: 1, events: 2 },
      { issue: "same_second_events", objections: 1, events: 2 },
      { issue: "decided_before_submission", objections: 1, events: 1 },
      { issue: "no_events", objections: 1, events: 0 },
      // A1's under_review five days after it was accepted; B5's accepted in the same second as the decision
      { issue: "events_after_decision", objections: 2, events: 2 },
    ]);
  } finally {
    wh.close();
  }
});

test("the report's objections section: its sentences are computed from the month's numbers, in both languages", async () => {
  const wh = await openWarehouse(w.db);
  try {
    const tile = objectionTile(await readKpis(wh.connection), "2026-10");
    const rows = await objectionsByCategory(wh.connection, "2026-10");
    // open at 30 Sep: A3 and B2 (B3's decision is dated before its submission); at 31 Oct: A4 only
    expect(tile).toEqual({
      period: "2026-10",
      open: 1,
      open_amount: "650.000000",
      previous_open: 2,
      previous_amount: "650.000000",
      sla_breach_rate: "0.333333",
    });
    const text = (lang: "ar" | "en") =>
      objectionsPage(tile, rows, lang, "latn")
        .replace(/<[^>]+>/g, "\n")
        .replace(/\u00a0/g, " ")
        .split("\n")
        .filter((l) => l.length > 40);
    expect(text("en").slice(0, 3)).toEqual([
      "At the end of October 2026, 1 objection was open, contesting SAR 650.00, 1 fewer than a month before.",
      "Of the 3 objections decided in October 2026, 33.3% were decided past their service level.",
      // A3 conceded 100 of its 400, B2 all its 250; all three are wage mismatches here
      "SAR 350.00 was conceded to employers on objections decided in October 2026, most of it on Wage mismatch (SAR 350.00).",
    ]);
    const ar = text("ar").join("\n");
    expect(ar).toContain("بانخفاض 1 عن الشهر السابق");
    expect(ar).toContain("عدد الاعتراضات التي بُتّ فيها في أكتوبر 2026: 3");
  } finally {
    wh.close();
  }
});
