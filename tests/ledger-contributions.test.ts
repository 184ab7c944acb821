// Expected contributions (rules.md §1) and the rules as configuration: hand-worked cases with their
// arithmetic, SQL against the TypeScript contribution oracle on random contributor-months, and a rate
// edited in config/rules.json reaching the next build.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { compileRules, daysCovered, expectedContribution, formatSar, loadRules, parseSar } from "../pipelines/rules/index.ts";
import { rawWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { contributor, employer, engagement, invoice, nationalId, wage } from "./helpers/rows.ts";

const E1 = "100000001";
const NEW_SAUDI = nationalId("100000001"); // Saudi, first registered 2025-01-10: new regime
const JOINER = nationalId("200000002"); // non-Saudi, joined 2026-08-18
const LEAVER = nationalId("100000003"); // Saudi, old regime, left 2026-08-10
const RICH = nationalId("100000004"); // Saudi, old regime, wage above the ceiling
const LOW = nationalId("200000005"); // non-Saudi, wage under the hazards floor
const GAP = nationalId("100000006"); // engaged, no wage declared for 2026-08
const STRAY = nationalId("100000007"); // a wage row, no engagement

let w: LedgerWorld;

beforeAll(async () => {
  w = await rawWorld({
    employers: [employer(E1)],
    contributors: [
      contributor(NEW_SAUDI, { first_registered_on: "2025-01-10" }),
      contributor(JOINER),
      contributor(LEAVER),
      contributor(RICH),
      contributor(LOW),
      contributor(GAP),
      contributor(STRAY),
    ],
    engagements: [
      engagement("EN-1", NEW_SAUDI, E1, { joined_on: "2025-01-10" }),
      engagement("EN-2", JOINER, E1, { joined_on: "2026-08-18" }),
      engagement("EN-3", LEAVER, E1, { left_on: "2026-08-10" }),
      engagement("EN-4", RICH, E1),
      engagement("EN-5", LOW, E1),
      engagement("EN-6", GAP, E1),
    ],
    wages: [
      wage("2026-08", E1, NEW_SAUDI, { basic_wage: "8000.00", housing_allowance: "2000.00" }),
      wage("2026-03", E1, NEW_SAUDI, { basic_wage: "8000.00", housing_allowance: "2000.00" }),
      wage("2026-08", E1, JOINER, { basic_wage: "3000.00", housing_allowance: "500.00" }),
      wage("2026-08", E1, LEAVER, { basic_wage: "4000.00", housing_allowance: "1000.00" }),
      wage("2026-08", E1, RICH, { basic_wage: "50000.00", housing_allowance: "10000.00" }),
      wage("2026-08", E1, LOW, { basic_wage: "300.00", housing_allowance: "0.00" }),
      wage("2026-08", E1, STRAY, { basic_wage: "9000.00", housing_allowance: "0.00" }),
    ],
    invoices: [
      invoice("IN-1-202608", E1, {
        period: "2026-08",
        issued_on: "2026-09-01",
        due_on: "2026-09-15",
        annuities_amount: "10390.32",
        hazards_amount: "1171.87",
        unemployment_amount: "849.19",
        total_amount: "12411.38",
      }),
    ],
  });
  await w.build("2026-09-30");
}, 120_000);
afterAll(() => w?.close());

const expected = (contributorId: string, period = "2026-08") =>
  w.rows<{ annuities: string; hazards: string; unemployment: string; total: string; days_covered: number }>(
    `SELECT annuities, hazards, unemployment, total, days_covered FROM core.expected_contributions WHERE contributor_id = '${contributorId}'
        AND period = '${period}'`,
  );

describe("hand-worked contributor-months", () => {
  test("a Saudi on the new regime in 2026", async () => {
    // 2026-08: new-regime annuities are 10% + 10% from 2026-07. Wage 8,000 + 2,000 = 10,000.
    //   annuities 10,000 × 0.20 = 2,000.00; hazards 10,000 × 0.02 = 200.00; SANED 10,000 × 0.015 = 150.00
    expect(await expected(NEW_SAUDI)).toEqual([
      { annuities: "2000.00", hazards: "200.00", unemployment: "150.00", total: "2350.00", days_covered: 31 },
    ]);
    // 2026-03: still the first step, 9.5% + 9.5%: 10,000 × 0.19 = 1,900.00
    expect((await expected(NEW_SAUDI, "2026-03"))[0]!.annuities).toBe("1900.00");
  });

  test("a mid-month joiner and a mid-month leaver", async () => {
    // Joined 2026-08-18: days 18..31 = 14 of 31. Non-Saudi: hazards only.
    //   3,500 × 0.02 × 14 / 31 = 980 / 31 = 31.6129… → 31.61
    expect(await expected(JOINER)).toEqual([
      { annuities: "0.00", hazards: "31.61", unemployment: "0.00", total: "31.61", days_covered: 14 },
    ]);
    // Left 2026-08-10: days 1..10 = 10 of 31. Saudi, old regime, wage 5,000.
    //   annuities 5,000 × 0.18 × 10/31 = 290.3225… → 290.32; hazards 5,000 × 0.02 × 10/31 = 32.258… → 32.26;
    //   SANED 5,000 × 0.015 × 10/31 = 24.193… → 24.19
    expect(await expected(LEAVER)).toEqual([
      { annuities: "290.32", hazards: "32.26", unemployment: "24.19", total: "346.77", days_covered: 10 },
    ]);
  });

  test("a wage above the ceiling, and one under the floor", async () => {
    // 50,000 + 10,000 = 60,000, clamped to 45,000: 8,100.00 + 900.00 + 675.00
    expect(await expected(RICH)).toEqual([
      { annuities: "8100.00", hazards: "900.00", unemployment: "675.00", total: "9675.00", days_covered: 31 },
    ]);
    // 300 is under the hazards floor of 400: 400 × 0.02 = 8.00
    expect((await expected(LOW))[0]!.hazards).toBe("8.00");
  });

  test("the invoice equals the sum; a gap is reported, a wage without engagement is not billed", async () => {
    // 2,350.00 + 31.61 + 346.77 + 9,675.00 + 8.00 = 12,411.38
    expect(
      await w.rows(
        `SELECT billed_amount, expected_amount, difference, expected_annuities, expected_hazards, expected_unemployment, cancelled
            FROM marts.invoice_check`,
      ),
    ).toEqual([
      {
        billed_amount: "12411.38",
        expected_amount: "12411.38",
        difference: "0.00",
        expected_annuities: "10390.32",
        expected_hazards: "1171.87",
        expected_unemployment: "849.19",
        cancelled: false,
      },
    ]);
    expect(await expected(STRAY)).toEqual([]);
    const gaps = await w.rows<{ contributor_id: string; period: string }>(
      "SELECT contributor_id, period FROM marts.coverage_gaps WHERE period = '2026-08'",
    );
    expect(gaps).toEqual([{ contributor_id: GAP, period: "2026-08" }]);
  });
});

describe("rules as configuration", () => {
  test("the rate table and every setting are in the warehouse", async () => {
    const rates = await w.rows("SELECT count(*) AS n FROM staging.rule_rates");
    expect(rates[0]!.n).toBe(loadRules().contributions.rates.length);
    expect(await w.rows("SELECT value FROM staging.rule_settings WHERE param_name = 'arrears_tolerance'")).toEqual([{ value: "10.00" }]);
  });

  test("a rate edited in the configuration reaches the next build, and only what reads it is rebuilt", async () => {
    const rules = loadRules();
    const edited = structuredClone(rules);
    const row = edited.contributions.rates.find(
      (r) => r.cohort === "new_regime" && r.scheme === "mandatory" && r.from_period === "2026-07",
    )!;
    row.employer = "0.12";
    const summary = await w.build("2026-09-30", { rules: edited });
    const status = Object.fromEntries(summary.models.map((m) => [m.model, m.status]));
    expect(status["staging.rule_rates"]).toBe("built");
    expect(status["core.expected_contributions"]).toBe("built");
    expect(status["core.ledger_items"]).toBe("fresh");
    // 10,000 × (0.12 + 0.10) = 2,200.00
    expect((await expected(NEW_SAUDI))[0]!.annuities).toBe("2200.00");
    await w.build("2026-09-30", { rules });
    expect((await expected(NEW_SAUDI))[0]!.annuities).toBe("2000.00");
  });
});

const day = (from: number, span: number) =>
  fc.integer({ min: 0, max: span }).map((n) => new Date(Date.UTC(2021, 0, 1) + (from + n) * 86_400_000).toISOString().slice(0, 10));
const amount = fc
  .oneof(fc.integer({ min: 0, max: 80_000_00 }), fc.constantFrom(0, 399_99, 400_00, 1500_00, 45_000_00, 45_000_01))
  .map(formatSar);
const month = fc
  .record({ y: fc.integer({ min: 2021, max: 2028 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, "0")}`);
const contributorMonth = fc.record({
  saudi: fc.boolean(),
  optional: fc.boolean(),
  registered: day(0, 2900),
  joined: day(0, 2900),
  length: fc.option(fc.integer({ min: 0, max: 400 })),
  period: month,
  basic: amount,
  housing: amount,
});

test("SQL agrees with the TypeScript contribution oracle on random contributor-months", async () => {
  const compiled = compileRules(loadRules());
  await fc.assert(
    fc.asyncProperty(fc.array(contributorMonth, { minLength: 60, maxLength: 120 }), async (cases) => {
      const rows = {
        employers: [employer(E1)],
        contributors: [] as ReturnType<typeof contributor>[],
        engagements: [] as ReturnType<typeof engagement>[],
        wages: [] as ReturnType<typeof wage>[],
      };
      const want = new Map<string, string>();
      cases.forEach((c, i) => {
        const id = nationalId(`${c.saudi ? 1 : 2}${String(i).padStart(8, "0")}`);
        const left = c.length === null ? null : new Date(Date.parse(c.joined) + c.length * 86_400_000).toISOString().slice(0, 10);
        const scheme = c.optional ? "optional" : "mandatory";
        rows.contributors.push(contributor(id, { nationality: c.saudi ? "SA" : "IN", first_registered_on: c.registered }));
        rows.engagements.push(engagement(`EN-${i}`, id, E1, { scheme, joined_on: c.joined, left_on: left }));
        rows.wages.push(wage(c.period, E1, id, { basic_wage: c.basic, housing_allowance: c.housing }));
        const days = daysCovered(c.period, c.joined, left);
        if (days === 0) return;
        const b = expectedContribution(compiled, {
          period: c.period,
          nationality: c.saudi ? "SA" : "IN",
          scheme,
          firstRegisteredOn: c.registered,
          basicWage: parseSar(c.basic),
          housingAllowance: parseSar(c.housing),
          daysCovered: days,
        });
        want.set(id, [b.annuities, b.hazards, b.unemployment].map(formatSar).join(" "));
      });
      const world = await rawWorld(rows);
      try {
        await world.build("2028-12-31", { select: ["+core.expected_contributions"] });
        const got = await world.rows<{ contributor_id: string; a: string }>(
          "SELECT contributor_id, concat_ws(' ', annuities, hazards, unemployment) AS a FROM core.expected_contributions",
        );
        expect(new Map(got.map((r) => [r.contributor_id, r.a]))).toEqual(want);
      } finally {
        world.close();
      }
    }),
    { numRuns: 8 },
  );
}, 120_000);
