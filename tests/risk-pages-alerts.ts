// The Alerts view's Chromium tests, run inside tests/risk-pages.test.ts on its world: counts and list
// against audit.alerts, the message in the page's language, who acknowledged, URL filters, the CSV, the
// links, and the data-health tile in both builds.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { expect, test } from "vitest";
import { visit } from "./helpers/browser.ts";
import { query } from "./helpers/warehouse.ts";
import { countsBy, type World } from "./risk-pages-support.ts";

export function alertsInChromium(get: () => { world: World; browser: Browser }): void {
  test("the Alerts view loads cleanly in both languages, its counts and list audit.alerts'", { timeout: 180_000 }, async () => {
    const { world, browser } = get();
    const byState = await countsBy(world.db, "audit.alerts", "state");
    const byRuleState = await countsBy(world.db, "audit.alerts", "kind", "state");
    const [{ n: total }] = (await query<{ n: number }>(world.db, "SELECT count(*)::INTEGER AS n FROM audit.alerts")) as [{ n: number }];
    const [ack] = await query<{ subject_ar: string; subject: string; occurrence: number }>(
      world.db,
      `SELECT subject, subject_ar, occurrence FROM audit.alerts WHERE alert_key = '${world.acknowledged}' ORDER BY occurrence DESC LIMIT 1`,
    );
    for (const lang of ["ar", "en"] as const) {
      const v = await visit(browser, `${world.sites.audit.url}${lang}/alerts.html`, {
        ready: "[data-alert]",
        screenshot: `alerts-${lang}`,
      });
      expect(v.problems, lang).toEqual([]);
      expect(await v.page.evaluate(() => document.documentElement.dir)).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await v.page.getAttribute("[data-figure=alerts-total]", "data-value")).toBe(String(total));
      for (const s of byState)
        expect(await v.page.getAttribute(`[data-count="state:${s.state}"]`, "data-value"), `${lang} ${s.state}`).toBe(String(s.n));
      const shown = await v.page.$$eval("tr[data-count^='rule:']", (rows) =>
        rows.flatMap((r) =>
          ["acknowledged", "closed", "new"].map((state) => ({
            kind: r.getAttribute("data-count")!.slice(5),
            state,
            n: Number(r.querySelector(`td[data-col=${state}]`)!.getAttribute("data-value")),
          })),
        ),
      );
      expect(shown.filter((r) => r.n > 0)).toEqual(byRuleState);
      expect(await v.page.$$eval("[data-alert]", (r) => r.length)).toBe(Math.min(50, total));
      // the acknowledged alert: its message in the page's language, and who acknowledged it
      const row = `tr[data-alert="${world.acknowledged}#${ack!.occurrence}"]`;
      expect(await v.page.getAttribute(row, "data-state")).toBe("acknowledged");
      expect(await v.page.textContent(`${row} td[data-col^=message]`)).toBe(lang === "ar" ? ack!.subject_ar : ack!.subject);
      expect(await v.page.textContent(`${row} td[data-col=state_by]`)).toBe("noura.auditor");
      await v.page.close();
    }
  });

  test("the Alerts view's filters come from the URL, its CSV holds the filtered rows, its links lead to pages that load", {
    timeout: 120_000,
  }, async () => {
    const { world, browser } = get();
    const [rule] = await query<{ kind: string; n: number }>(
      world.db,
      "SELECT kind, count(*)::INTEGER AS n FROM audit.alerts WHERE state <> 'closed' GROUP BY kind ORDER BY n DESC, kind LIMIT 1",
    );
    const v = await visit(browser, `${world.sites.audit.url}en/alerts.html?state=open&rule=${rule!.kind}`, { ready: "[data-alert]" });
    expect(v.problems).toEqual([]);
    expect(await v.page.getAttribute("[data-figure=alerts-shown]", "data-value")).toBe(String(rule!.n));
    expect(await v.page.$$eval("[data-alert]", (rows) => rows.every((r) => r.getAttribute("data-state") !== "closed"))).toBe(true);
    expect(await v.page.inputValue("select[name=rule]")).toBe(rule!.kind);
    const [download] = await Promise.all([v.page.waitForEvent("download"), v.page.click("[data-table=alerts] button.csv")]);
    const csv = readFileSync((await download.path())!, "utf8")
      .trim()
      .split("\n");
    expect(csv[0]).toContain("alert_key");
    expect(csv).toHaveLength(rule!.n + 1);
    const all = await visit(browser, `${world.sites.audit.url}en/alerts.html`, { ready: "[data-alert]" });
    const hrefs = await all.page.$$eval("a[data-alert-link]", (a) => {
      const byPage = new Map(a.map((l) => [l.getAttribute("data-alert-link"), (l as HTMLAnchorElement).href]));
      return [...byPage.values()];
    });
    expect(hrefs.length).toBeGreaterThan(0);
    await Promise.all([v.page.close(), all.page.close()]);
    for (const href of hrefs) {
      const target = await visit(browser, href, { ready: "[data-page]" });
      expect(target.problems, href).toEqual([]);
      await target.page.close();
    }
  });

  test("the data-health tile counts the alerts in both builds, and links to the view only in the audit build", {
    timeout: 120_000,
  }, async () => {
    const { world, browser } = get();
    const [{ open, total }] = (await query<{ open: number; total: number }>(
      world.db,
      "SELECT count(*) FILTER (WHERE state <> 'closed')::INTEGER AS open, count(*)::INTEGER AS total FROM audit.alerts",
    )) as [{ open: number; total: number }];
    for (const audience of ["audit", "management"] as const)
      for (const lang of ["ar", "en"] as const) {
        const v = await visit(browser, `${world.sites[audience].url}${lang}/health.html`, { ready: "[data-figure=alerts]" });
        expect(v.problems).toEqual([]);
        expect(await v.page.getAttribute("[data-figure=alerts] [data-figure=alerts-open]", "data-value")).toBe(String(open));
        expect(await v.page.getAttribute("[data-figure=alerts] [data-figure=alerts-total]", "data-value")).toBe(String(total));
        const links = (await v.page.$$("[data-figure=alerts] a[data-link=alerts]")).length;
        if (audience === "audit") expect(links).toBeGreaterThan(3);
        else expect(links).toBe(0);
        await v.page.close();
      }
  });
}
