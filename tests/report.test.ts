// The monthly management report written from a real warehouse (a generated fund of 14 months, ingested
// and built by the real engine), printed by real Chromium and read back with pdftotext: the cover's
// figures are the warehouse's, every page carries its number, the as-of date, the run id and the
// classification, the charts' marks hold the marts' values, the commentary ranks by size and names the
// group the marts say drove each change, no sentence is printed twice, and every table fits its page.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { amount, gregorian } from "../dashboards/components/format.ts";
import { tone } from "../dashboards/components/kpi-catalogue.ts";
import { buildModels } from "../pipelines/engine/build.ts";
import { ruleParams } from "../pipelines/engine/rule-params.ts";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { openWarehouse } from "../pipelines/lib/duckdb.ts";
import { chromiumPath, launchChromium } from "../pipelines/publish/chromium.ts";
import { COVER_KPIS } from "../pipelines/publish/report/cover.ts";
import { readReportData, type ReportData } from "../pipelines/publish/report/data.ts";
import { renderReport } from "../pipelines/publish/report/html.ts";
import { writeReports } from "../pipelines/publish/report/index.ts";
import { previousPeriod, readStamp } from "../pipelines/publish/stamp.ts";
import type { Lang } from "../pipelines/publish/types.ts";
import { loadRules } from "../pipelines/rules/index.ts";
import { ARTIFACTS, runs } from "./helpers/browser.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { FIXED_NOW, ingest, query } from "./helpers/warehouse.ts";

const HAVE_CHROMIUM = chromiumPath() !== undefined;
const HAVE_PDFTOTEXT = runs("pdftotext", ["-v"]);
const RUN_ID = "report-test-run-1";
const dir = tempDir("tahseel-report-");
const db = join(dir, "warehouse.duckdb");
const out = join(dir, "report");
let data: ReportData;
const html = {} as Record<Lang, string>;
const pdf = {} as Record<Lang, string>;

beforeAll(async () => {
  await generateDeliveries({ out: join(dir, "gen"), employers: 30, months: 14, seed: "5" });
  await ingest(join(dir, "gen", "inbox"), db);
  const w = await openWarehouse(db);
  try {
    const built = await buildModels(
      w,
      { modelsDir: "models", params: ruleParams(loadRules()), runId: RUN_ID },
      { logger: memoryLogger(), now: FIXED_NOW },
    );
    if (built.status !== "success") throw new Error(`build failed: ${JSON.stringify(built.models.filter((m) => m.status !== "built"))}`);
    const stamp = await readStamp(w.connection, { audience: "management", runId: RUN_ID, now: FIXED_NOW() });
    data = await readReportData(w.connection, { stamp, audience: "management", scratch: join(dir, "scratch") });
  } finally {
    w.close();
  }
  await writeReports(data, {
    dir: out,
    audience: "management",
    langs: ["ar", "en"],
    digits: "latn",
    pdf: HAVE_CHROMIUM,
    logger: memoryLogger(),
  });
  for (const lang of ["ar", "en"] as const) {
    html[lang] = readFileSync(join(out, `report-${data.stamp.period}-${lang}.html`), "utf8");
    pdf[lang] = join(out, `report-${data.stamp.period}-${lang}.pdf`);
  }
}, 300_000);

afterAll(() => execFileSync("rm", ["-rf", dir]));

const same = (a: string | null | undefined, b: string | null | undefined) =>
  a !== null && a !== undefined && b !== null && b !== undefined && new Decimal(a).eq(b);
const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/data-([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
/** The <rect>s of one chart, with their data- attributes. */
const marks = (doc: string, chart: string) => {
  const figure = new RegExp(`<figure class="chart" data-chart="${chart}">(.*?)</figure>`, "s").exec(doc)?.[1] ?? "";
  return [...figure.matchAll(/<rect [^>]*data-value[^>]*>/g)].map((m) => attrs(m[0]));
};
const text = (s: string) =>
  s
    .replace(/<[^>]+>/g, " ")
    .replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)))
    .replace(/\s+/g, " ")
    .trim();
/** What pdftotext reads from a page, without bidi controls, presentation forms or line breaks. */
const pdfPage = (file: string, n: number) =>
  execFileSync("pdftotext", ["-f", String(n), "-l", String(n), file, "-"], { encoding: "utf8" })
    .normalize("NFKC")
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ");
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]);

async function kpisOf(period: string) {
  const rows = await query<{ kpi: string; value: string }>(
    db,
    `SELECT kpi, CAST(value AS VARCHAR) AS value FROM marts.kpi_monthly WHERE dimension = 'all' AND period = '${period}'`,
  );
  return new Map(rows.map((r) => [r.kpi, r.value]));
}

test("the cover shows the month's headline figures as the warehouse holds them", async () => {
  const [kpis, before] = [await kpisOf(data.stamp.period), await kpisOf(previousPeriod(data.stamp.period))];
  for (const lang of ["ar", "en"] as const) {
    const tiles = [...html[lang].matchAll(/<div class="tile" [^>]*>/g)].map((m) => attrs(m[0]));
    expect(tiles.map((t) => t.kpi)).toEqual([...COVER_KPIS]);
    for (const t of tiles) expect(same(t.value, kpis.get(t.kpi!)), `${lang} ${t.kpi}`).toBe(true);
    // each arrow is coloured by what the move means (the catalogue's direction), not by its sign
    for (const m of html[lang].matchAll(/<div class="tile" data-kpi="(\w+)".*?<span class="arrow (\w+)"/g)) {
      const change = new Decimal(kpis.get(m[1]!)!).minus(before.get(m[1]!)!);
      expect(m[2], `${lang} ${m[1]}`).toBe(tone(m[1]!, change.isZero() ? "flat" : change.isPositive() ? "up" : "down"));
    }
  }
  if (!HAVE_PDFTOTEXT || !HAVE_CHROMIUM) return;
  for (const lang of ["ar", "en"] as const) {
    const cover = pdfPage(pdf[lang], 1);
    for (const kpi of ["billed", "collected", "arrears"]) expect(cover, `${lang} ${kpi}`).toContain(amount(kpis.get(kpi)!, "en"));
  }
});

describe.skipIf(!HAVE_CHROMIUM || !HAVE_PDFTOTEXT)("the PDF", () => {
  test("every page carries its number, the as-of date, the run id and the classification", () => {
    const asOf = { ar: gregorian(data.stamp.as_of, "ar"), en: gregorian(data.stamp.as_of, "en") };
    for (const lang of ["ar", "en"] as const) {
      const n = pages(pdf[lang]);
      expect(n).toBeGreaterThanOrEqual(5);
      for (let i = 1; i <= n; i++) {
        const page = pdfPage(pdf[lang], i);
        // pdftotext drops the space between Arabic words and digits: the Arabic is compared without spaces
        const bare = page.replace(/\s/g, "");
        expect(lang === "ar" ? bare : page, `${lang} page ${i}`).toContain(lang === "ar" ? `صفحة${i}من${n}` : `Page ${i} of ${n}`);
        expect(page, `${lang} page ${i}`).toContain(RUN_ID);
        expect(page, `${lang} page ${i}`).toContain(lang === "ar" ? "داخلي — مقيد" : "Internal — restricted");
        if (lang === "en") expect(page, `en page ${i}`).toContain(`Data as of: ${asOf.en}`);
        // pdftotext reorders an Arabic line's numbers around its punctuation: the words and numbers are each there
        else for (const part of ["البيانات حتى", ...asOf.ar.split(" ")]) expect(page, `ar page ${i}`).toContain(part);
      }
    }
  });

  test("no sentence is printed twice", () => {
    for (const lang of ["ar", "en"] as const) {
      const blocks = [...html[lang].matchAll(/<(p|li)( [^>]*)?>(.*?)<\/\1>/gs)].map((m) => text(m[3]!));
      const sentences = blocks.flatMap((b) => b.split(/(?<=[.؟!])\s+(?=\S)/)).filter((s) => s.length > 25);
      expect(sentences.length, lang).toBeGreaterThan(8);
      expect(
        sentences.filter((s, i) => sentences.indexOf(s) !== i),
        lang,
      ).toEqual([]);
      // and the printed document says each exactly once
      if (lang === "en") {
        const all = Array.from({ length: pages(pdf.en) }, (_, i) => pdfPage(pdf.en, i + 1)).join(" ");
        for (const s of sentences) expect(all.split(s).length - 1, s).toBe(1);
      }
    }
  });

  test("every table fits the printed page's width, in both languages, at this fund's amounts and a national fund's", async () => {
    // the same report with every amount 10,000 times larger (ratios and shares as they are)
    const scale = (v: unknown, key = ""): unknown =>
      typeof v === "string" && /^-?\d+\.\d+$/.test(v) && key !== "relative" && key !== "share"
        ? new Decimal(v).times(10_000).toString()
        : Array.isArray(v)
          ? v.map((x) => scale(x))
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scale(x, k)]))
            : v;
    for (const lang of ["ar", "en"] as const)
      writeFileSync(join(out, `national-${lang}.html`), renderReport(scale(data) as ReportData, lang, "management", "latn"));
    const browser = await launchChromium();
    try {
      for (const file of ["ar", "en"].flatMap((lang) => [`report-${data.stamp.period}-${lang}.html`, `national-${lang}.html`])) {
        const page = await browser.newPage({ viewport: { width: 695, height: 1000 } }); // A4 less the margins at 96 dpi
        await page.emulateMedia({ media: "print" });
        await page.goto(`file://${join(out, file)}`);
        const wide = await page.evaluate(() =>
          Array.from(document.querySelectorAll("table"))
            .filter((t) => t.scrollWidth > t.parentElement!.clientWidth + 1)
            .map((t) => `${t.className}: ${t.scrollWidth} > ${t.parentElement!.clientWidth}`),
        );
        expect(wide, file).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
    // for a reader's eye: the pages as pictures in test-artifacts/report/
    const pictures = join(ARTIFACTS, "..", "report");
    mkdirSync(pictures, { recursive: true });
    for (const lang of ["ar", "en"] as const) execFileSync("pdftoppm", ["-png", "-r", "60", pdf[lang], join(pictures, lang)]);
  });
});

test("the trend chart holds 13 months of billed and collected from marts.kpi_monthly", async () => {
  const rows = await query<{ period: string; kpi: string; value: string }>(
    db,
    `SELECT period, kpi, CAST(value AS VARCHAR) AS value FROM marts.kpi_monthly
     WHERE dimension = 'all' AND kpi IN ('billed', 'collected') AND period <= '${data.stamp.period}' ORDER BY period DESC LIMIT 26`,
  );
  for (const lang of ["ar", "en"] as const) {
    const bars = marks(html[lang], "trend");
    expect(bars).toHaveLength(26);
    for (const r of rows) {
      const bar = bars.find((b) => b.series === r.kpi && b.period === r.period);
      expect(same(bar?.value, r.value), `${lang} ${r.kpi} ${r.period}`).toBe(true);
    }
  }
});

test("the ageing chart holds marts.arrears_ageing's past due by bucket and severity", async () => {
  const buckets = ["d1_30", "d31_60", "d61_90", "d91_180", "d181_365", "over_365"];
  const rows = await query<Record<string, string>>(
    db,
    `SELECT severity, ${buckets.map((b) => `CAST(sum(${b}) AS VARCHAR) AS ${b}`).join(", ")}
     FROM marts.arrears_ageing WHERE as_of = DATE '${data.stamp.period_end}' GROUP BY severity`,
  );
  const bars = marks(html.en, "ageing");
  for (const r of rows)
    for (const b of buckets) {
      const bar = bars.find((x) => x.bucket === b && x.severity === r.severity);
      if (new Decimal(r[b]!).isZero()) expect(bar, `${r.severity} ${b}`).toBeUndefined();
      else expect(same(bar?.value, r[b]), `${r.severity} ${b}`).toBe(true);
    }
  expect(bars.length).toBeGreaterThan(0);
});

test("the movement waterfall adds up, from the balances at the two month-ends", async () => {
  const steps = Object.fromEntries(marks(html.ar, "movement").map((m) => [m.step!, new Decimal(m.value!)]));
  const sum = (on: string) =>
    query<{ outstanding: string }>(
      db,
      `SELECT CAST(coalesce(sum(outstanding), 0) AS VARCHAR) AS outstanding FROM marts.employer_balance WHERE as_of = DATE '${on}'`,
    );
  const [closing] = await sum(data.stamp.period_end);
  const [opening] = await sum(data.movement.opening_on);
  expect(same(steps.opening!.toString(), opening!.outstanding)).toBe(true);
  expect(same(steps.closing!.toString(), closing!.outstanding)).toBe(true);
  const kpis = await kpisOf(data.stamp.period);
  expect(same(steps.billed!.toString(), kpis.get("billed"))).toBe(true);
  expect(same(steps.collected!.neg().toString(), kpis.get("collected"))).toBe(true);
  const through = steps.opening!.plus(steps.billed!).plus(steps.collected!).plus(steps.adjustments!).plus(steps.credit!);
  expect(through.toFixed(2)).toBe(steps.closing!.toFixed(2));
});

test("the cover ranks movements by size and names the group the marts say drove each", async () => {
  const items = [...html.en.matchAll(/<li data-kpi[^>]*>/g)].map((m) => attrs(m[0]));
  expect(items.length).toBeGreaterThan(0);
  const sizes = items.map((i) => new Decimal(i.size!));
  for (let i = 1; i < sizes.length; i++) expect(sizes[i - 1]!.gte(sizes[i]!)).toBe(true);
  const [now, before] = [await kpisOf(data.stamp.period), await kpisOf(previousPeriod(data.stamp.period))];
  for (const item of items) {
    const change = new Decimal(now.get(item.kpi!)!).minus(before.get(item.kpi!)!);
    const relative = change.div(new Decimal(before.get(item.kpi!)!).abs());
    if (!new Decimal(before.get(item.kpi!)!).isZero()) expect(relative.abs().toSignificantDigits(8).eq(item.size!), item.kpi).toBe(true);
    if (!item.driver) continue;
    // the group with the largest change in the same direction as the whole, over every dimension
    const largest = await query<{ key: string }>(
      db,
      `WITH d AS (
         SELECT dimension, dimension_value, sum(CASE WHEN period = '${data.stamp.period}' THEN value ELSE -value END) AS delta
         FROM marts.kpi_monthly WHERE kpi = '${item.kpi}' AND dimension <> 'all'
           AND period IN ('${data.stamp.period}', '${previousPeriod(data.stamp.period)}') GROUP BY ALL),
       same_way AS (SELECT * FROM d WHERE sign(delta) = ${change.isPositive() ? 1 : -1})
       SELECT dimension || ':' || dimension_value AS key FROM same_way WHERE abs(delta) = (SELECT max(abs(delta)) FROM same_way)`,
    );
    // one employer alone in its region and its sector moves both by the same amount: either is right
    expect(
      largest.map((r) => r.key),
      item.kpi,
    ).toContain(item.driver);
  }
});
