// The dashboards end to end: a generated fund (faults included) goes through `tahseel run` — ingest,
// build, publish — with no network at all (inside `unshare -n` where the machine allows it); then
// every page of both audiences and both languages is loaded in headless Chromium and checked against
// the warehouse, a drill-down is clicked through, the management build is searched for personal
// detail, and the report's PDF is read back page by page.
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumPath, launchChromium } from "../pipelines/publish/chromium.ts";
import { serveStatic, type StaticSite } from "../pipelines/publish/static-server.ts";
import type { Audience, Stamp } from "../pipelines/publish/types.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { prepareGeneratedFund, runScheduledJob } from "./helpers/fund-run.ts";
import { query } from "./helpers/warehouse.ts";
import { runs, screenshot, shownNumber, visit } from "./helpers/browser.ts";
import { escapeRegExp, walk } from "./dashboards-files.ts";
import { code } from "../dashboards/components/codes.ts";
import { coloursFollowMeaning, kpisAreCatalogued, reportVerbsAgree } from "./dashboards-words.ts";
import { layoutAtWidths, LAYOUT_WIDTHS } from "./dashboards-layout.ts";

const OFFLINE = runs("unshare", ["-n", "true"]);
const HAVE_CHROMIUM = chromiumPath() !== undefined;
const HAVE_PDFTOTEXT = runs("pdftotext", ["-v"]);
if (!OFFLINE)
  console.warn("dashboards test: `unshare -n` is not permitted here, so the build runs WITH network; the offline proof is skipped");

const PAGES: Record<Audience, string[]> = {
  management: ["index", "collections", "billing", "health"],
  audit: ["index", "collections", "employer", "billing", "health"],
};
const dir = tempDir("tahseel-dashboards-");
const db = join(dir, "warehouse.duckdb");
const published = join(dir, "published");
let browser: Browser;
const sites = {} as Record<Audience, StaticSite>;
const stamps = {} as Record<Audience, Stamp>;
let runOutput = "";

const manifest = (audience: Audience) => JSON.parse(readFileSync(join(published, audience, "manifest.json"), "utf8"));

beforeAll(async () => {
  // no network at all: any attempt to fetch a library, font or version fails the build
  runOutput = runScheduledJob(await prepareGeneratedFund({ dir, db, seed: "5" }), { offline: OFFLINE });
  for (const audience of ["management", "audit"] as const) {
    stamps[audience] = manifest(audience).stamp;
    sites[audience] = await serveStatic(join(published, audience, "site"));
  }
  if (HAVE_CHROMIUM) browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.close();
});

test.skipIf(!OFFLINE)("publish ran inside `unshare -n` (no network) and recorded what it built", () => {
  const outcome = JSON.parse(runOutput);
  expect(outcome.status).toBe("success");
  const step = outcome.steps.find((s: { name: string }) => s.name === "publish");
  expect(step.detail.published).toBe(true);
  expect(manifest("management")).toMatchObject({
    audience: "management",
    aggregates_only: true,
    privacy_scan: { hits: 0 },
  });
  expect(manifest("audit")).toMatchObject({ audience: "audit", aggregates_only: false });
  expect(manifest("audit").privacy_scan.hits).toBeGreaterThan(0);
  expect(stamps.audit.run_id).toBe(outcome.runId);
});

test("no page needs the internet: no npm:, CDN or web-font reference in the built files", () => {
  for (const audience of ["management", "audit"] as const) {
    const site = join(published, audience, "site");
    for (const file of walk(site).filter((f) => /\.(html|js|css)$/.test(f))) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/cdn\.jsdelivr|fonts\.googleapis|unpkg\.com|["']npm:/);
    }
  }
});

describe.skipIf(!HAVE_CHROMIUM)("in Chromium", () => {
  test("every page of both audiences and languages loads cleanly, Arabic right-to-left, with the stamp", {
    timeout: 180_000,
  }, async () => {
    for (const audience of ["management", "audit"] as const)
      for (const lang of ["ar", "en"])
        for (const page of PAGES[audience]) {
          const suffix = page === "employer" ? `?id=${await anEmployerInArrears()}` : "";
          const v = await visit(browser, `${sites[audience].url}${lang}/${page}.html${suffix}`, {
            ready: page === "employer" ? "[data-employer-profile]" : "[data-page]",
            screenshot: `${audience}-${lang}-${page}`,
          });
          expect(v.problems, `${audience} ${lang}/${page}`).toEqual([]);
          expect(await v.page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual([
            lang === "ar" ? "rtl" : "ltr",
            lang,
          ]);
          const stamp = v.page.locator(".tahseel-stamp");
          expect(await stamp.getAttribute("data-as-of")).toBe(stamps[audience].as_of);
          expect(await stamp.getAttribute("data-run-id")).toBe(stamps[audience].run_id);
          expect(await stamp.getAttribute("data-built-at")).toBe(stamps[audience].built_at);
          await v.page.close();
        }
  });

  test("the overview shows the warehouse's KPIs, ageing, suspension candidates and billing differences", {
    timeout: 120_000,
  }, async () => {
    const { period, period_end } = stamps.management;
    const kpis = await query<{ kpi: string; value: string; unit: string }>(
      db,
      `SELECT kpi, CAST(value AS VARCHAR) AS value, unit FROM marts.kpi_monthly WHERE dimension = 'all' AND period = '${period}'`,
    );
    const [susp] = await query<{ n: number; amount: string }>(
      db,
      `SELECT count(*)::INTEGER AS n, CAST(coalesce(sum(past_due_undisputed), 0) AS VARCHAR) AS amount FROM
        marts.suspension_candidates WHERE as_of = '${period_end}'`,
    );
    const [diff] = await query<{ n: number }>(
      db,
      `SELECT count(*)::INTEGER AS n FROM marts.invoice_check WHERE difference <> 0 AND NOT cancelled AND issued_on <= '${period_end}'`,
    );
    const severities = await query<{ severity: string; past_due: string }>(
      db,
      `SELECT severity, CAST(sum(past_due) AS VARCHAR) AS past_due FROM marts.arrears_ageing WHERE as_of = '${period_end}' GROUP
        BY severity`,
    );
    for (const [audience, lang] of [
      ["management", "ar"],
      ["audit", "en"],
    ] as const) {
      const v = await visit(browser, `${sites[audience].url}${lang}/index.html`, { ready: "[data-kpi]" });
      const cards = await v.page.locator("[data-kpi]").evaluateAll((els) =>
        els.map((e) => ({
          kpi: e.getAttribute("data-kpi")!,
          value: e.querySelector(".big .num")!.getAttribute("data-value"),
          text: e.querySelector(".big .num")!.textContent!,
        })),
      );
      expect(cards.length).toBeGreaterThanOrEqual(8);
      for (const card of cards) {
        const w = kpis.find((k) => k.kpi === card.kpi)!;
        expect(card.value, card.kpi).toBe(w.value);
        const expected =
          w.unit === "ratio"
            ? new Decimal(w.value).times(100).toDecimalPlaces(1)
            : w.unit === "SAR"
              ? new Decimal(w.value).toDecimalPlaces(2)
              : new Decimal(w.value).toDecimalPlaces(w.unit === "days" ? 1 : 0);
        expect(shownNumber(card.text).toString(), `${lang} ${card.kpi}: ${card.text}`).toBe(expected.toString());
      }
      const figure = async (name: string) => v.page.locator(`[data-figure="${name}"]`).first().getAttribute("data-value");
      expect(await figure("suspension-employers")).toBe(String(susp!.n));
      expect(new Decimal((await figure("suspension-amount"))!).eq(susp!.amount)).toBe(true);
      expect(await figure("billing-invoices")).toBe(String(diff!.n));
      for (const s of severities) {
        const shown = await v.page
          .locator(`#ageing tr:has([data-severity="${s.severity}"]) td[data-col="past_due"]`)
          .getAttribute("data-value");
        expect(new Decimal(shown!).eq(s.past_due), s.severity).toBe(true);
      }
      await v.page.close();
    }
  });

  test("KPI words: the warehouse's KPIs are the catalogue's, colours follow meaning, the report's verbs agree with their figures", {
    timeout: 120_000,
  }, async () => {
    await kpisAreCatalogued(db);
    for (const lang of ["ar", "en"] as const) await coloursFollowMeaning(browser, sites.audit.url, lang);
    for (const audience of ["management", "audit"]) reportVerbsAgree(published, audience, stamps.management.period);
  });

  test(`layout: tables fit or scroll in their box, cells and axis labels apart, at ${LAYOUT_WIDTHS.join(" and ")} px, both languages`, {
    timeout: 480_000,
  }, async () => {
    const problems: string[] = [];
    for (const audience of ["management", "audit"] as const)
      for (const lang of ["ar", "en"])
        for (const page of PAGES[audience]) {
          const suffix = page === "employer" ? `?id=${await anEmployerInArrears()}` : "";
          const ready = page === "employer" ? "[data-employer-profile]" : "[data-page]";
          const url = `${sites[audience].url}${lang}/${page}.html${suffix}`;
          const shot = `${audience}-${lang}-${page}`;
          for (const p of await layoutAtWidths(browser, url, ready, shot)) problems.push(`${shot} ${p}`);
        }
    expect(problems).toEqual([]);
  });

  test("collections, billing, health and employer pages show the warehouse's numbers", {
    timeout: 120_000,
  }, async () => {
    const asOf = stamps.management.as_of;
    const buckets = await query<Record<string, string>>(
      db,
      `SELECT severity, CAST(sum(d91_180) AS VARCHAR) AS d91_180, CAST(sum(d1_30) AS VARCHAR) AS d1_30, count(*)::VARCHAR AS
        employers FROM marts.arrears_ageing WHERE as_of = '${asOf}' GROUP BY severity`,
    );
    const c = await visit(browser, `${sites.management.url}ar/collections.html`, { ready: "table.ageing" });
    for (const b of buckets) {
      const cells = await c.page
        .locator(`table.ageing tr[data-severity="${b.severity}"] td`)
        .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-value")));
      expect(cells[0], b.severity).toBe(b.employers);
      expect(new Decimal(cells[2]!).eq(b.d1_30!)).toBe(true);
      expect(new Decimal(cells[5]!).eq(b.d91_180!)).toBe(true);
    }
    await c.page.close();

    const [billing] = await query<{ invoices: number; abs: string }>(
      db,
      "SELECT count(*)::INTEGER AS invoices, CAST(coalesce(sum(abs(difference)) FILTER (WHERE NOT cancelled), 0) AS VARCHAR) AS " +
        "abs FROM marts.invoice_check",
    );
    const b = await visit(browser, `${sites.management.url}en/billing.html`, { ready: "[data-figure=invoices]" });
    expect(await b.page.locator("[data-figure=invoices]").getAttribute("data-value")).toBe(String(billing!.invoices));
    expect(new Decimal((await b.page.locator("[data-figure=abs-difference]").getAttribute("data-value"))!).eq(billing!.abs)).toBe(true);
    await b.page.close();

    const loads = await query<{ entity: string; files: number }>(
      db,
      "SELECT entity, count(*)::INTEGER AS files FROM audit.loads WHERE entity IS NOT NULL GROUP BY entity",
    );
    const h = await visit(browser, `${sites.management.url}en/health.html`, { ready: "#loads table" });
    const shown = await h.page
      .locator('[data-table="loads-by-source"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('[data-col="entity"]')!.textContent,
          tr.querySelector('[data-col="files"]')!.getAttribute("data-value"),
        ]),
      );
    // sources are named in words (code()), in English too
    for (const l of loads) expect(shown).toContainEqual([code("en", l.entity), String(l.files)]);
    await h.page.close();

    const id = await anEmployerInArrears();
    const [balance] = await query<{ outstanding: string }>(
      db,
      `SELECT CAST(outstanding AS VARCHAR) AS outstanding FROM marts.employer_balance WHERE employer_id = '${id}' AND as_of = '${asOf}'`,
    );
    const e = await visit(browser, `${sites.audit.url}en/employer.html?id=${id}`, { ready: "[data-employer-profile]" });
    expect(new Decimal((await e.page.locator("[data-figure=outstanding]").getAttribute("data-value"))!).eq(balance!.outstanding)).toBe(
      true,
    );
    // found by a part of its Arabic name too
    const [named] = await query<{ name_ar: string }>(db, `SELECT name_ar FROM staging.stg_employers WHERE employer_id = '${id}'`);
    const word = named!.name_ar.split(" ").sort((a, b) => b.length - a.length)[0]!;
    await e.page.fill("input[name=q]", word);
    await e.page.click("form.filters button[type=submit]");
    await e.page.waitForSelector(`ul.matches a[data-employer="${id}"]`);
    expect(new URL(e.page.url()).searchParams.get("q")).toBe(word);
    expect(e.problems).toEqual([]);
    await e.page.close();
    // an id no employer has: a plain message, answered from the search index with no failed request
    const u = await visit(browser, `${sites.audit.url}en/employer.html?id=000000000`, {
      ready: "[data-no-employer]",
      screenshot: "audit-en-employer-unknown",
    });
    expect(await u.page.locator("[data-no-employer]").textContent()).toContain("No such employer");
    expect(u.problems).toEqual([]);
    await u.page.close();
  });

  test("the employer profile without an id opens on the largest arrears, each linking to its profile", async () => {
    const { as_of } = stamps.audit;
    const largest = await query<{ employer_id: string }>(
      db,
      `SELECT employer_id FROM marts.arrears_ageing WHERE as_of = '${as_of}' AND past_due > 0 ORDER BY past_due DESC, employer_id LIMIT 20`,
    );
    for (const lang of ["ar", "en"]) {
      const v = await visit(browser, `${sites.audit.url}${lang}/employer.html`, {
        ready: "[data-largest-arrears] a[data-employer]",
        screenshot: `audit-${lang}-employer-list`,
      });
      const shown = await v.page
        .locator("[data-largest-arrears] a[data-employer]")
        .evaluateAll((as) => as.map((a) => a.getAttribute("data-employer")));
      expect(shown, lang).toEqual(largest.map((r) => r.employer_id));
      expect(v.problems, lang).toEqual([]);
      // following the first opens its profile, and the list makes way for it
      await v.page.click(`[data-largest-arrears] a[data-employer="${shown[0]}"]`);
      await v.page.waitForSelector(`[data-employer-profile="${shown[0]}"]`);
      expect(await v.page.locator("[data-largest-arrears] table").count()).toBe(0);
      await v.page.close();
    }
  });

  test("drill down by clicking: overview arrears → employers of a severity → employer profile; an invoice → its contributors", {
    timeout: 120_000,
  }, async () => {
    const { period_end } = stamps.audit;
    const [worst] = await query<{ severity: string }>(
      db,
      `SELECT severity FROM marts.arrears_ageing WHERE as_of = '${period_end}' AND past_due > 0 GROUP BY severity ORDER BY
        sum(past_due) DESC LIMIT 1`,
    );
    const v = await visit(browser, `${sites.audit.url}en/index.html`, { ready: "#ageing" });
    await v.page.click(`#ageing a[data-severity="${worst!.severity}"]`);
    await v.page.waitForSelector("#drill a[data-employer]");
    expect(new URL(v.page.url()).searchParams.get("severity")).toBe(worst!.severity);
    const id = (await v.page.locator("#drill a[data-employer]").first().getAttribute("data-employer"))!;
    await v.page.click(`#drill a[data-employer="${id}"]`);
    await v.page.waitForSelector(`[data-employer-profile="${id}"]`);
    await screenshot(v.page, "drill-employer");
    const [age] = await query<{ severity: string }>(
      db,
      `SELECT severity FROM marts.arrears_ageing WHERE employer_id = '${id}' AND as_of = '${stamps.audit.as_of}'`,
    );
    expect(await v.page.locator("[data-severity]").first().getAttribute("data-severity")).toBe(age!.severity);

    const [invoice] = await query<{ invoice_id: string; employer_id: string; period: string }>(
      db,
      "SELECT invoice_id, employer_id, period FROM marts.invoice_check WHERE difference <> 0 AND invoice_type = 'contribution' " +
        "ORDER BY abs(difference) DESC LIMIT 1",
    );
    if (invoice) {
      const [people] = await query<{ n: number }>(
        db,
        `SELECT count(*)::INTEGER AS n FROM core.expected_contributions WHERE employer_id = '${invoice.employer_id}' AND period =
          '${invoice.period}'`,
      );
      // overview figure → billing checks → the employer → its invoice difference → the contributors behind it
      await v.page.goto(`${sites.audit.url}en/index.html`, { waitUntil: "networkidle" });
      await v.page.click('#billing a[data-link="explain"]');
      await v.page.waitForSelector(`[data-table="invoices-with-difference"] a[data-employer="${invoice.employer_id}"]`);
      await v.page.click(`[data-table="invoices-with-difference"] a[data-employer="${invoice.employer_id}"]`);
      await v.page.waitForSelector(`#invoice-differences a[data-invoice="${invoice.invoice_id}"]`);
      await v.page.click(`#invoice-differences a[data-invoice="${invoice.invoice_id}"]`);
      await v.page.waitForSelector(`[data-table="invoice-${invoice.invoice_id}-contributors"] tbody tr`);
      expect(await v.page.locator(`[data-table="invoice-${invoice.invoice_id}-contributors"] tbody tr`).count()).toBe(
        Math.min(people!.n, 50),
      );
      await v.page.goto(`${sites.audit.url}en/billing.html`, { waitUntil: "networkidle" });
      await v.page.click(`button[data-invoice="${invoice.invoice_id}"]`);
      await v.page.waitForSelector(`[data-table="invoice-${invoice.invoice_id}-contributors"] tbody tr`);
      expect(await v.page.locator(`[data-table="invoice-${invoice.invoice_id}-contributors"] tbody tr`).count()).toBe(
        Math.min(people!.n, 50),
      );
      expect(new URL(v.page.url()).searchParams.get("invoice")).toBe(invoice.invoice_id);
      await screenshot(v.page, "drill-invoice-evidence");
    }
    // the language switch keeps the filters, so a drill-down can be shared in either language
    await v.page.goto(`${sites.audit.url}en/collections.html?severity=${worst!.severity}&as_of=${period_end}`, {
      waitUntil: "networkidle",
    });
    await v.page.click(".tahseel-lang");
    await v.page.waitForSelector("[data-page=collections]");
    expect(v.page.url()).toContain(`/ar/collections.html?severity=${worst!.severity}&as_of=${period_end}`);
    expect(v.problems).toEqual([]);
    await v.page.close();
  });
});

test("the management build holds no national id, employer id, registration number or name", async () => {
  const needles = await query<{ value: string }>(
    db,
    `SELECT contributor_id AS value FROM raw.contributors UNION SELECT employer_id FROM raw.employers UNION SELECT cr_number FROM
      raw.employers
     UNION SELECT name_ar FROM raw.employers UNION SELECT name_en FROM raw.employers WHERE name_en IS NOT NULL UNION SELECT
       name_ar FROM raw.contributors`,
  );
  const text = (audience: Audience) =>
    walk(join(published, audience))
      .filter((f) => !/\.(pdf|png)$/.test(f) && !f.includes("/_file/shards/") && !f.includes("/.work/"))
      .map((f) => readFileSync(f, "utf8").replace(/\\u([0-9a-fA-F]{4})/g, (_, x: string) => String.fromCharCode(parseInt(x, 16))))
      .join("\n");
  const management = text("management");
  const leaked = needles.filter((n) => n.value && new RegExp(`(^|[^\\d])${escapeRegExp(n.value)}($|[^\\d])`).test(management));
  expect(leaked).toEqual([]);
  // the same search finds the detail the audit build is meant to hold
  const audit = text("audit");
  expect(needles.some((n) => n.value && audit.includes(n.value))).toBe(true);
});

// tests/report.test.ts reads the report closely; here, that the published one is whole in both languages
test.skipIf(!HAVE_PDFTOTEXT)("the management report's PDF has its sections, in Arabic and English", () => {
  const reports = join(published, "management", "report");
  const { period } = stamps.management;
  const pageText = (file: string, n: number) =>
    execFileSync("pdftotext", ["-f", String(n), "-l", String(n), "-layout", file, "-"], { encoding: "utf8" });
  const en = join(reports, `report-${period}-en.pdf`);
  const ar = join(reports, `report-${period}-ar.pdf`);
  const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);
  const whole = (file: string) => Array.from({ length: pages(file) }, (_, i) => pageText(file, i + 1)).join("\n");
  for (const file of [en, ar]) expect(pages(file)).toBeGreaterThanOrEqual(5);
  const english = whole(en);
  let at = 0;
  for (const title of [
    "What moved most",
    "Balances and arrears",
    "Key performance indicators",
    "Arrears and severity",
    "Billing differences",
  ]) {
    at = english.indexOf(title, at);
    expect(at, title).toBeGreaterThan(-1);
  }
  expect(pageText(en, 1)).toContain("Monthly management report");
  expect(pageText(en, 1)).toContain(stamps.management.run_id);
  // Arabic text comes back from the PDF in presentation forms; the figures are plain
  const kpis = JSON.parse(
    readFileSync(
      join(
        published,
        "management",
        "site",
        "_file",
        "data",
        readdirSync(join(published, "management", "site", "_file", "data")).find((f) => f.startsWith("overview"))!,
      ),
      "utf8",
    ),
  );
  const billed = kpis.kpis.find((k: { kpi: string }) => k.kpi === "billed").value as string;
  const formatted = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    billed as unknown as number,
  );
  expect(pageText(ar, 1)).toContain(formatted);
  expect(pageText(en, 1)).toContain(formatted);
});

test("a second publish shows the warehouse as it is now, never what an earlier build cached", async () => {
  // The same output folder (and Framework cache) as the first publish, on a warehouse that changed.
  const changed = join(dir, "changed.duckdb");
  cpSync(db, changed);
  await query(changed, "DELETE FROM marts.suspension_candidates");
  const { publish } = await import("../pipelines/publish/index.ts");
  const { memoryLogger } = await import("../pipelines/lib/context.ts");
  const [result] = await publish(
    { db: changed, out: published, audiences: ["management"], langs: ["en"], noPdf: true },
    { logger: memoryLogger(), now: () => new Date("2026-12-01T09:00:00Z") },
  );
  expect(result!.stamp.built_at).toBe("2026-12-01T09:00:00.000Z");
  const overview = readdirSync(join(published, "management", "site", "_file", "data")).filter((f) => f.startsWith("overview"));
  expect(overview).toHaveLength(1);
  const data = JSON.parse(readFileSync(join(published, "management", "site", "_file", "data", overview[0]!), "utf8"));
  expect(data.suspension.employers).toBe(0);
  if (HAVE_CHROMIUM) {
    const v = await visit(browser, `${sites.management.url}en/index.html`, {
      ready: "[data-figure=suspension-employers]",
    });
    expect(await v.page.locator("[data-figure=suspension-employers]").getAttribute("data-value")).toBe("0");
    expect(await v.page.locator(".tahseel-stamp").getAttribute("data-built-at")).toBe("2026-12-01T09:00:00.000Z");
    await v.page.close();
  }
}, 180_000);

test.skipIf(!HAVE_CHROMIUM)(
  "a site published with Arabic-Indic digits shows them on its Arabic pages, Latin on its English ones",
  async () => {
    const { publish } = await import("../pipelines/publish/index.ts");
    const { memoryLogger } = await import("../pipelines/lib/context.ts");
    const [result] = await publish(
      { db, out: join(dir, "published-arab"), audiences: ["management"], digits: "arab", noPdf: true },
      { logger: memoryLogger(), now: () => new Date() },
    );
    const arab = await serveStatic(result!.site);
    // Arabic-Indic digits, with their own group and decimal separators (and the letter mark after a per cent sign)
    const latin = (t: string) =>
      t
        .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
        .replace(/\u066c/g, ",")
        .replace(/\u066b/g, ".")
        .replace(/\u061c/g, "");
    const figures = async (url: string) => {
      const v = await visit(browser, url, { ready: "[data-kpi]" });
      expect(v.problems, url).toEqual([]);
      const texts = await v.page.locator("[data-kpi] .big .num").allTextContents();
      const stamp = (await v.page.locator(".tahseel-stamp").textContent())!;
      await v.page.close();
      return { texts, stamp };
    };
    try {
      const ar = await figures(`${arab.url}ar/index.html`);
      expect(ar.texts.length).toBeGreaterThanOrEqual(8);
      for (const t of [...ar.texts, ar.stamp]) expect(t, t).toMatch(/[\u0660-\u0669]/);
      for (const t of ar.texts) expect(t, t).not.toMatch(/[0-9]/);
      // the same figures as the Latin-digit build of the same warehouse, digit for digit
      expect(ar.texts.map(latin)).toEqual((await figures(`${sites.management.url}ar/index.html`)).texts);
      for (const t of (await figures(`${arab.url}en/index.html`)).texts) expect(t, t).not.toMatch(/[\u0660-\u0669]/);
    } finally {
      await arab.close();
    }
  },
  240_000,
);

let cachedEmployer: string | undefined;
async function anEmployerInArrears(): Promise<string> {
  cachedEmployer ??= (
    await query<{ id: string }>(
      db,
      `SELECT employer_id AS id FROM marts.arrears_ageing WHERE as_of = '${stamps.audit.as_of}' ORDER BY past_due DESC,
        employer_id LIMIT 1`,
    )
  )[0]!.id;
  return cachedEmployer;
}
