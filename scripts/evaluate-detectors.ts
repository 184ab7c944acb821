// The detectors' precision and recall on deliveries they were not tuned on: for every seed × size ×
// fault rate, generates an inbox, ingests it, builds the findings (marts.anomalies, marts.coverage_gaps
// and what they read) and prints the build's scores (audit.detector_scores) as one table, a column per
// run. One run at a time (DuckDB-heavy); the warehouses stay in --work for a look at the findings.
//   npx tsx scripts/evaluate-detectors.ts [--seeds 3,7,11,23,42] [--employers 150,400] [--rates 1,2.5]
//                                         [--months 24] [--work /tmp/tahseel-eval] [--models DIR] [--rules FILE]
//                                         [--reuse] [--markdown]
// --reuse reads the scores of a warehouse an earlier run left in --work instead of building it again;
// --rebuild builds that warehouse again with the current models (what changed) and scores it, no new delivery.
// --rates are multipliers of the generator's default rates (anomalies.ts DEFAULT_RATES, capped at 1).
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildModels } from "../pipelines/engine/build.ts";
import { ruleParams } from "../pipelines/engine/rule-params.ts";
import { DEFAULT_RATES, PATTERN_NAMES, type Pattern } from "../pipelines/generate/anomalies.ts";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { ingestInbox } from "../pipelines/ingest/index.ts";
import { silentLogger } from "../pipelines/lib/context.ts";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { loadRules } from "../pipelines/rules/index.ts";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "3,7,11,23,42" },
    employers: { type: "string", default: "150,400" },
    rates: { type: "string", default: "1,2.5" },
    months: { type: "string", default: "24" },
    end: { type: "string", default: "2026-10" },
    work: { type: "string", default: "/tmp/tahseel-eval" },
    models: { type: "string", default: "models" },
    rules: { type: "string" },
    reuse: { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    markdown: { type: "boolean", default: false },
  },
});
const list = (s: string) => s.split(",").map((x) => x.trim());
const now = () => new Date("2026-11-22T12:00:00Z");
/** The build's as-of date: the generator delivers up to the 22nd of the month after --end. */
const asOfFor = (end: string) => {
  const [y, m] = end.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-22` : `${y}-${String(m + 1).padStart(2, "0")}-22`;
};

type Score = {
  pattern: string;
  planted: number;
  found: number;
  detected: number;
  precision: number | null;
  recall: number | null;
};

const SCORES = "SELECT pattern, planted, found, detected, precision, recall FROM audit.detector_scores ORDER BY pattern";

async function evaluate(seed: string, employers: number, rate: number): Promise<Score[]> {
  const out = join(values.work!, `s${seed}-e${employers}-r${rate}`);
  const rebuilding = values.rebuild && existsSync(join(out, "warehouse.duckdb"));
  if (values.reuse && existsSync(join(out, "warehouse.duckdb"))) {
    const w = await openWarehouse(join(out, "warehouse.duckdb"));
    try {
      const scores = await queryRows<Score>(w.connection, SCORES).catch(() => []);
      if (scores.length) return scores;
    } finally {
      w.close();
    }
  }
  if (!rebuilding) {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const rates = Object.fromEntries(PATTERN_NAMES.map((p) => [p, Math.min(1, DEFAULT_RATES[p] * (p === "coverage_gap" ? 1 : rate))]));
    await generateDeliveries(
      { out: join(out, "gen"), employers, months: Number(values.months), end: values.end!, seed, rates: rates as Record<Pattern, number> },
      { logger: silentLogger },
    );
  }
  const db = join(out, "warehouse.duckdb");
  if (!rebuilding) await ingestInbox({ inbox: join(out, "gen", "inbox"), db }, { logger: silentLogger, now });
  const w = await openWarehouse(db);
  const runId = `eval-${seed}-${employers}-${rate}-${Date.now()}`;
  try {
    const summary = await buildModels(
      w,
      {
        modelsDir: values.models!,
        select: ["+marts.anomalies", "+marts.coverage_gaps"],
        asOf: asOfFor(values.end!),
        params: ruleParams(loadRules(values.rules)),
        runId,
      },
      { logger: silentLogger, now },
    );
    if (summary.status !== "success")
      throw new Error(`build ${summary.status}: ${summary.models.map((m) => `${m.model} ${m.error ?? m.status}`).join("; ")}`);
    // the scores of this build (a rebuilt warehouse keeps those of its earlier runs too)
    return await queryRows<Score>(w.connection, SCORES.replace("ORDER BY", "WHERE run_id = $runId ORDER BY"), { runId });
  } finally {
    w.close();
  }
}

const runs: { name: string; scores: Map<string, Score> }[] = [];
for (const employers of list(values.employers!).map(Number))
  for (const rate of list(values.rates!).map(Number))
    for (const seed of list(values.seeds!)) {
      const started = performance.now();
      const scores = await evaluate(seed, employers, rate);
      const name = `${employers}×${values.months} s${seed} r×${rate}`;
      runs.push({ name, scores: new Map(scores.map((s) => [s.pattern, s])) });
      process.stderr.write(`${name}: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }

const cell = (s: Score | undefined) => {
  if (!s || Number(s.planted) === 0) return Number(s?.found ?? 0) ? `–/0 · ${s!.found} FP` : "–";
  const p = s.precision === null ? "–" : Number(s.precision).toFixed(2);
  const miss = Number(s.recall) < 0.9 || (s.precision !== null && Number(s.precision) < 0.8) ? " ✗" : "";
  return `${s.detected}/${s.planted} · ${p}${miss}`;
};
const header = ["pattern (detected/planted · precision)", ...runs.map((r) => r.name)];
const rows = PATTERN_NAMES.map((p) => [p, ...runs.map((r) => cell(r.scores.get(p)))]);
const short = PATTERN_NAMES.filter((p) => runs.some((r) => cell(r.scores.get(p)).endsWith("✗")));
if (values.markdown) {
  console.log(`| ${header.join(" | ")} |\n| ${header.map(() => "---").join(" | ")} |`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
}
console.log(`\nbelow target (recall ≥ 0.9 and precision ≥ 0.8) in some run: ${short.join(", ") || "none"}`);
