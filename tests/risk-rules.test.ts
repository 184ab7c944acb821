// Bad risk settings in config/rules.json are refused before anything is built, with the field named and what to change.
import { expect, test } from "vitest";
import { loadRules, parseRules, type Rules } from "../pipelines/rules/index.ts";

const FILE = "config/rules.json";
const refused = (change: (risk: Rules["risk"]) => void) => {
  const rules = structuredClone(loadRules()) as Rules;
  change(rules.risk);
  try {
    parseRules(rules, FILE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the settings were accepted");
};

test("the shipped settings are valid and their caps make a 0–100 score", () => {
  const { drivers } = loadRules().risk;
  expect(Object.values(drivers).reduce((s, d) => s + d.max_points, 0)).toBe(100);
});

test("caps that do not add up to 100 are refused, naming each driver's cap", () => {
  const message = refused((r) => {
    r.drivers.findings.max_points = 10;
  });
  expect(message).toContain(`${FILE}: risk.drivers: the drivers' max_points add up to 105, not 100`);
  expect(message).toContain("findings 10");
  expect(message).toContain("change them so that they add up to 100");
});

test("cut-offs out of order, or above 100, are refused with the tier named", () => {
  expect(
    refused((r) => {
      r.tiers = { medium: 50, high: 40, critical: 60 };
    }),
  ).toContain(`${FILE}: risk.tiers: cut-offs must increase: medium (50) < high (40) < critical (60); reorder them`);
  expect(
    refused((r) => {
      r.tiers = { medium: 20, high: 40, critical: 120 };
    }),
  ).toContain(`${FILE}: risk.tiers.critical: is 120, above the score's top of 100; lower it`);
});

test("points above a driver's cap, decreasing severities and wrong types are refused with the field", () => {
  expect(
    refused((r) => {
      r.drivers.arrears_severity.points.critical = 25;
    }),
  ).toContain("risk.drivers.arrears_severity: points.critical (25) is above max_points (20); lower it or raise max_points");
  expect(
    refused((r) => {
      r.drivers.findings.points.high = 1;
    }),
  ).toContain("risk.drivers.findings.points: must not decrease from low to medium to high to critical");
  expect(
    refused((r) => {
      (r.drivers.exposure as Record<string, unknown>).billed_at_least = 1000000;
    }),
  ).toContain('risk.drivers.exposure.billed_at_least: must be a SAR amount in quotes, such as "500000.00"');
  expect(
    refused((r) => {
      (r as Record<string, unknown>).version = undefined;
    }),
  ).toContain("risk.version: must be a version in quotes");
});
