// The ledger at scale (issue 4): a synthetic book of N employers × M months written straight into the
// raw tables, then (each in its own process, for its own peak memory) the full build of the models,
// one as-of ageing, and the plain TypeScript oracle on the same data. Also the same build at a tenth
// of the employers, for linearity. `bench()` is what `npm run bench` calls (100,000 × 24); run alone
// with `npx tsx bench/ledger.ts [employers] [months] [work folder]`, or call benchLedger() with small numbers.
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
import type { Section } from "./report.ts";

export const AS_OF = "2026-11-23";
const LAST_PERIOD_START = "2026-10-01";

/** Deterministic pseudo-random integer in [0, n) from a row key: reruns give the same book. */
const pick = (key: string, n: number) => `CAST(hash(${key}) % ${n} AS BIGINT)`;

/** A book shaped like the generator's, in SQL: sizes skewed small, payers punctual to defaulting, fees, re-issues, reversals. */
export function synthesisSql(employers: number, months: number): string[] {
  const month = (m: string) => `CAST(DATE '${LAST_PERIOD_START}' - INTERVAL (${months - 1} - ${m}) MONTH AS DATE)`;
  return [
    `CREATE TEMP TABLE e AS SELECT i, lpad(CAST(100000000 + i AS VARCHAR), 9, '0') AS employer_id,
       1 + ${pick("i", 19)} AS size, ${pick("i + 7", 100)} AS payer FROM range(${employers}) AS t(i)`,
    `INSERT INTO raw.employers BY NAME SELECT employer_id, CASE WHEN ${pick("i + 1", 50)} = 0 THEN 'optional_subscriber' ELSE 'establishment' END AS account_type,
       'شركة' AS name_ar, (['private','private','private','government','non_profit','foreign_branch'])[1 + ${pick("i + 2", 6)}] AS legal_form,
       chr(65 + CAST(${pick("i + 3", 21)} AS INTEGER)) AS sector,
       (['RIYADH','RIYADH','MAKKAH','EASTERN','MADINAH','QASSIM','ASIR','TABUK'])[1 + ${pick("i + 4", 8)}] AS region,
       DATE '2015-01-01' AS registered_on, CASE WHEN ${pick("i + 5", 20)} = 0 THEN 'closed' ELSE 'active' END AS status,
       0 AS _load_id, 0 AS _line, 0 AS _row_hash, TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from FROM e`,
    `CREATE TEMP TABLE c AS SELECT e.employer_id, e.i * 20 + j AS k FROM e, range(e.size) AS t(j)`,
    `INSERT INTO raw.contributors BY NAME SELECT CAST(1000000000 + k AS VARCHAR) AS contributor_id, 'عامل' AS name_ar,
       CASE WHEN ${pick("k", 10)} < 3 THEN 'SA' ELSE 'IN' END AS nationality, DATE '1990-01-01' AS birth_date, 'M' AS gender,
       CASE WHEN ${pick("k + 1", 10)} = 0 THEN DATE '2025-01-01' ELSE DATE '2015-01-01' END AS first_registered_on,
       0 AS _load_id, 0 AS _line, 0 AS _row_hash, TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from FROM c`,
    `INSERT INTO raw.engagements BY NAME SELECT 'EN' || k AS engagement_id, CAST(1000000000 + k AS VARCHAR) AS contributor_id, employer_id, 'mandatory' AS scheme,
       CASE WHEN ${pick("k + 2", 5)} = 0 THEN CAST(${month(pick("k + 3", months))} + CAST(${pick("k + 4", 28)} AS INTEGER) AS DATE) ELSE DATE '2020-01-01' END AS joined_on,
       CASE WHEN ${pick("k + 5", 8)} = 0 THEN CAST(${month(pick("k + 6", months))} + CAST(${pick("k + 7", 28)} AS INTEGER) AS DATE) END AS left_on,
       0 AS _load_id, 0 AS _line, 0 AS _row_hash, TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from FROM c`,
    `INSERT INTO raw.wages BY NAME SELECT strftime(${month("m")}, '%Y-%m') AS period, employer_id, CAST(1000000000 + k AS VARCHAR) AS contributor_id,
       CAST(1500 + ${pick("k", 120)} * 100 AS DECIMAL(18,2)) AS basic_wage, CAST(${pick("k + 9", 30)} * 50 AS DECIMAL(18,2)) AS housing_allowance,
       CAST(${month("m")} + INTERVAL 20 DAY AS TIMESTAMPTZ) AS declared_at, 'portal' AS declared_by, 0 AS _load_id, 0 AS _line, 0 AS _row_hash
     FROM c, range(${months}) AS t(m) WHERE ${pick("k * 31 + m", 33)} <> 0`,
    `CREATE TEMP TABLE inv AS SELECT w.employer_id, w.period, CAST(sum(w.basic_wage + w.housing_allowance) * 0.2 AS DECIMAL(18,2)) AS total,
       CAST(CAST(w.period || '-01' AS DATE) + INTERVAL 1 MONTH AS DATE) AS issued_on FROM raw.wages AS w GROUP BY w.employer_id, w.period`,
    `INSERT INTO raw.invoices BY NAME SELECT 'IN-' || employer_id || '-' || period AS invoice_id, employer_id, 'contribution' AS invoice_type, period, issued_on,
       CAST(issued_on + 14 AS DATE) AS due_on, total AS annuities_amount, 0 AS hazards_amount, 0 AS unemployment_amount, 0 AS fee_amount, total AS total_amount,
       'auto' AS posting, 'SYSTEM' AS posted_by, NULL AS replaces_invoice_id, 0 AS _load_id, 0 AS _line, 0 AS _row_hash FROM inv WHERE issued_on <= DATE '${AS_OF}'
     UNION ALL SELECT 'IN-' || employer_id || '-' || period || '-R', employer_id, 'contribution', period, CAST(issued_on + 4 AS DATE), CAST(issued_on + 14 AS DATE),
       CAST(total * 1.01 AS DECIMAL(18,2)), 0, 0, 0, CAST(total * 1.01 AS DECIMAL(18,2)), 'manual', 'ST001', 'IN-' || employer_id || '-' || period, 0, 0, 0
     FROM inv WHERE issued_on + 4 <= DATE '${AS_OF}' AND ${pick("employer_id || period", 100)} = 0
     UNION ALL SELECT 'FE-' || e.employer_id || '-' || inv.period, e.employer_id, 'late_fee', inv.period, CAST(inv.issued_on + INTERVAL 1 MONTH AS DATE),
       CAST(inv.issued_on + INTERVAL 1 MONTH + INTERVAL 14 DAY AS DATE), 0, 0, 0, CAST(inv.total * 0.02 AS DECIMAL(18,2)), CAST(inv.total * 0.02 AS DECIMAL(18,2)),
       'auto', 'SYSTEM', NULL, 0, 0, 0
     FROM inv JOIN e ON e.employer_id = inv.employer_id WHERE e.payer >= 70 AND inv.issued_on + INTERVAL 1 MONTH <= DATE '${AS_OF}'`,
    // payers 0–69 pay before the due date, 70–89 late, 90–99 half or nothing; fees paid late by half of those who owe them
    `INSERT INTO raw.payments BY NAME SELECT 'PY-' || i.invoice_id AS payment_id, i.employer_id,
       CASE WHEN e.payer >= 90 THEN CAST(i.total_amount * 0.5 AS DECIMAL(18,2)) ELSE i.total_amount END AS amount,
       CAST(i.issued_on + CAST(CASE WHEN e.payer < 70 THEN 9 WHEN e.payer < 90 THEN 40 ELSE 60 END AS INTEGER) AS TIMESTAMP) + INTERVAL 10 HOUR AS paid_at,
       'sadad' AS channel, 'RJHI' AS bank_code, i.invoice_id, 'SADAD' AS posted_by, 0 AS _load_id, 0 AS _line, 0 AS _row_hash
     FROM raw.invoices AS i JOIN e ON e.employer_id = i.employer_id
     WHERE i.replaces_invoice_id IS NULL AND (i.invoice_type = 'contribution' OR ${pick("i.invoice_id", 2)} = 0) AND NOT (e.payer >= 95 AND i.invoice_type = 'contribution')`,
    `DELETE FROM raw.payments WHERE paid_at > TIMESTAMPTZ '${AS_OF} 23:59:59+03'`,
    `INSERT INTO raw.payments BY NAME SELECT 'RV-' || payment_id AS payment_id, employer_id, amount, paid_at + INTERVAL 5 DAY AS paid_at, 'cheque' AS channel,
       bank_code, NULL AS invoice_id, payment_id AS reverses_payment_id, 'ST002' AS posted_by, 0 AS _load_id, 0 AS _line, 0 AS _row_hash
     FROM raw.payments WHERE ${pick("payment_id", 100)} = 0 AND paid_at + INTERVAL 5 DAY <= TIMESTAMPTZ '${AS_OF} 23:59:59+03'`,
    `INSERT INTO raw.invoice_adjustments BY NAME SELECT 'AD-' || invoice_id AS adjustment_id, invoice_id, CAST(-total_amount * 0.05 AS DECIMAL(18,2)) AS amount,
       'wage_correction' AS reason_code, 'ST003' AS created_by, CAST(issued_on + 10 AS TIMESTAMPTZ) AS created_at, 'ST004' AS approved_by,
       CAST(issued_on + 12 AS TIMESTAMPTZ) AS approved_at, 0 AS _load_id, 0 AS _line, 0 AS _row_hash, TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from
     FROM raw.invoices WHERE ${pick("invoice_id || 'a'", 100)} = 0 AND issued_on + 12 <= DATE '${AS_OF}'`,
    `INSERT INTO raw.disputes BY NAME SELECT 'DS-' || invoice_id AS dispute_id, employer_id, invoice_id, 'wage_mismatch' AS category, total_amount AS disputed_amount,
       CAST(issued_on + 20 AS DATE) AS submitted_on, true AS documents_complete, 0 AS _load_id, 0 AS _line, 0 AS _row_hash, TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from
     FROM raw.invoices WHERE ${pick("invoice_id || 'd'", 300)} = 0 AND total_amount > 0 AND issued_on + 20 <= DATE '${AS_OF}'`,
    `INSERT INTO raw.dispute_events BY NAME SELECT 'EV-' || dispute_id AS event_id, dispute_id, CAST(submitted_on + 45 AS TIMESTAMPTZ) AS "at", 'rejected' AS status,
       'committee' AS actor, 0 AS _load_id, 0 AS _line, 0 AS _row_hash FROM raw.disputes WHERE ${pick("dispute_id", 2)} = 0`,
    `INSERT INTO raw.instalment_plans BY NAME SELECT 'PL-' || employer_id AS plan_id, employer_id, DATE '2026-03-01' AS agreed_on, 10000 AS total_amount,
       12 AS instalments, DATE '2026-04-01' AS first_due_on, 'active' AS status, 0 AS _load_id, 0 AS _line, 0 AS _row_hash,
       TIMESTAMPTZ '2026-01-01 00:00:00+03' AS _valid_from FROM e WHERE payer >= 90 AND ${pick("i", 5)} = 0`,
  ];
}

export interface PhaseFigures {
  seconds: number;
  peakMiB: number;
  [k: string]: unknown;
}

/** One phase in this process; prints its figures (run by the parent as a child process). */
async function child(task: string, db: string, employers: number, months: number, sample: number, memoryLimit: string): Promise<PhaseFigures> {
  const started = performance.now();
  const rules = loadRules();
  let detail: Record<string, unknown> = {};
  if (task === "synthesize") {
    rmSync(db, { force: true });
    rmSync(db + ".wal", { force: true });
    const w = await openWarehouse(db, { memoryLimit });
    await ensureWarehouseSchema(w.connection);
    for (const sql of synthesisSql(employers, months)) await w.connection.run(sql);
    const [n] = await queryRows<{ wages: number; invoices: number; payments: number }>(w.connection,
      "SELECT (SELECT count(*) FROM raw.wages) AS wages, (SELECT count(*) FROM raw.invoices) AS invoices, (SELECT count(*) FROM raw.payments) AS payments");
    w.close();
    detail = { ...n };
  } else if (task === "build") {
    const w = await openWarehouse(db, { memoryLimit });
    // a full build: forget what an earlier (or interrupted) build left
    await w.connection.run("DELETE FROM audit.model_state").catch(() => undefined);
    const summary = await buildModels(w, { modelsDir: "models", asOf: AS_OF, params: ruleParams(rules), runId: `bench-${Date.now()}` }, { logger: silentLogger, now: () => new Date() });
    w.close();
    if (summary.status !== "success")
      throw new Error(`build ${summary.status}: ${summary.models.filter((m) => m.error).map((m) => `${m.model}: ${m.error}`).join("; ")}`);
    const slowest = [...summary.models].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5).map((m) => `${m.model} ${(m.durationMs / 1000).toFixed(1)} s`);
    detail = { models: summary.models.length, phasesMs: summary.timingsMs, slowest };
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
    detail = { employers: chosen.length, sample, rows, loadSeconds: (loaded - started) / 1000, computeSeconds, extrapolatedSeconds: computeSeconds * sample };
  } else throw new Error(`unknown task ${task}`);
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  return { seconds: (performance.now() - started) / 1000, cpuSeconds, peakMiB: usage.maxRSS / 1024, ...detail };
}

/** The date-free part of the allocation: invoice positions and employer totals as intervals of days. */
const INTERVALS = ["core.ledger_employers", "core.ledger_invoice_states", "core.ledger_employer_steps"];
/** What one as-of date computes from those intervals. */
const ONE_DATE_CHAIN = ["core.ledger_accounts", "core.ledger_item_amounts", "core.ledger_items", "core.ledger_payments", "marts.employer_balance", "core.ledger_arrears", "marts.arrears_ageing"];
/** What the oracle computes, from the raw tables up: staging of the ledger's inputs, the dates, the allocation chain, the three marts. */
const ORACLE_CHAIN = ["staging.stg_invoices", "staging.stg_payments", "staging.stg_adjustments", "staging.stg_disputes",
  "core.ledger_employers", "core.ledger_dates", ...INTERVALS.filter((id) => id !== "core.ledger_employers"), ...ONE_DATE_CHAIN, "marts.suspension_candidates"];

/** Rebuilds the models in order on this connection, each committed; seconds taken, and each model's (`perModel`). */
async function rebuild(connection: DuckDBConnection, rules: ReturnType<typeof loadRules>, ids: string[], perModel: Record<string, number> = {}): Promise<number> {
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

/** DuckDB's memory_limit in every phase (TAHSEEL_BENCH_MEMORY to change it): the machine is shared, and the figure is part of the result. */
export const MEMORY_LIMIT = process.env.TAHSEEL_BENCH_MEMORY ?? "10GB";

function runPhase(task: string, db: string, employers: number, months: number, sample = 1): PhaseFigures {
  const result = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "child", task, db, String(employers), String(months), String(sample), MEMORY_LIMIT], {
    cwd: join(import.meta.dirname, ".."), encoding: "utf8", maxBuffer: 1 << 24,
  });
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
  small?: { employers: number; build: PhaseFigures; ledger: PhaseFigures; perEmployerRatio: number; ledgerPerEmployerRatio: number };
}

/** Measures one scale (and, with `linearity`, a tenth of it too). Oracle on every `sample`-th employer. */
export function benchLedger(options: { work: string; employers: number; months: number; sample?: number; linearity?: boolean }): LedgerBenchResult {
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
    employers, months, data, build, ledger, ageing, oracle, load,
    oracleOverModels: oracleSeconds / build.seconds, oracleOverLedger: oracleSeconds / (ledger.ledgerSeconds as number),
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
      employers: small, build: smallBuild, ledger: smallLedger, perEmployerRatio: perEmployer(build.seconds, smallBuild.seconds),
      ledgerPerEmployerRatio: perEmployer(ledger.ledgerSeconds as number, smallLedger.ledgerSeconds as number),
    };
  }
  return result;
}

/** `npm run bench`: 100,000 employers × 24 months, and 10,000 for linearity. */
export async function bench(o: { work: string }): Promise<Section> {
  const r = benchLedger({ work: o.work, employers: 100_000, months: 24, linearity: true });
  const s = (f: PhaseFigures) => `${f.seconds.toFixed(1)} s, peak ${f.peakMiB.toFixed(0)} MiB`;
  const ageingSeconds = r.ageing.ageingSeconds as number;
  const small = r.small!;
  const oracleSeconds = r.oracle.extrapolatedSeconds as number;
  // judged like for like: the oracle computes allocation, balance, ageing and suspension for every reporting
  // date, not expected contributions, invoice checks or KPIs, so its ratio is taken against the models that do the same
  const pass = r.oracleOverLedger >= 20 && ageingSeconds < 10 && small.perEmployerRatio <= 1.2;
  return {
    name: "ledger",
    title: `Ledger: ${r.employers.toLocaleString("en")} employers × ${r.months} months (${Number(r.data.wages).toLocaleString("en")} wage rows), models vs the TypeScript oracle`,
    rows: [
      ["synthetic book written to raw", s(r.data)],
      ["DuckDB memory_limit", MEMORY_LIMIT],
      ["(a) full build of all the models, with their tests", s(r.build)],
      ["slowest models (build, tests included)", (r.build.slowest as string[]).join("; ")],
      [`(b) the models that compute what the oracle computes (${r.ledger.models} models, raw → suspension, no tests)`, `${(r.ledger.ledgerSeconds as number).toFixed(1)} s, peak ${r.ledger.peakMiB.toFixed(0)} MiB`],
      ["one as-of ageing (accounts, allocation, balance, ageing for the as-of date, from the built intervals)", `${ageingSeconds.toFixed(1)} s`],
      ["one as-of ageing with the date-free intervals rebuilt too", `${(r.ageing.withIntervalsSeconds as number).toFixed(1)} s`],
      ["oracle (every month-end + as-of date; loading not counted)", `${oracleSeconds.toFixed(1)} s${r.oracle.sample === 1 ? "" : ` (1 employer in ${r.oracle.sample} timed, ×${r.oracle.sample})`}, loading ${(r.oracle.loadSeconds as number).toFixed(0)} s, peak ${r.oracle.peakMiB.toFixed(0)} MiB`],
      ["oracle ÷ (b), the target's ratio", `${r.oracleOverLedger.toFixed(1)}×`],
      ["oracle ÷ (a)", `${r.oracleOverModels.toFixed(1)}×`],
      [`(a) full build at ${small.employers.toLocaleString("en")} employers`, s(small.build)],
      [`(b) at ${small.employers.toLocaleString("en")} employers`, `${(small.ledger.ledgerSeconds as number).toFixed(1)} s`],
      ["time per employer, large ÷ small (1 = linear): (a), (b)", `${small.perEmployerRatio.toFixed(2)}, ${small.ledgerPerEmployerRatio.toFixed(2)}`],
    ],
    target: "models ≥ 20× faster than the oracle (judged on (b)); one as-of ageing < 10 s; per-employer build time at 10× the employers ≤ 1.2× (linear)",
    pass,
    conditions: `${r.employers.toLocaleString("en")} employers × ${r.months} months and ${small.employers.toLocaleString("en")} × ${r.months}, each phase in its own process, ` +
      `DuckDB memory_limit ${MEMORY_LIMIT}, on a 2-core machine shared with other sessions; load average (1 min) at the start of each phase: ` +
      Object.entries(r.load).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ") + ". " +
      "Reading of the 20× target: the oracle computes allocation, balance, ageing and suspension for every reporting date, so it is judged against (b), " +
      "the models that compute the same from the raw tables; (a) adds expected contributions, invoice checks, coverage gaps, KPIs and every build test, " +
      `which the oracle does not do — its ratio is shown beside it (${r.oracleOverModels >= 20 ? "also" : "not"} ≥ 20×). ` +
      "The one as-of ageing reads the date-free intervals (invoice positions and employer totals by day) the build keeps; the figure with them rebuilt is given too.",
  };
}

if (import.meta.filename === process.argv[1] || pathToFileURL(process.argv[1] ?? "").href === import.meta.url) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === "child") {
    const [task, db, employers, months, sample, memoryLimit] = rest as [string, string, string, string, string, string];
    process.stdout.write(JSON.stringify(await child(task, db, Number(employers), Number(months), Number(sample), memoryLimit ?? MEMORY_LIMIT)) + "\n");
  } else {
    const employers = Number(first ?? 2000);
    const months = Number(rest[0] ?? 12);
    // a work folder of its own: `npm run bench` clears bench/work when it starts
    const work = rest[1] ?? join(import.meta.dirname, "work", "ledger");
    console.log(JSON.stringify(benchLedger({ work, employers, months, linearity: true }), null, 2));
  }
}
