// The dashboards' speed on a given warehouse: how long the site takes to build, the largest data file
// any page loads (shards included), and the time to the first chart on the overview in headless
// Chromium. `bench({ work, db })` measures `db` (default: work/warehouse.duckdb, generated, ingested
// and built there first when missing — `employers`/`months` say how big).
// Run alone: `tsx bench/dashboards.ts --db FILE [--work DIR]`.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildModels } from "../pipelines/engine/build.ts";
import { ruleParamsFromFile } from "../pipelines/engine/rule-params.ts";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { ingestInbox } from "../pipelines/ingest/index.ts";
import { consoleLogger, type RunContext } from "../pipelines/lib/context.ts";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { launchChromium } from "../pipelines/publish/chromium.ts";
import { publish, REPO_ROOT } from "../pipelines/publish/index.ts";
import { serveStatic } from "../pipelines/publish/static-server.ts";
import type { Section } from "./report.ts";

export const TARGETS = { buildSeconds: 60, largestBytes: 2 * 2 ** 20, firstChartMs: 1500 };

export interface DashboardsBenchOptions {
  work: string;
  db?: string;
  employers?: number;
  months?: number;
  context?: RunContext;
}

export async function bench(o: DashboardsBenchOptions): Promise<Section> {
  const context = o.context ?? { logger: consoleLogger("info"), now: () => new Date() };
  mkdirSync(o.work, { recursive: true });
  const db = o.db ?? join(o.work, "warehouse.duckdb");
  if (!existsSync(db)) await makeWarehouse(db, o, context);
  const employers = await countEmployers(db);
  const started = Date.now();
  const [audit] = await publish({ db, out: join(o.work, "published"), audiences: ["audit"], langs: ["ar", "en"], noPdf: true }, context);
  const totalMs = Date.now() - started;
  const firstChart = await timeToFirstChart(join(o.work, "published", "audit", "site"));
  const largest = audit!.largest_data_file;
  const buildSeconds = audit!.ms.build / 1000;
  return {
    name: "dashboards",
    title: `Dashboards: the audit site of a ${employers.toLocaleString("en")}-employer warehouse`,
    rows: [
      ["data export (JSON files and shards)", `${(audit!.ms.export / 1000).toFixed(1)} s`],
      ["site build (Observable Framework, offline)", `${buildSeconds.toFixed(1)} s`],
      ["publish in all (export, build, privacy scan)", `${(totalMs / 1000).toFixed(1)} s`],
      ["largest data file a page loads", largest ? `${largest.path}: ${(largest.bytes / 1024).toFixed(0)} KiB` : "—"],
      ["time to first chart, overview (median of 5 warm loads, headless Chromium)", `${firstChart.toFixed(0)} ms`],
    ],
    target: `site build < ${TARGETS.buildSeconds} s; largest data file < 2 MiB; first chart < ${TARGETS.firstChartMs} ms`,
    pass: buildSeconds < TARGETS.buildSeconds && (largest?.bytes ?? 0) < TARGETS.largestBytes && firstChart < TARGETS.firstChartMs,
  };
}

async function makeWarehouse(db: string, o: DashboardsBenchOptions, context: RunContext): Promise<void> {
  const gen = join(o.work, "gen");
  await generateDeliveries({ out: gen, employers: o.employers ?? 2000, months: o.months ?? 24, seed: "bench-dashboards", force: true }, context);
  await ingestInbox({ inbox: join(gen, "inbox"), db }, context);
  const warehouse = await openWarehouse(db);
  try {
    await buildModels(warehouse, { modelsDir: join(REPO_ROOT, "models"), params: ruleParamsFromFile(undefined), runId: `bench-${Date.now()}` }, context);
  } finally {
    warehouse.close();
  }
}

async function countEmployers(db: string): Promise<number> {
  const w = await openWarehouse(db);
  try {
    return (await queryRows<{ n: number }>(w.connection, "SELECT count(*)::INTEGER AS n FROM staging.stg_employers"))[0]?.n ?? 0;
  } finally {
    w.close();
  }
}

/** Milliseconds from navigation start to the first chart drawn on the overview: the median of five loads after one to warm up. */
async function timeToFirstChart(site: string): Promise<number> {
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const page = await browser.newPage();
      await page.goto(`${server.url}en/index.html`, { waitUntil: "commit" });
      await page.waitForSelector(".chart svg", { timeout: 30_000 });
      const ms = await page.evaluate(() => performance.now());
      if (i > 0) times.push(ms);
      await page.close();
    }
    return times.sort((a, b) => a - b)[2]!;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { db: { type: "string" }, work: { type: "string", default: join(import.meta.dirname, "work", "dashboards") }, employers: { type: "string" }, months: { type: "string" } } });
  const section = await bench({ work: values.work!, db: values.db, employers: values.employers ? Number(values.employers) : undefined, months: values.months ? Number(values.months) : undefined });
  process.stdout.write(JSON.stringify(section, null, 2) + "\n");
}
