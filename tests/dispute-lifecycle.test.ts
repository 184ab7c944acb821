// The objection lifecycle (rules.md §6, outputs.md) on hand-worked objections delivered through the real
// ingest, with the day arithmetic written out: escalated on day 29 (the service level becomes 60), decided
// on day 31 without escalation (breached), withdrawn, still open past its service level; the bad input
// each handled by its rule and named; the backlog; the settlement control.
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadRules } from "../pipelines/rules/index.ts";
import { ingestWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { adjustment, dispute, disputeEvent, employer, invoice } from "./helpers/rows.ts";

const EMPLOYER = "100000021";
const AS_OF = "2026-11-20";
const at = (day: string, time = "10:00:00") => `${day}T${time}+03:00`;
const ev = (id: string, disputeId: string, day: string, status: string, over: Record<string, string | null> = {}) =>
  disputeEvent(id, disputeId, { at: at(day), status, ...over });
const objection = (id: string, submitted: string, over: Record<string, string | null> = {}) =>
  dispute(id, EMPLOYER, `IN-${id}`, { submitted_on: submitted, ...over });
const IDS = ["ESC", "LATE", "WD", "OPEN", "PART", "TWICE", "DIFF", "ORDER", "EARLY", "NONE", "AFTER"];
const credit = (id: string, invoiceId: string, amount: string) =>
  adjustment(id, invoiceId, {
    amount,
    reason_code: "dispute_settlement",
    created_at: at("2026-09-25"),
    approved_by: "u300",
    approved_at: at("2026-09-26"),
  });

let w: LedgerWorld;

beforeAll(async () => {
  w = await ingestWorld({
    employers: [employer(EMPLOYER)],
    invoices: IDS.map((id) => invoice(`IN-${id}`, EMPLOYER, { period: "2026-06", issued_on: "2026-07-01", due_on: "2026-07-15" })),
    invoice_adjustments: [
      credit("AD-ESC", "IN-ESC", "-500.00"),
      credit("AD-TWICE-1", "IN-TWICE", "-300.00"),
      credit("AD-TWICE-2", "IN-TWICE", "-300.00"),
      credit("AD-DIFF", "IN-DIFF", "-350.00"),
    ],
    disputes: IDS.map((id) =>
      objection(
        id,
        {
          ESC: "2026-08-01",
          LATE: "2026-08-01",
          WD: "2026-09-01",
          OPEN: "2026-10-01",
          PART: "2026-09-01",
          TWICE: "2026-09-01",
          DIFF: "2026-09-01",
          ORDER: "2026-09-01",
          EARLY: "2026-09-10",
          NONE: "2026-10-15",
          AFTER: "2026-09-01",
        }[id]!,
        id === "OPEN" ? { documents_complete: "false" } : {},
      ),
    ),
    dispute_events: [
      ev("E-ESC-1", "ESC", "2026-08-01", "submitted"),
      ev("E-ESC-2", "ESC", "2026-08-03", "under_review"),
      ev("E-ESC-3", "ESC", "2026-08-30", "escalated_legal"),
      ev("E-ESC-4", "ESC", "2026-09-20", "accepted", { resolved_amount: "500.00" }),
      ev("E-LATE-1", "LATE", "2026-08-01", "submitted"),
      ev("E-LATE-2", "LATE", "2026-08-02", "under_review"),
      ev("E-LATE-3", "LATE", "2026-09-01", "rejected"),
      ev("E-WD-1", "WD", "2026-09-01", "submitted"),
      ev("E-WD-2", "WD", "2026-09-05", "withdrawn"),
      ev("E-OPEN-1", "OPEN", "2026-10-01", "submitted"),
      ev("E-OPEN-2", "OPEN", "2026-10-02", "under_review"),
      ev("E-OPEN-3", "OPEN", "2026-10-10", "info_requested"),
      ev("E-PART-1", "PART", "2026-09-01", "submitted"),
      ev("E-PART-2", "PART", "2026-09-10", "partially_accepted", { resolved_amount: "200.00" }),
      ev("E-TWICE-1", "TWICE", "2026-09-01", "submitted"),
      ev("E-TWICE-2", "TWICE", "2026-09-10", "accepted", { resolved_amount: "300.00" }),
      ev("E-DIFF-1", "DIFF", "2026-09-01", "submitted"),
      ev("E-DIFF-2", "DIFF", "2026-09-10", "accepted", { resolved_amount: "400.00" }),
      // delivered out of order, and two events in the same second
      ev("E-ORDER-3", "ORDER", "2026-09-10", "rejected"),
      ev("E-ORDER-2", "ORDER", "2026-09-01", "under_review"),
      ev("E-ORDER-1", "ORDER", "2026-09-01", "submitted"),
      // the decision is dated five days before the submission
      ev("E-EARLY-1", "EARLY", "2026-09-05", "rejected"),
      // NONE has no event at all
      ev("E-AFTER-1", "AFTER", "2026-09-01", "submitted"),
      ev("E-AFTER-2", "AFTER", "2026-09-10", "rejected"),
      ev("E-AFTER-3", "AFTER", "2026-09-15", "under_review"),
    ],
  });
  await w.build(AS_OF, { select: ["+marts.dispute_backlog", "+marts.dispute_settlement_check"] });
}, 180_000);
afterAll(() => w?.close());

const lifecycle = async (id: string) => {
  const rows = await w.rows(
    `SELECT status, CAST(submitted_on AS VARCHAR) AS submitted_on, CAST(closed_on AS VARCHAR) AS closed_on, age_days, sla_days,
            sla_breached, escalated, outcome, resolved_amount, is_open, data_issues
     FROM marts.dispute_lifecycle WHERE dispute_id = '${id}'`,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
};
const clean = { resolved_amount: null, data_issues: [] };

test("escalated on day 29: the service level becomes 60, and 50 days is within it", async () => {
  // submitted 1 Aug, escalated_legal 30 Aug (day 29), accepted 20 Sep: 31 + 20 − 1 = 50 days ≤ 60
  expect(await lifecycle("ESC")).toEqual({
    status: "accepted",
    submitted_on: "2026-08-01",
    closed_on: "2026-09-20",
    age_days: 50,
    sla_days: 60,
    sla_breached: false,
    escalated: true,
    outcome: "accepted",
    resolved_amount: "500.00",
    is_open: false,
    data_issues: [],
  });
  // days in states: submitted 1→3 Aug (2), under_review 3→30 Aug (27), escalated_legal 30 Aug→20 Sep (21): 2 + 27 + 21 = 50
  const [d] = await w.rows(
    `SELECT days_submitted, days_under_review, days_info_requested, days_escalated_legal, days_committee, events
     FROM marts.dispute_lifecycle WHERE dispute_id = 'ESC'`,
  );
  expect(d).toEqual({
    days_submitted: 2,
    days_under_review: 27,
    days_info_requested: 0,
    days_escalated_legal: 21,
    days_committee: 0,
    events: 4,
  });
});

test("decided on day 31 without escalation: breached", async () => {
  // submitted 1 Aug, rejected 1 Sep: 31 days > 30
  expect(await lifecycle("LATE")).toEqual({
    ...clean,
    status: "rejected",
    submitted_on: "2026-08-01",
    closed_on: "2026-09-01",
    age_days: 31,
    sla_days: 30,
    sla_breached: true,
    escalated: false,
    outcome: "rejected",
    is_open: false,
  });
});

test("withdrawn: closed by the employer, no amount conceded", async () => {
  expect(await lifecycle("WD")).toMatchObject({
    status: "withdrawn",
    outcome: "withdrawn",
    closed_on: "2026-09-05",
    age_days: 4,
    sla_breached: false,
  });
});

test("still open past its service level: aged to the as-of date", async () => {
  // submitted 1 Oct, as of 20 Nov: 30 + 20 = 50 days > 30, still info_requested
  expect(await lifecycle("OPEN")).toEqual({
    ...clean,
    status: "info_requested",
    submitted_on: "2026-10-01",
    closed_on: null,
    age_days: 50,
    sla_days: 30,
    sla_breached: true,
    escalated: false,
    outcome: null,
    is_open: true,
  });
  // submitted 1→2 Oct (1), under_review 2→10 Oct (8), info_requested 10 Oct→20 Nov (41): 50
  const [d] = await w.rows(
    `SELECT days_submitted, days_under_review, days_info_requested, documents_complete, json_array_length(timeline) AS n
     FROM marts.dispute_lifecycle WHERE dispute_id = 'OPEN'`,
  );
  expect(d).toEqual({ days_submitted: 1, days_under_review: 8, days_info_requested: 41, documents_complete: false, n: 3 });
});

test("the service levels are configuration: at 60 days without escalation, 31 and 50 days are within it", async () => {
  const rules = loadRules();
  await w.build(AS_OF, { select: ["marts.dispute_lifecycle"], rules: { ...rules, objections: { ...rules.objections, sla_days: 60 } } });
  expect(await lifecycle("LATE")).toMatchObject({ sla_days: 60, sla_breached: false });
  expect(await lifecycle("OPEN")).toMatchObject({ sla_days: 60, sla_breached: false });
  await w.build(AS_OF, { select: ["marts.dispute_lifecycle"] });
  expect(await lifecycle("LATE")).toMatchObject({ sla_days: 30, sla_breached: true });
});

test("bad input: each case handled by its rule and named, no objection dropped", async () => {
  const [{ n }] = (await w.rows("SELECT count(*) AS n FROM marts.dispute_lifecycle")) as [{ n: number }];
  expect(n).toBe(IDS.length);
  // read by at, then event_id: submitted and under_review share 10:00 on 1 Sep, rejected on 10 Sep
  expect(await lifecycle("ORDER")).toMatchObject({
    status: "rejected",
    closed_on: "2026-09-10",
    age_days: 9,
    data_issues: ["events_out_of_order", "same_second_events"],
  });
  const timeline = await w.rows("SELECT event_id, seq FROM core.dispute_timeline WHERE dispute_id = 'ORDER' ORDER BY seq");
  expect(timeline.map((t) => t.event_id)).toEqual(["E-ORDER-1", "E-ORDER-2", "E-ORDER-3"]);
  const [{ json }] = (await w.rows("SELECT CAST(timeline AS VARCHAR) AS json FROM marts.dispute_lifecycle WHERE dispute_id = 'ESC'")) as [
    { json: string },
  ];
  expect(JSON.parse(json).map((e: { status: string; at: string }) => `${e.at} ${e.status}`)).toEqual([
    "2026-08-01T10:00:00+03:00 submitted",
    "2026-08-03T10:00:00+03:00 under_review",
    "2026-08-30T10:00:00+03:00 escalated_legal",
    "2026-09-20T10:00:00+03:00 accepted",
  ]);
  expect(JSON.parse(json).at(-1).resolved_amount).toBe("500.00");
  // decided 5 Sep, submitted 10 Sep: the decision stands as dated, age 5 − 10 = −5, not breached
  expect(await lifecycle("EARLY")).toMatchObject({
    status: "rejected",
    closed_on: "2026-09-05",
    age_days: -5,
    sla_breached: false,
    data_issues: ["decided_before_submission"],
  });
  // no events: submitted and open since 15 Oct, 16 + 20 = 36 days
  expect(await lifecycle("NONE")).toMatchObject({
    status: "submitted",
    is_open: true,
    age_days: 36,
    sla_breached: true,
    data_issues: ["no_events"],
  });
  // an event after the decision: the status is the latest event's, the decision stands (9 days)
  expect(await lifecycle("AFTER")).toMatchObject({
    status: "under_review",
    outcome: "rejected",
    closed_on: "2026-09-10",
    is_open: false,
    age_days: 9,
    data_issues: ["events_after_decision"],
  });
});

test("the backlog: the open objections by state and age band", async () => {
  // OPEN: info_requested, 50 days; NONE: submitted, 36 days — both in 31-60, both past 30 days
  expect(
    await w.rows("SELECT status, age_band, objections, disputed_amount, sla_breached FROM marts.dispute_backlog ORDER BY status"),
  ).toEqual([
    { status: "info_requested", age_band: "31-60", objections: 1, disputed_amount: "500.00", sla_breached: 1 },
    { status: "submitted", age_band: "31-60", objections: 1, disputed_amount: "500.00", sla_breached: 1 },
  ]);
});

test("the settlement control lists what was conceded and not credited, credited twice, or credited wrongly", async () => {
  // ESC conceded 500, credited 500: no row. PART conceded 200, no credit. TWICE conceded 300, credited 300 twice.
  // DIFF conceded 400, credited 350.
  expect(
    await w.rows(
      "SELECT invoice_id, problem, conceded, settlements, settled, difference FROM marts.dispute_settlement_check ORDER BY invoice_id",
    ),
  ).toEqual([
    { invoice_id: "IN-DIFF", problem: "amount_differs", conceded: "400.00", settlements: 1, settled: "350.00", difference: "-50.00" },
    { invoice_id: "IN-PART", problem: "missing", conceded: "200.00", settlements: 0, settled: "0.00", difference: "-200.00" },
    { invoice_id: "IN-TWICE", problem: "conceded_twice", conceded: "300.00", settlements: 2, settled: "600.00", difference: "300.00" },
  ]);
});
