// Property test: on random small books aimed at the corners of rules.md §5–§6 (tests/fixtures/conformance/
// worlds.ts), marts.compliance_monthly and marts.dispute_lifecycle agree row for row with the spec's
// plain TypeScript reading (pipelines/oracle/compliance-spec.ts, disputes-spec.ts), as of a random day.
import fc from "fast-check";
import { expect, test } from "vitest";
import { loadRules } from "../pipelines/rules/index.ts";
import { conformance } from "./fixtures/conformance/compare.ts";
import { dayText, extractsOf, worldSpec } from "./fixtures/conformance/worlds.ts";
import { rawWorld } from "./fixtures/ledger/support.ts";

test("compliance_monthly and dispute_lifecycle agree with the spec on the corners", async () => {
  const rules = loadRules();
  let compared = { compliance: 0, disputes: 0 };
  await fc.assert(
    fc.asyncProperty(worldSpec, async (spec) => {
      const world = await rawWorld(extractsOf(spec));
      try {
        const asOf = dayText(spec.asOf);
        await world.build(asOf, { select: ["+marts.compliance_monthly", "+marts.dispute_lifecycle"] });
        const result = await conformance(world.db, asOf, rules);
        expect(result.differences.slice(0, 8)).toEqual([]);
        compared = { compliance: compared.compliance + result.rows.compliance, disputes: compared.disputes + result.rows.disputes };
      } finally {
        world.close();
      }
    }),
    { numRuns: 8, seed: 20261207, endOnFailure: true },
  );
  expect(compared.compliance).toBeGreaterThan(20);
  expect(compared.disputes).toBeGreaterThan(5);
}, 300_000);
