// The ledger at scale (issue 4): a synthetic book of N employers × M months written straight into the
// raw tables (ledger-book.ts), then (each in its own process, for its own peak memory) the full build of
// the models, one as-of ageing, and the plain TypeScript oracle on the same data. Also the same build at
// a tenth of the employers, for linearity. `bench()` is what `npm run bench` calls (100,000 × 24); run
// alone with `npx tsx bench/ledger.ts [employers] [months] [work folder]`, or call benchLedger() with small numbers.
import { spawnSync } from "node:child_process";
import type { DuckDBConnection } from "@duckdb/node-api";
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildModels } from "../pipelines/engine/build.ts";
import { discoverModels } from "../pipelines/engine/discover.ts";
import { ruleParams } from "../pipelines/engine/rule-params.ts";
import { bindParams, resolveParams } from "../pipelines/engine/params.ts";
import { asSubquery } from "../pipelines/engine/test-sql.ts";
import { ensureWarehouseSchema } from "../pipelines/ingest/warehouse-schema.ts";
import { silentLogger } from "../pipelines/lib/context.ts";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { loadLedgers, oracleReports } from "../pipelines/oracle/index.ts";
import { loadRules } from "../pipelines/rules/index.ts";
import { AS_OF, synthesisSql } from "./ledger-book.ts";
import type { Section } from "./report.ts";

export interface PhaseFigures {
  seconds: number;
  peakMiB: number;
  [k: string]: unknown;
}

/** One phase in this process; prints its figures (run by the parent as a child process). */
async function child(
  task: string,
  db: string,
  employers: number,
  months: number,
  sample: number,
  memoryLimit: string,
): Promise<PhaseFigures> {
  const started = performance.now();
  const rules = loadRules();
  let detail: Record<string, unknown> = {};
  if (task === "synthesize") {
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
    const w = await openWarehouse(db, { memoryLimit });
    await ensureWarehouseSchema(w.connection);
    for (const sql of synthesisSql(employers, months)) await w.connection.run(sql);
    const [n] = await queryRows<{ wages: number; invoices: number; payments: number }>(
      w.connection,
      `SELECT (SELECT count(*) FROM raw.wages) AS wages, (SELECT count(*) FROM raw.invoices) AS invoices, (SELECT count(*)
          FROM raw.payments) AS payments`,
    );
    w.close();
    detail = { ...n };
  } else if (task === "build") {
    const w = await openWarehouse(db, { memoryLimit });
    // a full build: forget what an earlier (or interrupted) build left
    await w.connection.run("DELETE FROM audit.model_state").catch(() => undefined);
    const summary = await buildModels(
      w,
      { modelsDir: "models", asOf: AS_OF, params: ruleParams(rules), runId: `bench-${Date.now()}` },
      { logger: silentLogger, now: () => new Date() },
    );
    w.close();
    if (summary.status !== "success")
      throw new Error(
        `build ${summary.status}: ${summary.models
          .filter((m) => m.error)
          .map((m) => `${m.model}: ${m.error}`)
          .join("; ")}`,
      );
    const slowest = [...summary.models]
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, 5)
      .map((m) => `${m.model} ${(m.durationMs / 1000).toFixed(1)} s`);
    // the detectors (issue 17) in the same build: their shared input, every detector and the union
    const isDetector = (id: string) => id.startsWith("detectors.") || id === "marts.anomalies" || id === "core.detector_wages";
    const sum = (pick: (id: string) => boolean) => summary.models.filter((m) => pick(m.model)).reduce((t, m) => t + m.durationMs, 0) / 1000;
    detail = {
      models: summary.models.length,
      phasesMs: summary.timingsMs,
      slowest,
      detectorModels: summary.models.filter((m) => isDetector(m.model)).length,
      detectorsSeconds: sum(isDetector),
      otherModelsSeconds: sum((id) => !isDetector(id)),
    };
  } else if (task === "ageing") {
    // One as-of date: what depends on the date — accounts, allocation, balance and ageing for the as-of date
    // alone — read from the date-free intervals the build keeps; then the same with those intervals rebuilt too.
    // committed, not rolled back: DuckDB reads tables created in an open transaction far more slowly, and
    // this is the last phase that reads the models (the oracle reads the raw tables)
    const w = await openWarehouse(db, { memoryLimit });
    await w.connection.run(`DELETE FROM core.ledger_dates WHERE as_of <> DATE '${AS_OF}'`);
    const ageingSeconds = await rebuild(w.connection, rules, ONE_DATE_CHAIN);
    const intervalsSeconds = await rebuild(w.connection, rules, INTERVALS);
    const withIntervalsSeconds = intervalsSeconds + (await rebuild(w.connection, rules, ONE_DATE_CHAIN));
    const [r] = await queryRows<{ n: number }>(w.connection, "SELECT count(*) AS n FROM marts.arrears_ageing");
    detail = { ageingSeconds, withIntervalsSeconds, employers: r!.n };
    w.close();
  } else if (task === "ledger") {
    // The models that compute what the oracle computes (allocation, balance, ageing, suspension for every
    // reporting date, the per-payment split) from the raw tables, without their tests; committed (the same tables again).
    const w = await openWarehouse(db, { memoryLimit });
    const perModel: Record<string, number> = {};
    const ledgerSeconds = await rebuild(w.connection, rules, ORACLE_CHAIN, perModel);
    w.close();
    detail = { ledgerSeconds, models: ORACLE_CHAIN.length, perModel };
  } else if (task === "oracle") {
    const w = await openWarehouse(db, { memoryLimit });
    const ledgers = [...(await loadLedgers(w.connection)).values()];
    w.close();
    const loaded = performance.now();
    const chosen = ledgers.filter((_, i) => i % sample === 0);
    let rows = 0;
    for (const _ of oracleReports(chosen, AS_OF, rules)) rows++;
    const computeSeconds = (performance.now() - loaded) / 1000;
    detail = {
      employers: chosen.length,
      sample,
      rows,
      loadSeconds: (loaded - started) / 1000,
      computeSeconds,
      extrapolatedSeconds: computeSeconds * sample,
    };
  } else throw new Error(`unknown task ${task}`);
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  return { seconds: (performance.now() - started) / 1000, cpuSeconds, peakMiB: usage.maxRSS / 1024, ...detail };
}

/** The date-free part of the allocation: invoice positions and employer totals as intervals of days. */
const INTERVALS = ["core.ledger_employers", "core.ledger_invoice_states", "core.ledger_employer_steps"];
/** What one as-of date computes from those intervals. */
const ONE_DATE_CHAIN = [
  "core.ledger_accounts",
  "core.ledger_item_amounts",
  "core.ledger_items",
  "core.ledger_payments",
  "marts.employer_balance",
  "core.ledger_arrears",
  "marts.arrears_ageing",
];
/** What the oracle computes, from the raw tables up: staging of the ledger's inputs, the dates, the allocation chain, the three marts. */
const ORACLE_CHAIN = [
  "staging.stg_invoices",
  "staging.stg_payments",
  "staging.stg_adjustments",
  "staging.stg_disputes",
  ...INTERVALS,
  "core.ledger_dates",
  ...ONE_DATE_CHAIN,
  "marts.suspension_candidates",
];

/** Rebuilds the models in order on this connection, each committed; seconds taken, and each model's (`perModel`). */
async function rebuild(
  connection: DuckDBConnection,
  rules: ReturnType<typeof loadRules>,
  ids: string[],
  perModel: Record<string, number> = {},
): Promise<number> {
  const models = new Map(discoverModels("models").map((m) => [m.id, m]));
  const run = { ...ruleParams(rules), as_of: AS_OF };
  const t = performance.now();
  for (const id of ids) {
    const model = models.get(id)!;
    const started = performance.now();
    await bindParams(connection, resolveParams(model, run));
    await connection.run(`CREATE OR REPLACE ${model.header.materialized === "view" ? "VIEW" : "TABLE"} ${id} AS ${asSubquery(model.text)}`);
    perModel[id] = (performance.now() - started) / 1000;
  }
  return (performance.now() - t) / 1000;
}

/**
 * DuckDB's memory_limit in every phase (TAHSEEL_BENCH_MEMORY to change it): the machine is shared, and the figure is part of the result.
 */
export const MEMORY_LIMIT = process.env.TAHSEEL_BENCH_MEMORY ?? "10GB";

function runPhase(task: string, db: string, employers: number, months: number, sample = 1): PhaseFigures {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", import.meta.filename, "child", task, db, String(employers), String(months), String(sample), MEMORY_LIMIT],
    {
      cwd: join(import.meta.dirname, ".."),
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  if (result.status !== 0) throw new Error(`ledger bench ${task} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as PhaseFigures;
}

export interface LedgerBenchResult {
  employers: number;
  months: number;
  data: PhaseFigures;
  build: PhaseFigures;
  /** The models that compute what the oracle computes (see ORACLE_CHAIN), without their tests. */
  ledger: PhaseFigures;
  ageing: PhaseFigures;
  oracle: PhaseFigures;
  /** Oracle seconds (extrapolated from its sample when sampled) ÷ full build seconds. */
  oracleOverModels: number;
  /** Oracle seconds ÷ the seconds of the models that compute what it computes: the like-for-like ratio. */
  oracleOverLedger: number;
  /** Load average (1 min) when each phase started: the machine is shared. */
  load: Record<string, number>;
  small?: {
    employers: number;
    build: PhaseFigures;
    ledger: PhaseFigures;
    perEmployerRatio: number;
    ledgerPerEmployerRatio: number;
  };
}

/** Measures one scale (and, with `linearity`, a tenth of it too). Oracle on every `sample`-th employer. */
export function benchLedger(options: {
  work: string;
  employers: number;
  months: number;
  sample?: number;
  linearity?: boolean;
}): LedgerBenchResult {
  const { work, employers, months } = options;
  mkdirSync(work, { recursive: true });
  const db = join(work, `ledger-${employers}.duckdb`);
  const sample = options.sample ?? Math.max(1, Math.round(employers / 20_000));
  const load: Record<string, number> = {};
  const phase = (task: string, file: string, n: number, sampled = 1) => {
    load[`${task} ${n}`] = loadavg()[0]!;
    return runPhase(task, file, n, months, sampled);
  };
  const data = phase("synthesize", db, employers);
  const build = phase("build", db, employers);
  const ledger = phase("ledger", db, employers);
  const ageing = phase("ageing", db, employers);
  const oracle = phase("oracle", db, employers, sample);
  const oracleSeconds = oracle.extrapolatedSeconds as number;
  const result: LedgerBenchResult = {
    employers,
    months,
    data,
    build,
    ledger,
    ageing,
    oracle,
    load,
    oracleOverModels: oracleSeconds / build.seconds,
    oracleOverLedger: oracleSeconds / (ledger.ledgerSeconds as number),
  };
  rmSync(db, { force: true });
  if (options.linearity) {
    const small = Math.max(1, Math.round(employers / 10));
    const smallDb = join(work, `ledger-${small}.duckdb`);
    phase("synthesize", smallDb, small);
    const smallBuild = phase("build", smallDb, small);
    const smallLedger = phase("ledger", smallDb, small);
    rmSync(smallDb, { force: true });
    const perEmployer = (large: number, little: number) => large / employers / (little / small);
    result.small = {
      employers: small,
      build: smallBuild,
      ledger: smallLedger,
      perEmployerRatio: perEmployer(build.seconds, smallBuild.seconds),
      ledgerPerEmployerRatio: perEmployer(ledger.ledgerSeconds as number, smallLedger.ledgerSeconds as number),
    };
  }
  return result;
}

/** `npm run bench`: 100,000 employers × 24 months, and 10,000 for linearity. */
export async function bench(o: { work: string; employers?: number; months?: number }): Promise<Section> {
  const r = benchLedger({ work: o.work, employers: o.employers ?? 100_000, months: o.months ?? 24, linearity: true });
  const s = (f: PhaseFigures) => `${f.seconds.toFixed(1)} s, peak ${f.peakMiB.toFixed(0)} MiB`;
  const ageingSeconds = r.ageing.ageingSeconds as number;
  const small = r.small!;
  const oracleSeconds = r.oracle.extrapolatedSeconds as number;
  // judged like for like: the oracle computes allocation, balance, ageing and suspension for every reporting
  // date, not expected contributions, invoice checks or KPIs, so its ratio is taken against the models that do the same
  const pass = r.oracleOverLedger >= 20 && ageingSeconds < 10 && small.perEmployerRatio <= 1.2;
  return {
    name: "ledger",
    title:
      `Ledger: ${r.employers.toLocaleString("en")} employers × ${r.months} months (${Number(r.data.wages).toLocaleString("en")} ` +
      `wage rows), models vs the TypeScript oracle`,
    rows: [
      ["synthetic book written to raw", s(r.data)],
      ["DuckDB memory_limit", MEMORY_LIMIT],
      ["(a) full build of all the models, with their tests", s(r.build)],
      ["slowest models (build, tests included)", (r.build.slowest as string[]).join("; ")],
      [
        `(a′) of which all detectors together (${r.build.detectorModels} models, summed model times; target < 60 s), ` +
          "beside the other models",
        `${(r.build.detectorsSeconds as number).toFixed(1)} s vs ${(r.build.otherModelsSeconds as number).toFixed(1)} s; ` +
          `peak of (a) ${r.build.peakMiB.toFixed(0)} MiB`,
      ],
      [
        `(b) the models that compute what the oracle computes (${r.ledger.models} models, raw → suspension, no tests)`,
        `${(r.ledger.ledgerSeconds as number).toFixed(1)} s, peak ${r.ledger.peakMiB.toFixed(0)} MiB`,
      ],
      [
        "one as-of ageing (accounts, allocation, balance, ageing for the as-of date, from the built intervals)",
        `${ageingSeconds.toFixed(1)} s`,
      ],
      ["one as-of ageing with the date-free intervals rebuilt too", `${(r.ageing.withIntervalsSeconds as number).toFixed(1)} s`],
      [
        "oracle (every month-end + as-of date; loading not counted)",
        `${oracleSeconds.toFixed(1)} s${r.oracle.sample === 1 ? "" : ` (1 employer in ${r.oracle.sample} timed, ×${r.oracle.sample})`}, ` +
          `loading ${(r.oracle.loadSeconds as number).toFixed(0)} s, peak ${r.oracle.peakMiB.toFixed(0)} MiB`,
      ],
      ["oracle ÷ (b), the target's ratio", `${r.oracleOverLedger.toFixed(1)}×`],
      ["oracle ÷ (a)", `${r.oracleOverModels.toFixed(1)}×`],
      [`(a) full build at ${small.employers.toLocaleString("en")} employers`, s(small.build)],
      [`(b) at ${small.employers.toLocaleString("en")} employers`, `${(small.ledger.ledgerSeconds as number).toFixed(1)} s`],
      [
        "time per employer, large ÷ small (1 = linear): (a), (b)",
        `${small.perEmployerRatio.toFixed(2)}, ${small.ledgerPerEmployerRatio.toFixed(2)}`,
      ],
    ],
    target:
      "models ≥ 20× faster than the oracle (judged on (b)); one as-of ageing < 10 s; per-employer build time at 10× the employers ≤ " +
      "1.2× (linear)",
    pass,
    conditions:
      `${r.employers.toLocaleString("en")} employers × ${r.months} months and ${small.employers.toLocaleString("en")} × ${r.months}, ` +
      `each phase in its own process, ` +
      `DuckDB memory_limit ${MEMORY_LIMIT}, on a 2-core machine shared with other sessions; load average (1 min) at the start of each ` +
      `phase: ` +
      Object.entries(r.load)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(", ") +
      ". " +
      "Reading of the 20× target: the oracle computes allocation, balance, ageing and suspension for every reporting date, so it is " +
      "judged against (b), " +
      "the models that compute the same from the raw tables; (a) adds expected contributions, invoice checks, coverage gaps, KPIs and " +
      "every build test, " +
      `which the oracle does not do — its ratio is shown beside it (${r.oracleOverModels >= 20 ? "also" : "not"} ≥ 20×). ` +
      "The one as-of ageing reads the date-free intervals (invoice positions and employer totals by day) the build keeps; the figure " +
      "with them rebuilt is given too.",
  };
}

if (import.meta.filename === process.argv[1] || pathToFileURL(process.argv[1] ?? "").href === import.meta.url) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "child") {
    const [task, db, employers, months, sample, memoryLimit] = rest as [string, string, string, string, string, string];
    process.stdout.write(
      `${JSON.stringify(await child(task, db, Number(employers), Number(months), Number(sample), memoryLimit ?? MEMORY_LIMIT))}\n`,
    );
  } else {
    const employers = Number(first ?? 2000);
    const months = Number(rest[0] ?? 12);
    // a work folder of its own: `npm run bench` clears bench/work when it starts
    const work = rest[1] ?? join(import.meta.dirname, "work", "ledger");
    console.log(JSON.stringify(benchLedger({ work, employers, months, linearity: true }), null, 2));
  }
}
