// `tahseel publish`: the warehouse → for each audience, the data files exported fresh, the static
// site built by Observable Framework (offline), the monthly management report (HTML and PDF, Arabic
// and English), a privacy scan of everything built, and a manifest saying what was made.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunContext } from "../lib/context.ts";
import { openWarehouse } from "../lib/duckdb.ts";
import { DataFiles, type WrittenFile } from "./data-files.ts";
import { exportAlerts } from "./export/alerts.ts";
import { exportBilling } from "./export/billing.ts";
import { exportCollections } from "./export/collections.ts";
import { exportCompliance } from "./export/compliance.ts";
import { exportEmployers } from "./export/employers.ts";
import { exportFindings } from "./export/findings.ts";
import { exportHealth } from "./export/health.ts";
import { exportObjections } from "./export/objections.ts";
import { exportOverview } from "./export/overview.ts";
import { exportStaff } from "./export/staff.ts";
import { exportRisk } from "./export/risk.ts";
import { buildSite } from "./framework.ts";
import { loadNeedles, scanTree, type Needles, type PrivacyScan } from "./privacy.ts";
import { reportExtras } from "./report/data.ts";
import { writeReports, type ReportData } from "./report/index.ts";
import { stageSite } from "./stage.ts";
import { hasLedger, readStamp } from "./stamp.ts";
import { LANGS, pagesFor, type Audience, type Digits, type Lang, type SiteInfo, type Stamp } from "./types.ts";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface PublishOptions {
  db: string;
  out: string;
  audiences: readonly Audience[];
  langs?: readonly Lang[];
  digits?: Digits;
  modelsDir?: string;
  /** The run publishing (the runner's); otherwise the last successful run is named. */
  runId?: string;
  /** The report month; by default the last complete month as of the as-of date. */
  period?: string;
  /** Skip the PDF (the HTML report is still written). */
  noPdf?: boolean;
}

export interface PublishedAudience {
  audience: Audience;
  site: string;
  manifest: string;
  reports: string[];
  stamp: Stamp;
  largest_data_file: WrittenFile | undefined;
  privacy: PrivacyScan;
  ms: { export: number; build: number; report: number };
}

interface Staged {
  audience: Audience;
  srcDir: string;
  shardsDir: string;
  stamp: Stamp;
  files: DataFiles;
  shards: DataFiles;
  report: ReportData;
  exportMs: number;
}

export async function publish(o: PublishOptions, context: RunContext): Promise<PublishedAudience[]> {
  const out = resolve(o.out);
  const { staged, needles } = await exportAll(o, out, context);
  const results: PublishedAudience[] = [];
  for (const s of staged) results.push(await buildAudience(o, out, s, needles, context));
  return results;
}

/** Publishes when the warehouse holds a built ledger; a warehouse with nothing billed yet has nothing to show. */
export async function publishIfLedger(o: PublishOptions, context: RunContext): Promise<PublishedAudience[] | null> {
  const warehouse = await openWarehouse(o.db);
  let ready = false;
  try {
    ready = await hasLedger(warehouse.connection);
  } finally {
    warehouse.close();
  }
  if (!ready) {
    context.logger.info("publish: the ledger is empty (no invoice or payment yet); nothing published");
    return null;
  }
  return publish(o, context);
}

/** Stages each audience's site source with its data, without building (for the preview server). */
export async function exportSite(o: PublishOptions, context: RunContext): Promise<{ audience: Audience; srcDir: string }[]> {
  const { staged } = await exportAll(o, resolve(o.out), context);
  // Framework's preview serves the source folder's files, so the shards go there for previewing
  for (const s of staged) if (existsSync(s.shardsDir)) renameSync(s.shardsDir, join(s.srcDir, "shards"));
  return staged.map((s) => ({ audience: s.audience, srcDir: s.srcDir }));
}

/** Every audience's data is exported in one sitting, and the warehouse closed before the builds. */
async function exportAll(o: PublishOptions, out: string, context: RunContext): Promise<{ staged: Staged[]; needles: Needles }> {
  const warehouse = await openWarehouse(o.db);
  try {
    const c = warehouse.connection;
    const needles = await loadNeedles(c);
    const staged: Staged[] = [];
    for (const audience of o.audiences) {
      const started = Date.now();
      const stamp = await readStamp(c, { audience, runId: o.runId, period: o.period, now: context.now() });
      const srcDir = join(out, ".work", audience);
      const info: SiteInfo = { audience, pages: pagesFor(audience), digits: o.digits ?? "latn", stamp };
      stageSite({ sourceDir: join(REPO_ROOT, "dashboards"), srcDir, info, repoRoot: REPO_ROOT });
      const files = new DataFiles(join(srcDir, "data"));
      // Shards stay outside the source folder while Framework builds: it walks every file of its
      // root looking for pages, and with a shard per employer the walk fails at 100,000 employers.
      const shardsDir = join(out, ".work", `${audience}.shards`);
      rmSync(shardsDir, { recursive: true, force: true });
      const shards = new DataFiles(shardsDir);
      const overview = await exportOverview(c, files, stamp, audience);
      await exportCollections(c, files, shards, stamp, audience);
      const billing = await exportBilling(c, files, shards, audience);
      await exportHealth(c, files, shards, {
        stamp,
        audience,
        modelsDir: o.modelsDir ?? join(REPO_ROOT, "models"),
        now: context.now(),
      });
      const search = audience === "audit" ? await exportEmployers(c, files, shards, stamp.as_of) : undefined;
      await exportFindings(c, files, shards, audience);
      await exportObjections(c, files, shards, stamp, audience);
      await exportCompliance(c, files, audience, search);
      if (audience === "audit") await exportStaff(c, files);
      await exportAlerts(c, files, shards, audience);
      const risk = await exportRisk(c, files, audience);
      const exportMs = Date.now() - started;
      context.logger.info(
        `publish ${audience}: exported ${files.written.length} data files and ${shards.written.length} shards in ${exportMs} ms`,
      );
      staged.push({
        audience,
        srcDir,
        shardsDir,
        stamp,
        files,
        shards,
        report: { stamp, overview, billing, risk, ...(await reportExtras(c, stamp)) },
        exportMs,
      });
    }
    return { staged, needles };
  } finally {
    warehouse.close();
  }
}

async function buildAudience(o: PublishOptions, out: string, s: Staged, needles: Needles, context: RunContext): Promise<PublishedAudience> {
  const home = join(out, s.audience);
  const site = join(home, "site");
  const build = await buildSite({ srcDir: s.srcDir, outDir: site, repoRoot: REPO_ROOT, logger: context.logger });
  // Shards are fetched by the pages at run time rather than declared to Framework (there can be one
  // per employer); they go where the pages fetch them from.
  if (existsSync(s.shardsDir)) {
    mkdirSync(join(site, "_file"), { recursive: true });
    renameSync(s.shardsDir, join(site, "_file", "shards"));
  }
  writeFileSync(
    join(site, "index.html"),
    '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=ar/index.html">' +
      '<title>Tahseel</title><a href="ar/index.html">تحصيل</a>\n',
  );
  const reportStarted = Date.now();
  const reportDir = join(home, "report");
  rmSync(reportDir, { recursive: true, force: true });
  const reports = await writeReports(s.report, {
    dir: reportDir,
    audience: s.audience,
    langs: o.langs ?? LANGS,
    digits: o.digits ?? "latn",
    pdf: !o.noPdf,
    logger: context.logger,
  });
  const reportMs = Date.now() - reportStarted;
  // the audit build's shards are per-employer detail by design; scanning them proves nothing more
  const scanned = [site, reportDir].filter(existsSync);
  const privacy = scanTree(scanned, needles, home, s.audience === "audit" ? [join(site, "_file", "shards")] : []);
  const manifest = {
    audience: s.audience,
    aggregates_only: s.audience === "management",
    stamp: s.stamp,
    pages: pagesFor(s.audience).flatMap((p) => (o.langs ?? LANGS).map((l) => `${l}/${p}.html`)),
    data_files: s.files.written,
    shards: {
      files: s.shards.written.length,
      bytes: s.shards.written.reduce((a, f) => a + f.bytes, 0),
      largest: s.shards.largest() ?? null,
    },
    largest_data_file:
      [s.files.largest(), s.shards.largest()].filter((f): f is WrittenFile => !!f).sort((a, b) => b.bytes - a.bytes)[0] ?? null,
    reports: reports.map((r) => r.replace(`${home}/`, "")),
    privacy_scan: {
      ...privacy,
      verdict: privacy.hits === 0 ? "no national id, employer id, registration number or name found" : "identifying detail present",
    },
    ms: { export: s.exportMs, build: build.ms, report: reportMs },
  };
  const manifestPath = join(home, "manifest.json");
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  if (s.audience === "management" && privacy.hits > 0)
    throw new Error(
      `the management build holds identifying detail (${privacy.hits} hit(s), e.g. ${privacy.sample
        .map((h) => `${h.kind} in ${h.file}`)
        .slice(0, 3)
        .join("; ")}); see ${manifestPath}`,
    );
  rmSync(join(s.srcDir, "data"), { recursive: true, force: true });
  context.logger.info(
    `publish ${s.audience}: site ${site} in ${build.ms} ms, ${reports.length} report file(s), ` +
      `privacy scan ${privacy.hits} hit(s) in ${privacy.files} files`,
  );
  return {
    audience: s.audience,
    site,
    manifest: manifestPath,
    reports,
    stamp: s.stamp,
    largest_data_file: manifest.largest_data_file ?? undefined,
    privacy,
    ms: manifest.ms,
  };
}
