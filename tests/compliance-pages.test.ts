import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumPath, launchChromium } from "../pipelines/publish/chromium.ts";
import { serveStatic, type StaticSite } from "../pipelines/publish/static-server.ts";
import type { Audience } from "../pipelines/publish/types.ts";
import { expectedChannelKpis, expectedComplianceKpis, heldKpis, median } from "./compliance-support.ts";
import { layoutAtWidths } from "./dashboards-layout.ts";
import { kpisAreCatalogued } from "./dashboards-words.ts";
import { walk } from "./dashboards-files.ts";
import { visit } from "./helpers/browser.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { prepareGeneratedFund, runScheduledJob } from "./helpers/fund-run.ts";
import { query } from "./helpers/warehouse.ts";

const HAVE_CHROMIUM = chromiumPath() !== undefined;
const dir = tempDir("tahseel-compliance-pages-");
const db = join(dir, "warehouse.duckdb");
const published = join(dir, "published");
let browser: Browser;
let asOf = "";
const sites = {} as Record<Audience, StaticSite>;

beforeAll(async () => {
  runScheduledJob(await prepareGeneratedFund({ dir, db, seed: "11" }));
  asOf = (await query<{ d: string }>(db, "SELECT CAST(max(as_of) AS VARCHAR) AS d FROM marts.compliance_monthly"))[0]!.d;
  for (const audience of ["management", "audit"] as const) sites[audience] = await serveStatic(join(published, audience, "site"));
  if (HAVE_CHROMIUM) browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.close();
});

/** Every held value against the independent one (absent there: 0 for an amount, null otherwise). */
function agree(held: Map<string, string | null>, expected: Map<string, string | null>, zero = (_key: string) => false) {
  expect(held.size).toBeGreaterThan(0);
  const differ = [...held].filter(([k, v]) => v !== (expected.get(k) ?? (zero(k) ? "0.000000" : null)));
  expect(differ.slice(0, 5)).toEqual([]);
  return [...held.values()].filter((v) => v !== null).length;
}

test("the compliance rates are marts.compliance_monthly's employer-months counted, by month and every dimension", async () => {
  // the warehouse holds exactly the catalogue's KPIs, each in its catalogued unit
  await kpisAreCatalogued(db);
  const held = await heldKpis(db, "kpi IN ('compliance_rate', 'declared_on_time_rate', 'paid_by_due_rate')");
  const valued = agree(held, await expectedComplianceKpis(db, asOf));
  expect(valued).toBeGreaterThan(100);
  // the month of the as-of date has no obligation judged yet: null, not 0 %
  const [last] = await query<{ v: string | null }>(
    db,
    `SELECT CAST(value AS VARCHAR) AS v FROM marts.kpi_monthly WHERE kpi = 'compliance_rate' AND dimension = 'all'
     ORDER BY period DESC LIMIT 1`,
  );
  expect(last!.v).toBeNull();
});

test("collections by channel, reversal rates and median days from due are staging.stg_payments' own", async () => {
  expect([median([3, 1, 2]), median([4, 1, 2, 3]), median([])]).toEqual([2, 2.5, null]);
  const held = await heldKpis(
    db,
    "regexp_matches(kpi, '^(collected|reversal_rate|days_from_due)_(sadad|bank_transfer|cash|cheque)$') AND dimension IN ('all', 'region')",
  );
  const valued = agree(held, await expectedChannelKpis(db, asOf), (k) => k.split("|")[1]!.startsWith("collected_"));
  expect(valued).toBeGreaterThan(50);
  const [reversed] = await query<{ n: number }>(
    db,
    "SELECT count(*)::INTEGER AS n FROM marts.kpi_monthly WHERE kpi LIKE 'reversal_rate_%' AND dimension = 'all' AND value > 0",
  );
  expect(reversed!.n).toBeGreaterThan(0);
});

test("the management build's compliance data is aggregates only: no employer list, index or calendar", () => {
  const [file] = walk(join(published, "management", "site", "_file", "data")).filter((f) => /\/compliance\.[\w.]*json$/.test(f));
  const data = JSON.parse(readFileSync(file!, "utf8"));
  expect(Object.keys(data).sort()).toEqual(["columns", "kpis", "latest", "rows", "units"]);
  const manifest = JSON.parse(readFileSync(join(published, "management", "manifest.json"), "utf8"));
  expect(manifest.pages).toEqual(expect.arrayContaining(["ar/compliance.html", "en/compliance.html"]));
  expect(manifest.privacy_scan.hits).toBe(0);
});

describe.skipIf(!HAVE_CHROMIUM)("in Chromium", () => {
  test("the Compliance page in both languages and builds: clean, no overflow, the warehouse's rates", { timeout: 300_000 }, async () => {
    const rates = await query<{ period: string; kpi: string; v: string }>(
      db,
      `SELECT period, kpi, CAST(value AS VARCHAR) AS v FROM marts.kpi_monthly
       WHERE dimension = 'all' AND kpi IN ('compliance_rate', 'declared_on_time_rate', 'paid_by_due_rate') AND value IS NOT NULL`,
    );
    const [least] = await query<{ n: number }>(
      db,
      `SELECT count(DISTINCT employer_id)::INTEGER AS n FROM marts.compliance_monthly
       WHERE payment_judged AND NOT compliant AND period IN (SELECT DISTINCT period FROM marts.compliance_monthly
         WHERE payment_judged ORDER BY period DESC LIMIT 12)`,
    );
    for (const audience of ["audit", "management"] as const)
      for (const lang of ["ar", "en"] as const) {
        const url = `${sites[audience].url}${lang}/compliance.html`;
        const v = await visit(browser, url, { ready: "[data-page=compliance]", screenshot: `compliance-${audience}-${lang}` });
        expect(v.problems, `${audience} ${lang}`).toEqual([]);
        expect(await v.page.evaluate(() => document.documentElement.dir)).toBe(lang === "ar" ? "rtl" : "ltr");
        const shown = await v.page.$$eval("#rates tr[data-period] td[data-value]", (cells) =>
          cells.map((c) => ({
            period: c.closest("tr")!.getAttribute("data-period")!,
            kpi: c.getAttribute("data-col")!,
            v: c.getAttribute("data-value")!,
          })),
        );
        const key = (r: { period: string; kpi: string }) => `${r.period}|${r.kpi}`;
        expect(shown.map(key).sort()).toEqual(rates.map(key).sort());
        for (const s of shown) expect(s.v, key(s)).toBe(rates.find((r) => key(r) === key(s))!.v);
        expect(await v.page.$$("#breakdown tr[data-group]")).not.toHaveLength(0);
        if (audience === "management") expect(await v.page.$$("[data-least], #calendar")).toHaveLength(0);
        else {
          // the list holds the 50 least compliant; the table shows 20 of them before "show all"
          const [file] = walk(join(published, "audit", "site", "_file", "data")).filter((f) => /\/compliance\.[\w.]*json$/.test(f));
          expect(JSON.parse(readFileSync(file!, "utf8")).least).toHaveLength(Math.min(50, least!.n));
          expect(await v.page.$$eval("[data-least]", (r) => r.length)).toBe(Math.min(20, least!.n));
        }
        await v.page.close();
        expect(await layoutAtWidths(browser, url, "[data-page=compliance]", `compliance-${audience}-${lang}`)).toEqual([]);
      }
  });

  test("one employer's calendar: its months and criteria as marts.compliance_monthly holds them, here and on its profile", {
    timeout: 120_000,
  }, async () => {
    const [worst] = await query<{ id: string }>(
      db,
      "SELECT employer_id AS id FROM marts.compliance_monthly GROUP BY ALL ORDER BY count(*) FILTER (WHERE NOT compliant) DESC, 1 LIMIT 1",
    );
    const months = await query<{ period: string; compliant: boolean }>(
      db,
      `SELECT period, compliant FROM marts.compliance_monthly WHERE employer_id = '${worst!.id}' ORDER BY period DESC`,
    );
    for (const [page, ready] of [
      ["compliance", "[data-calendar-of]"],
      ["employer", "[data-employer-profile] #compliance"],
    ] as const)
      for (const lang of ["ar", "en"] as const) {
        const v = await visit(browser, `${sites.audit.url}${lang}/${page}.html?id=${worst!.id}`, {
          ready,
          screenshot: `compliance-calendar-${page}-${lang}`,
        });
        expect(v.problems, `${page} ${lang}`).toEqual([]);
        // the table shows 24 months before "show all"; the warehouse's newest 24 in order
        const shown = await v.page.$$eval("#compliance tr[data-compliance-month], #calendar tr[data-compliance-month]", (rows) =>
          rows.map((r) => ({ period: r.getAttribute("data-compliance-month")!, compliant: r.getAttribute("data-compliant") === "true" })),
        );
        expect(shown).toEqual(months.slice(0, 24));
        await v.page.close();
      }
  });

  test("the overview's compliance tile and the collections page's channels show the warehouse's figures", {
    timeout: 120_000,
  }, async () => {
    const [tile] = await query<{ period: string; v: string }>(
      db,
      `SELECT period, CAST(value AS VARCHAR) AS v FROM marts.kpi_monthly WHERE kpi = 'compliance_rate' AND dimension = 'all'
       AND value IS NOT NULL AND period <= (SELECT max(period) FROM marts.compliance_monthly) ORDER BY period DESC LIMIT 1`,
    );
    for (const lang of ["ar", "en"] as const) {
      const o = await visit(browser, `${sites.management.url}${lang}/index.html`, { ready: "#compliance" });
      expect(o.problems).toEqual([]);
      expect(await o.page.getAttribute("#compliance", "data-period")).toBe(tile!.period);
      expect(await o.page.getAttribute("#compliance .big [data-value]", "data-value")).toBe(tile!.v);
      await o.page.close();
      const c = await visit(browser, `${sites.management.url}${lang}/collections.html`, { ready: "#channels" });
      expect(c.problems).toEqual([]);
      const period = asOf.slice(0, 7);
      for (const channel of ["sadad", "bank_transfer", "cash", "cheque"]) {
        const [held] = await query<{ v: string }>(
          db,
          `SELECT CAST(value AS VARCHAR) AS v FROM marts.kpi_monthly WHERE kpi = 'collected_${channel}' AND dimension = 'all'
           AND period = '${period}'`,
        );
        expect(await c.page.getAttribute(`#channels tr[data-channel=${channel}] td[data-col=collected]`, "data-value")).toBe(held!.v);
      }
      await c.page.close();
    }
  });
});
