// Checks of the dashboards test that follow links as a reader would: the employer page's list of the
// largest arrears, and the drill-downs from the overview to an employer and to an invoice's contributors.
import { expect } from "vitest";
import { screenshot, visit } from "./helpers/browser.ts";
import { query } from "./helpers/warehouse.ts";
import type { PublishedFund } from "./dashboards-fund.ts";

/** Without an id the employer page lists the largest arrears; following one opens its profile. */
export async function largestArrearsLeadToProfiles(fund: PublishedFund): Promise<void> {
  const { browser, db, sites, stamps } = fund;
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
}

/** Overview arrears → employers of a severity → profile; an invoice → its contributors; the language switch keeps the filters. */
export async function drillDownByClicking(fund: PublishedFund): Promise<void> {
  const { browser, db, sites, stamps } = fund;
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
}
