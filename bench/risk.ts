// The employer risk score at scale and whether it means something (issue 19). Speed: the ledger bench's synthetic
// book (ledger-book.ts, objections given a lifecycle as in compliance.ts) built once by the engine in its own
// process, up to the risk marts; the risk models' time is read beside the ledger's from the same build, with the
// process's peak memory. Meaning: a world from the real generator (payer types from punctual to defaulter),
// ingested and built, and marts.risk_validation read back — the AUC of the score at each month-end for the
// employers in serious arrears three months later. `npm run bench -- --only risk`; alone:
// `npx tsx bench/risk.ts [employers] [months] [generated employers]`.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildModels } from "../pipelines/engine/build.ts";
import { assertBuilt, type GroupTime, groupTimes, LEDGER, showGroupTime, WALL_SHARE_NOTE } from "./build-times.ts";
import { ruleParams } from "../pipelines/engine/rule-params.ts";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { ingestInbox } from "../pipelines/ingest/index.ts";
import { ensureWarehouseSchema } from "../pipelines/ingest/warehouse-schema.ts";
import { silentLogger } from "../pipelines/lib/context.ts";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { loadRules } from "../pipelines/rules/index.ts";
import { LIFECYCLE } from "./compliance.ts";
import { MEMORY_LIMIT } from "./ledger.ts";
import { AS_OF, synthesisSql } from "./ledger-book.ts";
import type { Section } from "./report.ts";

/** The risk models: what only the score, its movements and its validation need. */
const RISK = /^(core\.risk_\w+|marts\.(employer_risk\w*|risk_\w+))$/;
const TARGETS = ["marts.employer_risk", "marts.employer_risk_movements", "marts.risk_migration", "marts.risk_validation"].map(
  (m) => `+${m}`,
);

type Validation = {
  monthEnds: number;
  auc: number | null;
  aucNotYetSerious: number | null;
  topTierShare: number | null;
  highOrCriticalShare: number | null;
  serious: number;
  pairs: number;
};

interface Figures {
  seconds: number;
  peakMiB: number;
  ledger: GroupTime;
  risk: GroupTime;
  perModel: Record<string, number>;
  rows: number;
  readSeconds: number;
  textMiB: number;
  validation: Validation;
  [k: string]: unknown;
}

/** The validation pooled over the month-ends: AUC and shares weighted by each month-end's pairs. */
const POOLED = `
  SELECT count(DISTINCT as_of) AS "monthEnds",
    sum(auc * serious * (employers - serious)) FILTER (WHERE population = 'all')
      / sum(serious * (employers - serious)) FILTER (WHERE population = 'all' AND auc IS NOT NULL) AS auc,
    sum(auc * serious * (employers - serious)) FILTER (WHERE population = 'not_yet_serious')
      / sum(serious * (employers - serious)) FILTER (WHERE population = 'not_yet_serious' AND auc IS NOT NULL) AS "aucNotYetSerious",
    sum(top_tier_share * serious) FILTER (WHERE population = 'all') / sum(serious) FILTER (WHERE population = 'all') AS "topTierShare",
    sum(high_or_critical_share * serious) FILTER (WHERE population = 'all')
      / sum(serious) FILTER (WHERE population = 'all') AS "highOrCriticalShare",
    CAST(sum(serious) FILTER (WHERE population = 'all') AS INTEGER) AS serious,
    CAST(sum(employers) FILTER (WHERE population = 'all') AS INTEGER) AS pairs
  FROM marts.risk_validation`;

/** Every row of the view with all its text: the drivers JSON and the six reasons. */
const VIEW_READ = `
  SELECT CAST(count(*) AS INTEGER) AS rows,
    CAST(sum(length(drivers::VARCHAR) + length(concat(reason_1_en, reason_1_ar, reason_2_en, reason_2_ar, reason_3_en, reason_3_ar)))
      AS DOUBLE) AS chars
  FROM marts.employer_risk`;

async function build(db: string, asOf: string | undefined, runId: string) {
  const w = await openWarehouse(db, { memoryLimit: MEMORY_LIMIT });
  const started = performance.now();
  const summary = await buildModels(
    w,
    { modelsDir: "models", ...(asOf ? { asOf } : {}), params: ruleParams(loadRules()), runId, select: TARGETS },
    { logger: silentLogger, now: () => new Date() },
  );
  const seconds = (performance.now() - started) / 1000;
  assertBuilt(summary);
  const [validation] = await queryRows<Validation>(w.connection, POOLED);
  // marts.employer_risk is a view over core.risk_scores: its text is written when read, so one full read is the cost moved
  const read = performance.now();
  const [n] = await queryRows<{ rows: number; chars: number }>(w.connection, VIEW_READ);
  const readSeconds = (performance.now() - read) / 1000;
  w.close();
  return { summary, seconds, validation: validation!, rows: n!.rows, readSeconds, textMiB: n!.chars / 2 ** 20 };
}

async function child(db: string, employers: number, months: number): Promise<Figures> {
  rmSync(db, { force: true });
  const w = await openWarehouse(db, { memoryLimit: MEMORY_LIMIT });
  await ensureWarehouseSchema(w.connection);
  for (const sql of synthesisSql(employers, months)) await w.connection.run(sql);
  await w.connection.run(LIFECYCLE);
  w.close();
  const { summary, seconds, validation, rows, readSeconds, textMiB } = await build(db, AS_OF, `bench-risk-${Date.now()}`);
  const time = groupTimes(summary);
  return {
    seconds,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    ledger: time((id) => LEDGER.test(id)),
    risk: time((id) => RISK.test(id)),
    perModel: Object.fromEntries(summary.models.filter((m) => RISK.test(m.model)).map((m) => [m.model, m.durationMs / 1000])),
    rows,
    readSeconds,
    textMiB,
    validation,
  };
}

/** A generated world (the real generator, ingest and build): the score's validation where payers behave as people do. */
async function generatedChild(dir: string, employers: number, months: number): Promise<Validation & { seconds: number }> {
  rmSync(dir, { recursive: true, force: true });
  const context = { logger: silentLogger, now: () => new Date() };
  await generateDeliveries({ out: join(dir, "gen"), employers, months, seed: "risk" }, context);
  const db = join(dir, "generated.duckdb");
  await ingestInbox({ inbox: join(dir, "gen", "inbox"), db }, context);
  const { validation, seconds } = await build(db, undefined, `bench-risk-generated-${Date.now()}`);
  return { ...validation, seconds };
}

function spawn(args: string[]): unknown {
  const result = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, ...args], {
    cwd: join(import.meta.dirname, ".."),
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`risk bench failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!);
}

export function benchRisk(o: { work: string; employers: number; months: number; generated: number }) {
  mkdirSync(o.work, { recursive: true });
  const db = join(o.work, `risk-${o.employers}.duckdb`);
  const load = loadavg()[0]!;
  const book = spawn(["child", db, String(o.employers), String(o.months)]) as Figures;
  rmSync(db, { force: true });
  const generated = spawn(["generated", join(o.work, "generated"), String(o.generated), String(o.months)]) as Validation & {
    seconds: number;
  };
  rmSync(join(o.work, "generated"), { recursive: true, force: true });
  return { book, generated, load };
}

const share = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(0)} %`);
const auc = (x: number | null) => (x === null ? "–" : x.toFixed(3));

export function section(r: ReturnType<typeof benchRisk>, o: { employers: number; months: number; generated: number }): Section {
  const { book, generated: g } = r;
  const scale = 100_000 / o.employers;
  const s = (x: number) => `${x.toFixed(1)} s`;
  return {
    name: "risk",
    title:
      `Employer risk: ${o.employers.toLocaleString("en")} employers × ${o.months} months beside the ledger in one build; ` +
      "validation on a generated world",
    rows: [
      ["scores (employer × date)", book.rows.toLocaleString("en")],
      [
        "the ledger (staging, intervals, allocation, balance, ageing), tests included: share of the build's wall clock; model times summed",
        showGroupTime(book.ledger),
      ],
      [
        "the risk models (findings' status, evidence, score, movements, migration, validation), tests included: the same two",
        showGroupTime(book.risk),
      ],
      [
        "per risk model (each one's own time)",
        Object.entries(book.perModel)
          .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
          .join("; "),
      ],
      [
        "one full read of the marts.employer_risk view after the build (every row's drivers JSON and reasons written; not in the build)",
        `${s(book.readSeconds)}, ${book.textMiB.toFixed(0)} MiB of text`,
      ],
      ["whole build (the risk marts and everything they read)", `${book.seconds.toFixed(1)} s, peak ${book.peakMiB.toFixed(0)} MiB`],
      ...(scale === 1
        ? []
        : ([[`risk models at 100,000 employers, if linear (×${scale.toFixed(0)})`, s(book.risk.seconds * scale)]] as [string, string][])),
      [
        `generated world, ${o.generated.toLocaleString("en")} employers × ${o.months} months: month-ends judged, employer pairs, ` +
          "in serious arrears 3 months later",
        `${g.monthEnds}, ${g.pairs.toLocaleString("en")}, ${g.serious.toLocaleString("en")}`,
      ],
      [
        "AUC of the score for serious arrears 3 months later: all employers; those not yet serious",
        `${auc(g.auc)}; ${auc(g.aucNotYetSerious)}`,
      ],
      [
        "of those in serious arrears 3 months later: in the critical tier; in high or critical",
        `${share(g.topTierShare)}; ${share(g.highOrCriticalShare)}`,
      ],
      [
        "synthetic book (hash-drawn payers): AUC all; not yet serious",
        `${auc(book.validation.auc)}; ${auc(book.validation.aucNotYetSerious)}`,
      ],
    ],
    target: "risk models under 30 s at 100,000 employers × 24 months; peak memory reported; AUC well above 0.5 on generated data",
    pass: book.risk.seconds * scale < 30 && (g.auc ?? 0) >= 0.75,
    conditions:
      `The book: one build by the engine in its own process (DuckDB memory_limit ${MEMORY_LIMIT}) of the risk marts and everything ` +
      `they read (the detectors and findings included), tests included; each model's time is the engine's (build and tests). ` +
      `${WALL_SHARE_NOTE} ` +
      `marts.employer_risk is a view over core.risk_scores: the build stores the scores, points, top three drivers' codes and ` +
      `evidence as numbers, and the drivers JSON and the reasons are written on read (one row of the table times a full read of them); ` +
      `likewise marts.employer_risk_movements over core.risk_movements, and core.risk_findings is a view read by the evidence. ` +
      `The validation pools marts.risk_validation over its month-ends (AUC weighted by each month-end's pairs). 1-minute load average ` +
      `${r.load.toFixed(1)} at the start, on a 2-core machine shared with other sessions.` +
      (scale === 1 ? "" : ` Measured at ${o.employers.toLocaleString("en")} employers; the 100,000 figure is that × ${scale.toFixed(0)}.`),
  };
}

/** `npm run bench`: 100,000 employers × 24 months, and a generated world of 1,000 employers × 24 months. */
export async function bench(o: { work: string; employers: number; months: number }): Promise<Section> {
  const options = { employers: o.employers, months: o.months, generated: 1_000 };
  return section(benchRisk({ work: o.work, ...options }), options);
}

if (import.meta.filename === process.argv[1] || pathToFileURL(process.argv[1] ?? "").href === import.meta.url) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "child") {
    const [db, employers, months] = rest as [string, string, string];
    process.stdout.write(`${JSON.stringify(await child(db, Number(employers), Number(months)))}\n`);
  } else if (first === "generated") {
    const [dir, employers, months] = rest as [string, string, string];
    process.stdout.write(`${JSON.stringify(await generatedChild(dir, Number(employers), Number(months)))}\n`);
  } else {
    const options = { employers: Number(first ?? 10_000), months: Number(rest[0] ?? 24), generated: Number(rest[1] ?? 1_000) };
    const r = benchRisk({ work: join(import.meta.dirname, "work", "risk"), ...options });
    console.log(JSON.stringify(section(r, options), null, 2));
  }
}
