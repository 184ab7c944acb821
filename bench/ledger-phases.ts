// One phase of the ledger bench (bench/ledger.ts), run in a process of its own so that its peak memory is its
// own: writing the synthetic book (ledger-book.ts), the full build, the ledger's models alone, one as-of ageing,
// or the TypeScript oracle. Prints the phase's figures as one JSON line.
// Usage: tsx bench/ledger-phases.ts <task> <db> <employers> <months> <sample> <memoryLimit>
import type { DuckDBConnection } from "@duckdb/node-api";
import { rmSync } from "node:fs";
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
import { isDetector } from "./build-times.ts";
import { AS_OF, synthesisSql } from "./ledger-book.ts";

export interface PhaseFigures {
  seconds: number;
  peakMiB: number;
  [k: string]: unknown;
}

/** One phase in this process: its figures (the parent, bench/ledger.ts, reads them from stdout). */
export async function runLedgerPhase(
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

if (import.meta.filename === process.argv[1] || pathToFileURL(process.argv[1] ?? "").href === import.meta.url) {
  const [task, db, employers, months, sample, memoryLimit] = process.argv.slice(2) as [string, string, string, string, string, string];
  process.stdout.write(
    `${JSON.stringify(await runLedgerPhase(task, db, Number(employers), Number(months), Number(sample), memoryLimit))}\n`,
  );
}
