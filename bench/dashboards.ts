// The dashboards' speed at the scale issue 5 names (100,000 employers × 24 months): how long the site
// takes to build, the largest data file any page loads (shards included), and the time to the first
// chart on the overview in headless Chromium. `bench({ work, db })` measures `db`; without it the
// warehouse named by TAHSEEL_BENCH_DASHBOARDS_DB, else work/warehouse.duckdb, generated, ingested and
// built there first when missing (`employers`/`months`, default 100,000 × 24 — that takes a while, so
// prepare it once and point the variable at it).
// Run alone: `tsx bench/dashboards.ts [--db FILE] [--work DIR] [--employers N --months N] [--note TEXT]`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildModels } from "../pipelines/engine/build.ts";
import { ruleParamsFromFile } from "../pipelines/engine/rule-params.ts";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { ingestInbox } from "../pipelines/ingest/index.ts";
import { consoleLogger, type RunContext } from "../pipelines/lib/context.ts";
import { openWarehouse, queryRows } from "../pipelines/lib/duckdb.ts";
import { launchChromium } from "../pipelines/publish/chromium.ts";
import type { WrittenFile } from "../pipelines/publish/data-files.ts";
import { publish, REPO_ROOT } from "../pipelines/publish/index.ts";
import { serveStatic } from "../pipelines/publish/static-server.ts";
import { renderReport, saveSections, type Section } from "./report.ts";

export const TARGETS = { buildSeconds: 60, largestBytes: 2 * 2 ** 20, firstChartMs: 1500 };
/** The warehouse issue 5 measures against. */
export const SCALE = { employers: 100_000, months: 24 };

export interface DashboardsBenchOptions {
  work: string;
  db?: string;
  employers?: number;
  months?: number;
  context?: RunContext;
  /** What else the reader must know about this run (e.g. what else ran on the machine). */
  note?: string;
}

export async function bench(o: DashboardsBenchOptions): Promise<Section> {
  const context = o.context ?? { logger: consoleLogger("info"), now: () => new Date() };
  // TAHSEEL_BENCH_DASHBOARDS_WORK: a folder of its own (run.ts empties bench/work when any bench starts)
  const work = process.env.TAHSEEL_BENCH_DASHBOARDS_WORK ?? o.work;
  mkdirSync(work, { recursive: true });
  const db = o.db ?? process.env.TAHSEEL_BENCH_DASHBOARDS_DB ?? join(work, "warehouse.duckdb");
  if (!existsSync(db)) await makeWarehouse(db, { ...o, work }, context);
  const scale = await measureScale(db);
  const loadBefore = load();
  const started = Date.now();
  const [audit] = await publish({ db, out: join(work, "published"), audiences: ["audit"], langs: ["ar", "en"], noPdf: true }, context);
  const totalMs = Date.now() - started;
  const loadAfterPublish = load();
  const firstChart = await timeToFirstChart(join(work, "published", "audit", "site"));
  const manifest = JSON.parse(readFileSync(audit!.manifest, "utf8")) as Manifest;
  const largest = audit!.largest_data_file;
  const largestPageFile = manifest.data_files.reduce<WrittenFile | undefined>((a, f) => (!a || f.bytes > a.bytes ? f : a), undefined);
  const buildSeconds = audit!.ms.build / 1000;
  const kib = (f: WrittenFile | undefined | null) => (f ? `${f.path}: ${(f.bytes / 1024).toFixed(0)} KiB` : "—");
  return {
    name: "dashboards",
    title: `Dashboards: the audit site of a ${scale.employers.toLocaleString("en")}-employer × ${scale.months}-month warehouse`,
    rows: [
      ["data export (JSON files and shards)", `${(audit!.ms.export / 1000).toFixed(1)} s`],
      ["site build (Observable Framework, offline)", `${buildSeconds.toFixed(1)} s`],
      ["publish in all (export, build, privacy scan)", `${(totalMs / 1000).toFixed(1)} s`],
      ["largest data file a page loads (shards included)", kib(largest)],
      ["largest file a page loads on opening (FileAttachment)", kib(largestPageFile)],
      [
        "shards (fetched when the reader asks)",
        `${manifest.shards.files.toLocaleString("en")} files, ${(manifest.shards.bytes / 2 ** 20).toFixed(0)} MiB`,
      ],
      ["time to first chart, overview (median of 5 warm loads, headless Chromium)", `${firstChart.toFixed(0)} ms`],
    ],
    target: `site build < ${TARGETS.buildSeconds} s; largest data file < 2 MiB; first chart < ${TARGETS.firstChartMs} ms`,
    pass: buildSeconds < TARGETS.buildSeconds && (largest?.bytes ?? 0) < TARGETS.largestBytes && firstChart < TARGETS.firstChartMs,
    conditions: [
      `Warehouse of ${scale.employers.toLocaleString("en")} employers × ${scale.months} months (${scale.wageRows.toLocaleString("en")} ` +
        `wage rows, ${scale.invoices.toLocaleString("en")} invoices),`,
      `made by the generator → ingest → model build${
        scale.employers === SCALE.employers && scale.months === SCALE.months
          ? " at the scale issue 5 names"
          : `, not the issue's ${SCALE.employers.toLocaleString("en")} × ${SCALE.months}`
      }.`,
      `The audit build (the larger: it adds the employer shards), both languages, no PDF. Load average (1 min) ${loadBefore} when ` +
        `publish started, ${loadAfterPublish} when it ended, ${load()} after the Chromium timing, on 2 cores shared with other sessions.`,
      o.note ?? process.env.TAHSEEL_BENCH_NOTE ?? "",
    ]
      .filter(Boolean)
      .join(" "),
  };
}

interface Manifest {
  data_files: WrittenFile[];
  shards: { files: number; bytes: number };
}

const load = () => loadavg()[0]!.toFixed(1);

async function measureScale(db: string): Promise<{ employers: number; months: number; wageRows: number; invoices: number }> {
  const w = await openWarehouse(db);
  try {
    const [row] = await queryRows<{ employers: number; months: number; wage_rows: number; invoices: number }>(
      w.connection,
      `SELECT (SELECT count(*) FROM staging.stg_employers)::INTEGER AS employers, (SELECT count(DISTINCT period)
          FROM marts.kpi_monthly)::INTEGER AS months,
         (SELECT count(*) FROM raw.wages)::BIGINT AS wage_rows, (SELECT count(*) FROM marts.invoice_check)::INTEGER AS invoices`,
    );
    return {
      employers: row!.employers,
      months: row!.months,
      wageRows: Number(row!.wage_rows),
      invoices: row!.invoices,
    };
  } finally {
    w.close();
  }
}

async function makeWarehouse(db: string, o: DashboardsBenchOptions, context: RunContext): Promise<void> {
  const gen = join(o.work, "gen");
  await generateDeliveries(
    {
      out: gen,
      employers: o.employers ?? SCALE.employers,
      months: o.months ?? SCALE.months,
      seed: "bench-dashboards",
      force: true,
    },
    context,
  );
  await ingestInbox({ inbox: join(gen, "inbox"), db }, context);
  const warehouse = await openWarehouse(db);
  try {
    await buildModels(
      warehouse,
      { modelsDir: join(REPO_ROOT, "models"), params: ruleParamsFromFile(undefined), runId: `bench-${Date.now()}` },
      context,
    );
  } finally {
    warehouse.close();
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
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      work: { type: "string", default: join(import.meta.dirname, "work", "dashboards") },
      employers: { type: "string" },
      months: { type: "string" },
      note: { type: "string" },
      save: { type: "boolean", default: false },
    },
  });
  const section = await bench({
    work: values.work!,
    db: values.db,
    employers: values.employers ? Number(values.employers) : undefined,
    months: values.months ? Number(values.months) : undefined,
    note: values.note,
  });
  process.stdout.write(`${JSON.stringify(section, null, 2)}\n`);
  // --save stores the section as `npm run bench -- --only dashboards` does, without run.ts emptying
  // bench/work (which other benches running at the same time use)
  if (values.save) {
    saveSections(join(import.meta.dirname, "results"), [section], new Date(), `tsx bench/dashboards.ts ${process.argv.slice(2).join(" ")}`);
    writeFileSync(join(import.meta.dirname, "report.md"), renderReport(join(import.meta.dirname, "results")));
  }
}
