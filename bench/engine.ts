// Engine overhead: 200 trivial models built by the engine, and the same SQL run directly by DuckDB,
// side by side in the same run on the same data; plus the time of a rebuild when nothing changed.
// Called by `npm run bench` (bench/run.ts); run alone with `npx tsx bench/engine.ts`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { silentLogger } from "../pipelines/lib/context.ts";
import { openWarehouse, type Warehouse } from "../pipelines/lib/duckdb.ts";
import { buildModels } from "../pipelines/engine/build.ts";

export interface EngineBenchResult {
  models: number;
  /** Engine, full build of every model, one at a time (like the direct run). */
  engineMs: number;
  /** DuckDB running each model's CREATE OR REPLACE TABLE directly, same order (mean of a run before and after the engine's). */
  directMs: number;
  /** (engineMs − directMs) / models: what the engine adds per model (discovery, checks, transactions, state). */
  overheadPerModelMs: number;
  /** Where the engine's full build spent its time (discover, plan, check, build), ms. */
  enginePhasesMs: Record<string, number>;
  /** Engine, full build with its default two connections side by side. */
  engineParallelMs: number;
  /** Engine, second build with nothing changed: every model skipped as fresh. */
  noChangeRebuildMs: number;
  budget: { overheadPerModelMs: number; noChangeRebuildMs: number };
  pass: boolean;
}

interface BenchModel {
  layer: string;
  name: string;
  sql: string;
}

/** Three layers, each model reading one or two of the layer before: a realistic fan-in, not a 200-deep chain. */
function trivialModels(count: number): BenchModel[] {
  const staging = Math.round(count * 0.5);
  const core = Math.round(count * 0.3);
  const marts = count - staging - core;
  const models: BenchModel[] = [];
  for (let i = 0; i < staging; i++)
    models.push({
      layer: "staging",
      name: `s_${i}`,
      sql: `SELECT invoice_id, employer_id, period, total_amount FROM raw.invoices WHERE _line % ${staging} = ${i}`,
    });
  for (let i = 0; i < core; i++)
    models.push({
      layer: "core",
      name: `c_${i}`,
      sql: `SELECT employer_id, period, sum(total_amount) AS billed FROM (SELECT * FROM staging.s_${i % staging} UNION ALL SELECT *
        FROM staging.s_${(i * 7 + 1) % staging}) GROUP BY employer_id, period`,
    });
  for (let i = 0; i < marts; i++)
    models.push({
      layer: "marts",
      name: `m_${i}`,
      sql: `SELECT employer_id, sum(billed) AS billed FROM core.c_${i % core} GROUP BY employer_id`,
    });
  return models;
}

function writeModels(dir: string, models: readonly BenchModel[]): void {
  for (const m of models) {
    mkdirSync(join(dir, m.layer), { recursive: true });
    writeFileSync(
      join(dir, m.layer, `${m.name}.sql`),
      `/*\ndescription: bench model ${m.name}\ngrain: one row per group\nmaterialized: table\n*/\n${m.sql}\n`,
    );
  }
}

async function direct(warehouse: Warehouse, models: readonly BenchModel[]): Promise<number> {
  const started = performance.now();
  for (const m of models) await warehouse.connection.run(`CREATE OR REPLACE TABLE ${m.layer}.${m.name} AS ${m.sql}`);
  return performance.now() - started;
}

export async function benchEngine(options: { models?: number; invoices?: number } = {}): Promise<EngineBenchResult> {
  const count = options.models ?? 200;
  const dir = mkdtempSync(join(tmpdir(), "tahseel-bench-engine-"));
  const modelsDir = join(dir, "models");
  const models = trivialModels(count);
  writeModels(modelsDir, models);
  const warehouse = await openWarehouse(join(dir, "warehouse.duckdb"));
  const context = { logger: silentLogger, now: () => new Date() };
  let run = 0;
  const build = (concurrency: number) =>
    buildModels(warehouse, { modelsDir, runId: `bench-${++run}`, asOf: "2026-03-01", concurrency }, context);
  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  try {
    await warehouse.connection.run(`
      CREATE SCHEMA raw; CREATE SCHEMA staging; CREATE SCHEMA core; CREATE SCHEMA marts;
      CREATE TABLE raw.invoices AS
        SELECT 'INV-' || i AS invoice_id, lpad(CAST(100000000 + i % 5000 AS VARCHAR), 9, '0') AS employer_id,
               '2026-0' || (1 + i % 3) AS period, CAST((i % 997) * 10.25 AS DECIMAL(18,2)) AS total_amount,
               CAST(1 AS BIGINT) AS _load_id, CAST(i + 2 AS INTEGER) AS _line
        FROM range(${options.invoices ?? 20_000}) t(i)`);
    const directBefore = await direct(warehouse, models);
    let phases: Record<string, number> = {};
    const engineMs = await timed(async () => {
      phases = (await build(1)).timingsMs;
    });
    const directAfter = await direct(warehouse, models);
    const directMs = (directBefore + directAfter) / 2;
    await warehouse.connection.run("DELETE FROM audit.model_state");
    const engineParallelMs = await timed(() => build(2));
    const noChangeRebuildMs = await timed(async () => {
      const summary = await build(2);
      if (summary.models.some((m) => m.status !== "fresh")) throw new Error("bench: the no-change rebuild built something");
    });
    const overheadPerModelMs = (engineMs - directMs) / count;
    const budget = { overheadPerModelMs: 50, noChangeRebuildMs: 2000 };
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      models: count,
      engineMs: round(engineMs),
      directMs: round(directMs),
      overheadPerModelMs: round(overheadPerModelMs),
      enginePhasesMs: phases,
      engineParallelMs: round(engineParallelMs),
      noChangeRebuildMs: round(noChangeRebuildMs),
      budget,
      pass: overheadPerModelMs < budget.overheadPerModelMs && noChangeRebuildMs < budget.noChangeRebuildMs,
    };
  } finally {
    warehouse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(JSON.stringify(await benchEngine(), null, 2));
