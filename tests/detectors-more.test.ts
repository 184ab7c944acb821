// The rest of the detectors on hand-made cases that must fire beside near misses that must not:
// registrations, wage levels across a firm, staff edits in activity_log, postings, statistics.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadRules } from "../pipelines/rules/index.ts";
import { ingestWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { activity, adjustment, contributor, employer, engagement, invoice, nationalId, payment, wage } from "./helpers/rows.ts";

const [DROP, CUT, THIN, FULL, FLOORED, SINGLE] = ["100000003", "100000004", "100000005", "100000006", "100000007", "100000008"];
// NEWCO: registered in April, its first hire a first-time Saudi at 4,000 (founding staff, a near miss)
const NEWCO = "100000009";
const SOLO = "100000010";
const months = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
const person = (n: number, saudi = true) =>
  saudi ? nationalId(`1${String(n).padStart(8, "0")}`) : nationalId(`2${String(n).padStart(8, "0")}`);
const firm = [11, 12, 13].map((n) => person(n, false)) as [string, string, string];
const [cut, nearCut, hire, nearHire, mover, stayer, ghost, changer, leaver] = [21, 22, 23, 24, 25, 26, 27, 28, 29].map((n) =>
  person(n),
) as [string, string, string, string, string, string, string, string, string];
const locals = [31, 32, 33].map((n) => person(n, false)) as [string, string, string];
const saudis = [41, 42].map((n) => person(n)) as [string, string];
const [spike, raised] = [51, 52].map((n) => person(n)) as [string, string];
// FLOORED: two cut down to the floor, one to 60%, one engaged with no wage that month (fire); SINGLE: the one person above
// the floor cut to 60%, the two others at or below the floor (fire); SOLO: a firm of one, cut to 60% (near miss)
const floored = [61, 62, 63, 64, 65].map((n) => person(n, false)) as [string, string, string, string, string];
const single = [71, 72, 73].map((n) => person(n, false)) as [string, string, string];
// gone: leaves FULL in March, the post nearHire fills; founder: NEWCO's first hire; quota: a Saudi cut to exactly 4,000
// in DROP's firm-wide drop (their own under-declaration)
const [gone, founder, quota, alone] = [81, 82, 83, 84].map((n) => person(n)) as [string, string, string, string];

let w: LedgerWorld;
let findings: { rule: string; entity_id: string; employer_id: string | null; contributor_id: string | null }[];
const fired = (rule: string, entityId: string) => findings.some((f) => f.rule === rule && f.entity_id === entityId);
const firedFor = (rule: string, key: "employer_id" | "contributor_id", id: string) =>
  findings.some((f) => f.rule === rule && f[key] === id);

beforeAll(async () => {
  const levels = (i: number, base: number, from: number, to: number) => (i < 3 ? base : i === 3 ? from : to).toFixed(2);
  const wages = months.flatMap((p, i) => [
    // the whole firm cut to 60% from June, same people (fire); CUT's people cut one at a time (near miss)
    ...firm.map((c, k) =>
      wage(p, DROP, c, { basic_wage: (i < 3 ? 5000 + 1000 * k : (5000 + 1000 * k) * 0.6).toFixed(2), housing_allowance: "0.00" }),
    ),
    wage(p, CUT, cut, { basic_wage: levels(i, 8000, 4000, 4000), housing_allowance: "0.00" }), // to the threshold: fires
    wage(p, CUT, nearCut, { basic_wage: i < 5 ? "8000.00" : "4100.00", housing_allowance: "0.00" }), // not a bunching value
    ...locals.map((c) => wage(p, THIN, c)),
    ...(p >= "2026-04" ? [wage(p, THIN, hire, { basic_wage: "4000.00", housing_allowance: "0.00" })] : []),
    ...saudis.map((c) => wage(p, FULL, c)),
    ...(p >= "2026-04" ? [wage(p, FULL, nearHire, { basic_wage: "4000.00", housing_allowance: "0.00" })] : []),
    ...(p === "2026-03" ? [wage(p, FULL, gone)] : []),
    ...(p >= "2026-04" ? [wage(p, NEWCO, founder, { basic_wage: "4000.00", housing_allowance: "0.00" })] : []),
    wage(p, DROP, quota, { basic_wage: i < 3 ? "6000.00" : "4000.00", housing_allowance: "0.00" }),
    wage(p, SOLO, alone, { basic_wage: i < 3 ? "5000.00" : "3000.00", housing_allowance: "0.00" }),
    ...(p <= "2026-04" ? [wage(p, THIN, mover)] : [wage(p, FULL, mover)]),
    ...(p <= "2026-04" ? [wage(p, THIN, stayer)] : [wage(p, FULL, stayer)]),
    wage(p, DROP, ghost),
    wage(p, CUT, ghost),
    ...(p <= "2026-06" ? [wage(p, DROP, changer)] : []),
    ...(p >= "2026-06" ? [wage(p, CUT, changer)] : []),
    ...(p <= "2026-05" ? [wage(p, CUT, leaver)] : []),
    wage(p, FULL, spike, { basic_wage: p === "2026-07" ? "9000.00" : "5000.00", housing_allowance: "0.00" }),
    wage(p, FULL, raised, { basic_wage: p === "2026-07" ? "5250.00" : "5000.00", housing_allowance: "0.00" }),
    ...[1600, 1700, 4000].map((level, k) =>
      wage(p, FLOORED, floored[k]!, { basic_wage: (i < 3 ? level : k < 2 ? 1500 : level * 0.6).toFixed(2), housing_allowance: "0.00" }),
    ),
    ...(i === 3 ? [] : [wage(p, FLOORED, floored[3], { basic_wage: i < 3 ? "2000.00" : "1200.00", housing_allowance: "0.00" })]),
    ...(i <= 3 ? [wage(p, FLOORED, floored[4], { basic_wage: "1500.00", housing_allowance: "0.00" })] : []),
    ...[1500, 1000, 4000].map((level, k) =>
      wage(p, SINGLE, single[k]!, { basic_wage: (i < 3 || k < 2 ? level : level * 0.6).toFixed(2), housing_allowance: "0.00" }),
    ),
  ]);
  const fees = (employerId: string, periods = ["2026-04", "2026-05", "2026-06", "2026-07"]) =>
    periods.map((p) =>
      invoice(`FE-${employerId}-${p}`, employerId, {
        invoice_type: "late_fee",
        period: p,
        issued_on: `${p}-20`,
        due_on: `${p}-28`,
        annuities_amount: "0.00",
        hazards_amount: "0.00",
        unemployment_amount: "0.00",
        fee_amount: "50.00",
        total_amount: "50.00",
      }),
    );
  const waive = (id: string, invoiceId: string, by: string) =>
    adjustment(id, invoiceId, {
      amount: "-50.00",
      reason_code: "fee_waiver",
      created_by: by,
      approved_by: "ST-SUP",
      approved_at: "2026-11-06T10:00:00+03:00",
    });
  w = await ingestWorld({
    employers: [
      ...[DROP, CUT, THIN, FULL, FLOORED, SINGLE].map((id) => employer(id)),
      employer(NEWCO, { registered_on: "2026-04-01" }),
      employer(SOLO),
    ],
    contributors: [
      ...[...firm, ...locals, ...floored, ...single].map((c) => contributor(c)),
      ...[cut, nearCut, mover, stayer, ghost, changer, leaver, spike, raised, ...saudis].map((c) => contributor(c)),
      contributor(hire, { first_registered_on: "2026-04-03" }),
      contributor(nearHire, { first_registered_on: "2026-04-03" }),
      contributor(gone),
      contributor(founder, { first_registered_on: "2026-04-10" }),
      contributor(quota),
      contributor(alone),
    ],
    engagements: [
      ...firm.map((c, k) => engagement(`EN-F${k}`, c, DROP)),
      engagement("EN-CUT", cut, CUT),
      engagement("EN-NEAR", nearCut, CUT),
      ...locals.map((c, k) => engagement(`EN-L${k}`, c, THIN)),
      engagement("EN-HIRE", hire, THIN, { joined_on: "2026-04-03" }),
      ...saudis.map((c, k) => engagement(`EN-S${k}`, c, FULL)),
      engagement("EN-NHIRE", nearHire, FULL, { joined_on: "2026-04-03" }),
      engagement("EN-GONE", gone, FULL, { left_on: "2026-03-20" }),
      engagement("EN-FOUND", founder, NEWCO, { joined_on: "2026-04-10" }),
      engagement("EN-QUOTA", quota, DROP),
      engagement("EN-ALONE", alone, SOLO),
      engagement("EN-M1", mover, THIN, { joined_on: "2026-03-01", left_on: "2026-04-30" }),
      engagement("EN-M2", mover, FULL, { joined_on: "2026-05-10" }),
      engagement("EN-T1", stayer, THIN, { joined_on: "2025-01-01", left_on: "2026-04-30" }),
      engagement("EN-T2", stayer, FULL, { joined_on: "2026-05-10" }),
      engagement("EN-G1", ghost, DROP),
      engagement("EN-G2", ghost, CUT),
      engagement("EN-C1", changer, DROP, { left_on: "2026-06-14" }),
      engagement("EN-C2", changer, CUT, { joined_on: "2026-06-15" }),
      engagement("EN-LV", leaver, CUT),
      engagement("EN-SP", spike, FULL),
      engagement("EN-RA", raised, FULL),
      ...floored.map((c, k) => engagement(`EN-FL${k}`, c, FLOORED, k === 4 ? { left_on: "2026-06-10" } : {})),
      ...single.map((c, k) => engagement(`EN-SG${k}`, c, SINGLE)),
    ],
    invoices: [
      invoice("IN-M", DROP, { posting: "manual", posted_by: "ST5" }),
      invoice("IN-N", CUT, { posting: "manual", posted_by: "ST5" }),
      invoice("IN-B", DROP, { period: "2026-05", issued_on: "2026-06-01", due_on: "2026-06-15" }),
      ...fees(DROP),
      ...fees(CUT),
      ...fees(THIN),
      ...fees(FLOORED, ["2026-04"]),
      ...fees(SINGLE, ["2026-04"]),
    ],
    invoice_adjustments: [
      waive("AD-W1", `FE-${DROP}-2026-04`, "ST9"),
      waive("AD-W2", `FE-${DROP}-2026-05`, "ST9"),
      waive("AD-W3", `FE-${DROP}-2026-06`, "ST9"),
      waive("AD-W4", `FE-${CUT}-2026-04`, "ST9"),
      // an employer's only fee waived by ST9, who waives most of what their employers are charged (fire), and by ST8, who
      // waives a fee here and there (near miss)
      waive("AD-W5", `FE-${FLOORED}-2026-04`, "ST9"),
      waive("AD-W6", `FE-${SINGLE}-2026-04`, "ST8"),
      waive("AD-W7", `FE-${THIN}-2026-04`, "ST8"),
    ],
    wages,
    payments: Array.from({ length: 25 }, (_, k) =>
      payment(`PY-${k}`, THIN, `${900 + k}.00`, { paid_at: `2026-10-${String(k + 1).padStart(2, "0")}T10:00:00+03:00` }),
    ),
    activity_log: [
      activity("AL-1", { entity_id: `2026-05|${DROP}|${firm[0]}`, at: "2026-07-07T10:00:00+03:00" }), // billed 1 June: back-dated
      activity("AL-2", { entity_id: `2026-10|${THIN}|${locals[0]}`, at: "2026-10-20T23:30:00+03:00" }), // Tuesday night: after hours
      activity("AL-3", { entity_id: `2026-10|${THIN}|${locals[1]}`, at: "2026-10-20T10:00:00+03:00" }), // office hours, open month
      activity("AL-4", {
        actor_id: "ST6",
        action: "approve",
        entity: "invoice",
        entity_id: "IN-N",
        field: null,
        old_value: null,
        new_value: null,
      }),
    ],
  });
  const rules = loadRules();
  rules.detectors.benford.min_count_first_digit = 20;
  await w.build("2026-11-20", { rules });
  findings = await w.rows("SELECT rule, entity_id, employer_id, contributor_id FROM marts.anomalies");
}, 120_000);

afterAll(() => w?.close());

describe("wages across a firm", () => {
  test("a whole firm cut the same month is one firm-wide drop; single cuts are not", () => {
    expect(firedFor("firm_wide_drop", "employer_id", DROP)).toBe(true);
    expect(firedFor("firm_wide_drop", "employer_id", CUT)).toBe(false);
    expect(firm.some((c) => firedFor("under_declaration", "contributor_id", c))).toBe(false);
  });
  test("cuts down to the floor count in a firm-wide drop; an engaged person with no wage is no leaver; one leaver is allowed", () => {
    expect(firedFor("firm_wide_drop", "employer_id", FLOORED)).toBe(true);
    expect(floored.some((c) => firedFor("under_declaration", "contributor_id", c))).toBe(false);
  });
  test("a firm whose one person above the floor is cut shows its drop on that person; a firm of one does not", () => {
    expect(firedFor("firm_wide_drop", "employer_id", SINGLE)).toBe(true);
    expect(firedFor("firm_wide_drop", "employer_id", SOLO)).toBe(false);
  });
  test("a Saudi cut to exactly the threshold inside a firm-wide drop is still under-declaration; cuts to the floor there are not", () => {
    expect(fired("under_declaration", `2026-06|${DROP}|${quota}`)).toBe(true);
    expect(firedFor("firm_wide_drop", "employer_id", DROP)).toBe(true);
    expect(floored.some((c) => firedFor("under_declaration", "contributor_id", c))).toBe(false);
  });
  test("a cut to exactly the Saudization threshold is under-declaration; a cut to 4,100 is not", () => {
    expect(firedFor("under_declaration", "contributor_id", cut)).toBe(true);
    expect(firedFor("under_declaration", "contributor_id", nearCut)).toBe(false);
  });
  test("a one-month jump is an outlier against the person's own history; a 5% raise on a flat history is not", () => {
    expect(fired("wage_outlier", `2026-07|${FULL}|${spike}`)).toBe(true);
    expect(firedFor("wage_outlier", "contributor_id", raised)).toBe(false);
  });
});

describe("registrations", () => {
  test("a first-time Saudi at exactly 4,000 in an added post fires; one in a leaver's post, or a new firm's first hire, does not", () => {
    expect(firedFor("fake_saudization", "employer_id", THIN)).toBe(true);
    expect(firedFor("fake_saudization", "employer_id", FULL)).toBe(false);
    expect(firedFor("fake_saudization", "employer_id", NEWCO)).toBe(false);
  });
  test("a short spell then another employer within days is a shuffle; a long one is not", () => {
    expect(fired("sister_company_shuffle", mover)).toBe(true);
    expect(fired("sister_company_shuffle", stayer)).toBe(false);
  });
  test("two employers on the same days is a ghost; a change of job inside a month is not", () => {
    expect(fired("ghost_multi_employer", ghost)).toBe(true);
    expect(fired("ghost_multi_employer", changer)).toBe(false);
  });
  test("an open engagement silent for months is a leaver not deregistered; a declared one is not", () => {
    expect(fired("leaver_not_deregistered", "EN-LV")).toBe(true);
    expect(fired("leaver_not_deregistered", "EN-L0")).toBe(false);
  });
});

describe("staff and postings", () => {
  test("three of four late fees waived by one user fire; one of four does not", () => {
    expect(firedFor("fee_waiver_concentration", "employer_id", DROP)).toBe(true);
    expect(firedFor("fee_waiver_concentration", "employer_id", CUT)).toBe(false);
  });
  test("an employer's only fee waived by a user who waives most of their employers' fees fires; by one who waives a few does not", () => {
    expect(firedFor("fee_waiver_concentration", "employer_id", FLOORED)).toBe(true);
    expect(firedFor("fee_waiver_concentration", "employer_id", SINGLE)).toBe(false);
    expect(firedFor("fee_waiver_concentration", "employer_id", THIN)).toBe(false);
  });
  test("a change to a billed month is back-dated; a night change to an open month is after hours; office hours are neither", () => {
    expect(fired("backdated_wage_change", `2026-05|${DROP}|${firm[0]}`)).toBe(true);
    expect(fired("after_hours_wage_change", `2026-10|${THIN}|${locals[0]}`)).toBe(true);
    expect(findings.some((f) => f.entity_id === `2026-10|${THIN}|${locals[1]}`)).toBe(false);
  });
  test("a manual invoice nobody else approved fires; one approved by another user does not", () => {
    expect(fired("manual_posting_unreviewed", "IN-M")).toBe(true);
    expect(fired("manual_posting_unreviewed", "IN-N")).toBe(false);
  });
  test("an invoice far from its recomputed contributions is a mismatch", () => {
    expect(fired("invoice_mismatch", "IN-M")).toBe(true);
  });
  test("amounts all starting with 9 break Benford for their employer once there are enough of them", () => {
    expect(fired("benford_first_digit", `payments|${THIN}`)).toBe(true);
    expect(findings.some((f) => f.rule === "benford_first_two")).toBe(false); // 25 amounts: below the 3,000 it needs
  });
});

describe("the wage detectors' shared input", () => {
  test("core.detector_wages, the keyed history named again, holds each declared wage once, under its own ids", async () => {
    const [counts] = await w.rows<{ wages: bigint; missing: bigint; extra: bigint }>(`
      WITH declared AS (SELECT period, employer_id, contributor_id, basic_wage, housing_allowance FROM raw.wages),
           named AS (SELECT period, employer_id, contributor_id, basic_wage, housing_allowance FROM core.detector_wages)
      SELECT (SELECT count(*) FROM declared) AS wages,
             (SELECT count(*) FROM (FROM declared EXCEPT ALL FROM named)) AS missing,
             (SELECT count(*) FROM (FROM named EXCEPT ALL FROM declared)) AS extra`);
    expect(Number(counts!.wages)).toBeGreaterThan(100);
    expect([Number(counts!.missing), Number(counts!.extra)]).toEqual([0, 0]);
  });
});
