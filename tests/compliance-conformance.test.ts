// Conformance on generated deliveries: the real generator (several seeds, sizes, windows, with and
// without --faults), the real ingest into a real DuckDB file, the real build — then marts.compliance_monthly
// and marts.dispute_lifecycle compared row for row, every required column, with the spec's plain
// TypeScript reading (pipelines/oracle/compliance-spec.ts, disputes-spec.ts), as of the default date
// (the latest in the data) and as of days inside the window.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildModels } from "../pipelines/engine/build.ts";
import { ruleParams } from "../pipelines/engine/rule-params.ts";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import type { GenerateOptionsInput } from "../pipelines/generate/options.ts";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { loadRules } from "../pipelines/rules/index.ts";
import { conformance } from "./fixtures/conformance/compare.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { FIXED_NOW, ingest } from "./helpers/warehouse.ts";

const rules = loadRules();

/** Builds both marts (and what they need) as of `asOf`, or the default date; returns the date built as of. */
async function build(db: string, asOf?: string): Promise<string> {
  const w = await openWarehouse(db);
  try {
    const summary = await buildModels(
      w,
      {
        modelsDir: "models",
        select: ["+marts.compliance_monthly", "+marts.dispute_lifecycle"],
        ...(asOf ? { asOf } : {}),
        params: ruleParams(rules),
        runId: `conformance-${asOf ?? "default"}`,
      },
      { logger: memoryLogger(), now: FIXED_NOW },
    );
    const failed = [
      ...summary.models.filter((m) => m.status !== "built" && m.status !== "fresh"),
      ...summary.tests.filter((t) => t.status !== "pass"),
    ];
    expect(failed).toEqual([]);
    return summary.asOf!;
  } finally {
    w.close();
  }
}

const CASES: { name: string; options: Omit<GenerateOptionsInput, "out">; asOfs: string[]; disputes: boolean }[] = [
  // the sample; D the day before a due date, and D a due date
  {
    name: "seed 1, 50 × 12",
    options: { employers: 50, months: 12, end: "2026-10", seed: "1" },
    asOfs: ["2026-06-14", "2026-09-15"],
    disputes: true,
  },
  // bad rows and files in the deliveries; D a month-end
  {
    name: "seed 11, 60 × 6 with faults",
    options: { employers: 60, months: 6, end: "2026-05", seed: "11", faults: true },
    asOfs: ["2026-03-31"],
    disputes: true,
  },
  // many employers, a short window ending in another year
  { name: "seed 23, 150 × 2", options: { employers: 150, months: 2, end: "2025-12", seed: "23" }, asOfs: ["2026-01-10"], disputes: true },
];

for (const c of CASES)
  describe(`generated: ${c.name}`, () => {
    const dir = tempDir("tahseel-conformance-");
    const db = join(dir, "warehouse.duckdb");
    beforeAll(async () => {
      await generateDeliveries({ out: join(dir, "gen"), ...c.options });
      await ingest(join(dir, "gen", "inbox"), db);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test.each([undefined, ...c.asOfs])("as of %s: both marts agree with the spec row for row", async (asOf) => {
      const builtAsOf = await build(db, asOf);
      const result = await conformance(db, builtAsOf, rules);
      expect(result.differences.slice(0, 10)).toEqual([]);
      expect(result.rows.compliance).toBeGreaterThan(0);
      if (c.disputes && asOf === undefined) expect(result.rows.disputes).toBeGreaterThan(0);
    });
  });
