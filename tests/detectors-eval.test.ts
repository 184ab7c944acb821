// The evaluation of issue 17 (item 4) on the generated sample: the build finds the answer key beside
// the inbox and scores each planted pattern into audit.detector_scores; and no model may read the key.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { discoverModels } from "../pipelines/engine/discover.ts";
import { resolveProject } from "../pipelines/engine/graph.ts";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { loadRules } from "../pipelines/rules/index.ts";
import { parseRules } from "../pipelines/rules/load.ts";
import { ingestWorldFromInbox } from "./detectors-support.ts";
import { useGeneratedSample } from "./helpers/generated.ts";
import { tempDir } from "./helpers/deliveries.ts";

const sample = useGeneratedSample("tahseel-detectors-");

/** Patterns whose planted cases the data cannot all show (docs/decisions.md, Findings 11 and 13), with the floor they hold. */
const KNOWN_LIMITS: Record<string, { precision: number; recall: number }> = {
  // recall judged below on the drops the data shows (decisions, Findings 13)
  firm_wide_drop: { precision: 0.8, recall: 0 },
};

/**
 * Firm-wide drops planted where the month shows a cut: at least two people above the floor (1,500) the month before, or
 * the one above it cut to a value other than the floor or the threshold (a cut to those is under-declaration's).
 */
const VISIBLE_DROPS = `
  SELECT count(*) AS cases,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM marts.anomalies AS f WHERE f.rule = 'firm_wide_drop' AND f.employer_id = k.employer_id)) AS found
  FROM answer_key.planted AS k
  JOIN (SELECT employer_id, period, count(*) AS above, bool_or(wage NOT IN (1500, 4000) AND wage < prev_wage) AS cut_elsewhere
        FROM core.detector_wages WHERE prev_wage > 1500 GROUP BY ALL) AS d USING (employer_id, period)
  WHERE k.pattern = 'firm_wide_drop' AND (d.above >= 2 OR d.cut_elsewhere)`;

async function expectVisibleDrops(w: { rows<T extends Record<string, unknown>>(sql: string): Promise<T[]> }): Promise<void> {
  const [d] = await w.rows<{ cases: number; found: number }>(VISIBLE_DROPS);
  expect(Number(d!.found)).toBeGreaterThanOrEqual(0.9 * Number(d!.cases));
}

type Score = { pattern: string; planted: number; precision: number | null; recall: number | null; thresholds: string };

function expectTargets(scores: Score[]): void {
  expect(scores.length).toBe(20);
  for (const s of scores.filter((s) => s.planted > 0)) {
    const floor = KNOWN_LIMITS[s.pattern] ?? { precision: 0.8, recall: 0.9 };
    expect({ pattern: s.pattern, recallMet: (s.recall ?? 0) >= floor.recall }).toEqual({ pattern: s.pattern, recallMet: true });
    expect({ pattern: s.pattern, precisionMet: (s.precision ?? 0) >= floor.precision }).toEqual({
      pattern: s.pattern,
      precisionMet: true,
    });
  }
}

const SCORES = "SELECT pattern, planted, precision, recall, CAST(thresholds AS VARCHAR) AS thresholds FROM audit.detector_scores";

test("the build scores every planted pattern and meets the targets", async () => {
  const w = await ingestWorldFromInbox(join(sample.out, "inbox"));
  try {
    await w.build("2026-11-22");
    const scores = await w.rows<Score>(SCORES);
    expect(JSON.parse(scores[0]!.thresholds)).toHaveProperty("split_credits.window_days");
    expectTargets(scores);
    await expectVisibleDrops(w);
  } finally {
    w.close();
  }
}, 300_000);

test("no model reads the answer key, and one that tries is refused", async () => {
  const w = await openWarehouse(":memory:");
  try {
    const project = await resolveProject(discoverModels("models"), w.connection);
    for (const m of project.models.values()) expect([...m.upstream, ...m.sources].filter((id) => id.startsWith("answer_key."))).toEqual([]);
    const dir = tempDir("tahseel-peek-");
    mkdirSync(join(dir, "detectors"), { recursive: true });
    writeFileSync(
      join(dir, "detectors", "peek.sql"),
      "/*\ndescription: cheats\ngrain: one row per case\nmaterialized: table\n*/\nSELECT * FROM answer_key.planted\n",
    );
    await expect(resolveProject(discoverModels(dir), w.connection)).rejects.toThrow(/answer key.*may not read it/);
  } finally {
    w.close();
  }
});

test("marts.anomalies reads every detector, and a detector added as a file joins it with no registration", async () => {
  const w = await openWarehouse(":memory:");
  try {
    const project = await resolveProject(discoverModels("models"), w.connection);
    const detectors = [...project.models.keys()].filter((id) => id.startsWith("detectors.")).sort();
    expect(detectors.length).toBeGreaterThanOrEqual(22);
    expect(project.models.get("marts.anomalies")!.upstream).toEqual(detectors);
    const copy = tempDir("tahseel-models-");
    cpSync("models", copy, { recursive: true });
    writeFileSync(
      join(copy, "detectors", "round_payments.sql"),
      "/*\ndescription: round payments\ngrain: one row per payment\nmaterialized: table\n*/\n" +
        "SELECT 'round_payments' AS rule, 1 AS rule_version, 'payment' AS entity, payment_id AS entity_id\n" +
        "FROM raw.payments WHERE amount % 1000 = 0\n",
    );
    const extended = await resolveProject(discoverModels(copy), w.connection);
    expect(extended.models.get("marts.anomalies")!.upstream).toContain("detectors.round_payments");
  } finally {
    w.close();
  }
});

test("a threshold of the wrong type is refused, naming the field and what to write", () => {
  const rules = JSON.parse(JSON.stringify(loadRules())) as { detectors: { split_credits: { window_days: unknown } } };
  rules.detectors.split_credits.window_days = "14";
  expect(() => parseRules(rules, "config/rules.json")).toThrow(/detectors\.split_credits\.window_days: must be a whole number, such as 3/);
});
