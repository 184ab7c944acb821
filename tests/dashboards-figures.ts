// Checks of the dashboards test that the pages show the warehouse's numbers: the overview's KPI cards,
// ageing, suspension candidates and billing differences; the collections, billing, health and employer
// pages' figures, and the employer search.
import { Decimal } from "decimal.js";
import { expect } from "vitest";
import { code } from "../dashboards/components/codes.ts";
import { visit, shownNumber } from "./helpers/browser.ts";
import { query } from "./helpers/warehouse.ts";
import { anEmployerInArrears, type PublishedFund } from "./dashboards-fund.ts";

/** The overview's KPI cards, ageing, suspension and billing figures, in Arabic for management and English for audit. */
export async function overviewShowsWarehouse(fund: PublishedFund): Promise<void> {
  const { browser, db, sites, stamps } = fund;
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
}

/** The collections, billing and health pages' figures, and the employer profile found by id and by a word of its Arabic name. */
export async function pagesShowWarehouse(fund: PublishedFund): Promise<void> {
  const { browser, db, sites, stamps } = fund;
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

  const id = await anEmployerInArrears(db, stamps.audit.as_of);
  const [balance] = await query<{ outstanding: string }>(
    db,
    `SELECT CAST(outstanding AS VARCHAR) AS outstanding FROM marts.employer_balance WHERE employer_id = '${id}' AND as_of = '${asOf}'`,
  );
  const e = await visit(browser, `${sites.audit.url}en/employer.html?id=${id}`, { ready: "[data-employer-profile]" });
  expect(new Decimal((await e.page.locator("[data-figure=outstanding]").getAttribute("data-value"))!).eq(balance!.outstanding)).toBe(true);
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
}
