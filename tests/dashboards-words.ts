// Checks of the dashboards test on the words around the numbers, against the built site, the report
// and the warehouse: the KPIs the warehouse holds are the catalogue's; colours follow the catalogue's
// better direction; the report's verbs agree with their figures; the Arabic health page has no English
// code words left in its cells.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { expect } from "vitest";
import { KPI_CATALOGUE, KPIS, kpiLabel, tone } from "../dashboards/components/kpi-catalogue.ts";
import { movement } from "../dashboards/components/format.ts";
import type { Overview } from "../pipelines/publish/export/overview.ts";
import { visit } from "./helpers/browser.ts";
import { query } from "./helpers/warehouse.ts";

export async function kpisAreCatalogued(db: string): Promise<void> {
  const held = await query<{ kpi: string; unit: string }>(db, "SELECT DISTINCT kpi, unit FROM marts.kpi_monthly ORDER BY kpi");
  expect(held).toEqual(KPIS.map((kpi) => ({ kpi, unit: KPI_CATALOGUE[kpi].unit })).sort((a, b) => a.kpi.localeCompare(b.kpi)));
}

const COLOURS = { good: "rgb(11, 110, 59)", bad: "rgb(166, 27, 27)" } as const;

/** Every KPI card's change is classed and coloured by its meaning; the health page defines every catalogued KPI. */
export async function coloursFollowMeaning(browser: Browser, siteUrl: string, lang: "ar" | "en"): Promise<void> {
  const v = await visit(browser, `${siteUrl}${lang}/index.html`, { ready: "[data-kpi]" });
  const changes = await v.page.locator("[data-kpi] .change[data-way]").evaluateAll((els) =>
    els.map((e) => ({
      kpi: e.closest("[data-kpi]")!.getAttribute("data-kpi")!,
      way: e.getAttribute("data-way") as "up" | "down" | "flat",
      cls: e.className,
      colour: getComputedStyle(e.querySelector("b")!).color,
    })),
  );
  expect(changes.length).toBeGreaterThanOrEqual(8);
  for (const c of changes) {
    const expected = tone(c.kpi, c.way);
    expect(c.cls, `${c.kpi} ${c.way}`).toContain(expected);
    if (expected === "good" || expected === "bad") expect(c.colour, `${c.kpi} ${c.way}`).toBe(COLOURS[expected]);
    else expect(Object.values(COLOURS), `${c.kpi} ${c.way}`).not.toContain(c.colour);
  }
  await v.page.close();
  const h = await visit(browser, `${siteUrl}${lang}/health.html`, { ready: "#kpis [data-kpi]" });
  const defined = await h.page
    .locator("#kpis tr[data-kpi]")
    .evaluateAll((rows) =>
      rows.map((r) => ({ kpi: r.getAttribute("data-kpi"), definition: r.querySelector('[data-col="definition"]')?.textContent ?? "" })),
    );
  expect(defined.map((d) => d.kpi)).toEqual(KPIS);
  for (const d of defined) expect(d.definition.length, d.kpi ?? "").toBeGreaterThan(10);
  if (lang === "ar") {
    const cells = await h.page.locator('#tests td[data-col="severity"], #tests td[data-col="status"]').allTextContents();
    for (const text of cells) expect(text, "an English word on the Arabic health page").not.toMatch(/[A-Za-z]/);
  }
  await h.page.close();
}

/** The report's sentence for each headline KPI says "rose" for a rise and "fell" for a fall, never with a contrary sign. */
export function reportVerbsAgree(published: string, audience: string, period: string): void {
  const data = join(published, audience, "site", "_file", "data");
  const overview = JSON.parse(readFileSync(join(data, readdirSync(data).find((f) => f.startsWith("overview"))!), "utf8")) as Overview;
  const text = (lang: string) =>
    readFileSync(join(published, audience, "report", `report-${period}-${lang}.html`), "utf8")
      .replace(/<[^>]+>/g, " ")
      .replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));
  const en = text("en");
  const ar = text("ar");
  expect(en).not.toMatch(/\b(rose|fell) [+−-]/);
  expect(ar).not.toMatch(/(ارتفع|انخفض) مؤشر «[^»]+» (بنسبة|بمقدار) [\u200e\u200f]*[+−-]/);
  const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let checked = 0;
  for (const k of overview.kpis) {
    const m = movement(k.vs_previous, k.unit, "en", "latn", "points");
    // the report says "percentage points" where the cards say "points"
    const said = en.match(
      new RegExp(`${literal(kpiLabel("en", k.kpi))} (rose|fell|was unchanged) ?([^ ]*(?: percentage points| points)?)`),
    );
    if (!m || !said) continue;
    expect(said[1], `${k.kpi} ${m.signed}`).toBe({ up: "rose", down: "fell", flat: "was unchanged" }[m.way]);
    // "rose from 0 last month to 3" names both values instead of the size
    if (m.way !== "flat" && said[2] !== "from")
      expect(said[2]?.replace("percentage points", "points"), `${k.kpi} ${m.signed}`).toBe(m.size);
    const saidAr = ar.match(new RegExp(`(ارتفع|انخفض|استقر) مؤشر «${literal(kpiLabel("ar", k.kpi))}»`));
    expect(saidAr?.[1], `${k.kpi} ${m.signed}`).toBe({ up: "ارتفع", down: "انخفض", flat: "استقر" }[m.way]);
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(4);
}
