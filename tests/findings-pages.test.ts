import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumPath, launchChromium } from "../pipelines/publish/chromium.ts";
import { serveStatic, type StaticSite } from "../pipelines/publish/static-server.ts";
import type { Audience } from "../pipelines/publish/types.ts";
import { visit } from "./helpers/browser.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { prepareGeneratedFund, runScheduledJob } from "./helpers/fund-run.ts";
import { query } from "./helpers/warehouse.ts";
import { walk } from "./dashboards-files.ts";

const HAVE_CHROMIUM = chromiumPath() !== undefined;
const dir = tempDir("tahseel-findings-pages-");
const db = join(dir, "warehouse.duckdb");
const published = join(dir, "published");
let browser: Browser;
const sites = {} as Record<Audience, StaticSite>;

const active = (column: string) =>
  query<{ key: string; n: number }>(
    db,
    `SELECT coalesce(CAST(${column} AS VARCHAR), 'none') AS key, count(*)::INTEGER AS n FROM audit.findings
     WHERE seen_state = 'active' GROUP BY ALL ORDER BY key`,
  );

beforeAll(async () => {
  runScheduledJob(await prepareGeneratedFund({ dir, db, seed: "7" }));
  for (const audience of ["management", "audit"] as const) sites[audience] = await serveStatic(join(published, audience, "site"));
  if (HAVE_CHROMIUM) browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.close();
});

test("the run found something to show: the register holds the findings of marts.anomalies", async () => {
  const [anomalies] = await query<{ n: number }>(db, "SELECT count(*)::INTEGER AS n FROM marts.anomalies");
  const [register] = await query<{ n: number }>(db, "SELECT count(*)::INTEGER AS n FROM audit.findings WHERE seen_state = 'active'");
  expect(anomalies!.n).toBeGreaterThan(0);
  expect(register!.n).toBe(anomalies!.n);
});

test("the management build holds counts by rule and severity only: no finding id, no employer", async () => {
  const ids = (await query<{ anomaly_id: string }>(db, "SELECT anomaly_id FROM audit.findings")).map((r) => r.anomaly_id);
  const [file] = walk(join(published, "management", "site", "_file", "data")).filter((f) => /\/findings\.[\w.]*json$/.test(f));
  const data = JSON.parse(readFileSync(file!, "utf8"));
  expect(Object.keys(data).sort()).toEqual(["by_rule", "by_severity", "total"]);
  for (const file of walk(join(published, "management")).filter((f) => /\.(html|js|json|csv)$/.test(f))) {
    const text = readFileSync(file, "utf8");
    for (const id of ids) expect(text.includes(id), `${id} in ${file}`).toBe(false);
  }
  const manifest = JSON.parse(readFileSync(join(published, "management", "manifest.json"), "utf8"));
  expect(manifest.pages).toContain("en/findings.html");
  expect(manifest.privacy_scan.hits).toBe(0);
});

describe.skipIf(!HAVE_CHROMIUM)("in Chromium", () => {
  test("the Findings page loads cleanly in both languages and builds, its counts the warehouse's", { timeout: 180_000 }, async () => {
    const expected = { severity: await active("severity"), rule: await active("rule"), status: await active("status") };
    const total = expected.rule.reduce((a, r) => a + r.n, 0);
    const [listed] = await query<{ n: number }>(db, "SELECT count(*)::INTEGER AS n FROM audit.findings");
    for (const audience of ["audit", "management"] as const)
      for (const lang of ["ar", "en"] as const) {
        const v = await visit(browser, `${sites[audience].url}${lang}/findings.html`, {
          ready: "[data-page=findings]",
          screenshot: `findings-${audience}-${lang}`,
        });
        expect(v.problems, `${audience} ${lang}`).toEqual([]);
        expect(await v.page.evaluate(() => document.documentElement.dir)).toBe(lang === "ar" ? "rtl" : "ltr");
        expect(await v.page.getAttribute("[data-figure=findings-total]", "data-value")).toBe(String(total));
        const kinds = audience === "audit" ? (["severity", "rule", "status"] as const) : (["severity", "rule"] as const);
        for (const kind of kinds) {
          const shown = await v.page.$$eval(`[data-count^="${kind}:"]`, (rows) =>
            rows.map((r) => ({
              key: r.getAttribute("data-count")!.split(":")[1]!,
              n: Number(r.querySelector("[data-value]")!.getAttribute("data-value")),
            })),
          );
          expect(
            shown.sort((a, b) => a.key.localeCompare(b.key)),
            `${audience} ${lang} ${kind}`,
          ).toEqual(expected[kind]);
        }
        if (audience === "management") expect(await v.page.$$("[data-finding]")).toHaveLength(0);
        else expect(await v.page.$$eval("[data-row-finding]", (r) => r.length)).toBe(Math.min(50, listed!.n));
        await v.page.close();
      }
  });

  test("from the Overview's findings tile to a finding's source row (file and line)", { timeout: 120_000 }, async () => {
    const v = await visit(browser, `${sites.audit.url}en/index.html`, { ready: "[data-figure=findings] a[data-link=findings]" });
    expect(v.problems).toEqual([]);
    const [severity] = await v.page.$$eval("[data-figure=findings] li[data-severity]", (li) =>
      li.map((l) => l.getAttribute("data-severity")),
    );
    await v.page.click(`[data-figure=findings] li[data-severity="${severity}"] a`);
    await v.page.waitForSelector("[data-row-finding]");
    expect(new URL(v.page.url()).searchParams.get("severity")).toBe(severity);
    const [{ n }] = (await query<{ n: number }>(
      db,
      `SELECT count(*)::INTEGER AS n FROM audit.findings WHERE coalesce(severity, 'none') = '${severity}'`,
    )) as [{ n: number }];
    expect(await v.page.getAttribute("[data-figure=findings-shown]", "data-value")).toBe(String(n));
    // a finding whose entity is a delivered row: its file and line are shown
    const [wanted] = await query<{ anomaly_id: string; key: string }>(
      db,
      `SELECT anomaly_id, md5(anomaly_id)[1:16] AS key FROM audit.findings WHERE coalesce(severity, 'none') = '${severity}'
       AND entity IN ('payment', 'adjustment', 'invoice', 'wage', 'engagement') ORDER BY anomaly_id LIMIT 1`,
    );
    expect(wanted, "a finding whose source is a delivered row").toBeDefined();
    if (!wanted) return;
    await v.page.click(`a[data-finding="${wanted.key}"]`);
    await v.page.waitForSelector(`[data-finding-shown="${wanted.key}"] [data-source]`);
    const source = await v.page.getAttribute(`[data-finding-shown="${wanted.key}"] [data-source]`, "data-source");
    expect(source).toMatch(/^.+\.csv:\d+$/);
    expect(new URL(v.page.url()).searchParams.get("id")).toBe(wanted.key);
    expect(await v.page.$$eval(`[data-finding-shown="${wanted.key}"] td[data-col=field]`, (c) => c.length)).toBeGreaterThan(0);
    expect(await v.page.textContent(`[data-finding-shown="${wanted.key}"]`)).not.toContain('{"');
    await v.page.close();
  });
});
