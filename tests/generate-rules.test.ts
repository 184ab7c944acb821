// The rules configuration (rules.md as data) and the contribution oracle, plus the CLI's argument checks.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateCommand } from "../pipelines/cli/commands/generate.ts";
import { silentLogger } from "../pipelines/lib/context.ts";
import { UserError } from "../pipelines/lib/errors.ts";
import {
  compileRules,
  daysCovered,
  defaultRules,
  DEFAULT_RULES_FILE,
  divHalfUp,
  expectedContribution,
  formatSar,
  loadRules,
  parseSar,
  tryParseSar,
} from "../pipelines/rules/index.ts";

const root = mkdtempSync(join(tmpdir(), "tahseel-rules-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sar = (n: number) => formatSar(n);
const contribution = (over: Partial<Parameters<typeof expectedContribution>[1]>) => {
  const c = expectedContribution(defaultRules(), {
    period: "2026-10",
    nationality: "SA",
    scheme: "mandatory",
    firstRegisteredOn: "2010-01-01",
    basicWage: parseSar("8000"),
    housingAllowance: parseSar("2000"),
    daysCovered: 31,
    ...over,
  });
  return [sar(c.annuities), sar(c.hazards), sar(c.unemployment)];
};

describe("contribution rules (rules.md §1)", () => {
  it("bills a legacy Saudi 18% annuities, 2% hazards, 1.5% unemployment", () => {
    expect(contribution({})).toEqual(["1800.00", "200.00", "150.00"]);
  });
  it("bills unemployment at 1% a side before 2022-01 (the SANED change)", () => {
    expect(contribution({ period: "2021-12" })[2]).toBe("200.00");
    expect(contribution({ period: "2022-01" })[2]).toBe("150.00");
  });
  it("ramps the new-regime cohort's annuities each July from 2025", () => {
    const cohort = { firstRegisteredOn: "2024-07-03" };
    expect(contribution({ ...cohort, period: "2025-06", daysCovered: 30 })[0]).toBe("1800.00");
    expect(contribution({ ...cohort, period: "2025-07" })[0]).toBe("1900.00");
    expect(contribution({ ...cohort, period: "2026-07" })[0]).toBe("2000.00");
    expect(contribution({ ...cohort, period: "2028-07" })[0]).toBe("2200.00");
    expect(contribution({ firstRegisteredOn: "2024-07-02", period: "2028-07" })[0]).toBe("1800.00");
  });
  it("bills residents hazards only, optional subscribers annuities only", () => {
    expect(contribution({ nationality: "IN" })).toEqual(["0.00", "200.00", "0.00"]);
    expect(contribution({ scheme: "optional" })).toEqual(["1800.00", "0.00", "0.00"]);
    expect(contribution({ scheme: "optional", firstRegisteredOn: "2025-01-01" })).toEqual(["2000.00", "0.00", "0.00"]);
  });
  it("clamps per branch to the floors and the ceiling, then prorates by days and rounds half-up", () => {
    expect(contribution({ basicWage: parseSar("1000"), housingAllowance: 0 })).toEqual(["270.00", "20.00", "22.50"]);
    expect(contribution({ nationality: "EG", basicWage: parseSar("300"), housingAllowance: 0 })).toEqual(["0.00", "8.00", "0.00"]);
    expect(contribution({ basicWage: parseSar("60000"), housingAllowance: parseSar("5000") })).toEqual(["8100.00", "900.00", "675.00"]);
    // 4,000 × 18% × 10 / 31 = 232.2580… → 232.26; 4,000 × 1.5% × 10 / 31 = 19.354… → 19.35
    expect(contribution({ basicWage: parseSar("3200"), housingAllowance: parseSar("800"), daysCovered: 10 })).toEqual([
      "232.26",
      "25.81",
      "19.35",
    ]);
    expect(divHalfUp(5, 2)).toBe(3);
    expect(divHalfUp(-5, 2)).toBe(-3);
  });
  it("counts the days an engagement covers in a month", () => {
    expect(daysCovered("2026-02", "2026-02-10", null)).toBe(19);
    expect(daysCovered("2026-02", "2020-01-01", "2026-02-03")).toBe(3);
    expect(daysCovered("2026-03", "2020-01-01", "2026-02-03")).toBe(0);
  });
  it("parses and formats SAR without floats", () => {
    expect(tryParseSar("1234.5")).toBe(123_450);
    expect(tryParseSar("12,50")).toBeNull();
    expect(formatSar(-5)).toBe("-0.05");
    expect(formatSar(123_456_789_012)).toBe("1234567890.12");
  });
});

describe("rules configuration", () => {
  it("loads config/rules.json with the defaults of rules.md", () => {
    const rules = loadRules(DEFAULT_RULES_FILE);
    expect(rules.billing).toEqual({ due_day: 15, late_fee_rate: "0.02", approval_threshold: "10000.00" });
    expect(rules.arrears.tolerance).toBe("10.00");
    expect(rules.objections).toEqual({ sla_days: 30, escalated_sla_days: 60 });
    expect(compileRules(rules).lateFeePpm).toBe(20_000);
  });
  it("names the file and the field of every problem", () => {
    const json = JSON.parse(readFileSync(DEFAULT_RULES_FILE, "utf8"));
    json.contributions.rates[2].employer = "ten percent";
    json.billing.due_day = 31;
    const file = join(root, "bad-rules.json");
    writeFileSync(file, JSON.stringify(json));
    expect(() => loadRules(file)).toThrow(UserError);
    try {
      loadRules(file);
    } catch (error) {
      expect((error as Error).message).toContain(`${file}: contributions.rates[2].employer:`);
      expect((error as Error).message).toContain(`${file}: billing.due_day:`);
    }
    writeFileSync(file, "{ not json");
    expect(() => loadRules(file)).toThrow(/not valid JSON/);
  });
});

describe("tahseel generate arguments", () => {
  const run = (options: Record<string, string | boolean>) =>
    generateCommand.run(options, [], { logger: silentLogger, now: () => new Date(0) });
  it("rejects bad values with a UserError", async () => {
    await expect(run({})).rejects.toThrow(/--out/);
    await expect(run({ out: join(root, "x"), employers: "many" })).rejects.toThrow(UserError);
    await expect(run({ out: join(root, "x"), end: "2026-13" })).rejects.toThrow(/--end|end/);
    await expect(run({ out: join(root, "x"), employers: "0" })).rejects.toThrow(UserError);
  });
  it("refuses to write over deliveries unless forced", async () => {
    const out = join(root, "twice");
    await run({ out, employers: "3", months: "1" });
    await expect(run({ out, employers: "3", months: "1" })).rejects.toThrow(/--force/);
    await run({ out, employers: "3", months: "1", force: true });
  });
});
