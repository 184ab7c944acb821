// The Alerts view end to end: a generated fund (faults included) goes through `tahseel run` — ingest and
// build, which raise the alerts — then a person acknowledges one alert and closes another with
// `tahseel alerts`, and `tahseel publish` builds both audiences. The view is loaded in headless Chromium
// in both languages, its counts and list checked against audit.alerts in the DuckDB file, a filter
// taken from the URL, its CSV downloaded, its layout measured; the data-health tile is checked in both
// builds; and the management build is searched for any alert's key or message.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateDeliveries } from "../pipelines/generate/index.ts";
import { chromiumPath, launchChromium } from "../pipelines/publish/chromium.ts";
import { REPO_ROOT } from "../pipelines/publish/index.ts";
import { serveStatic, type StaticSite } from "../pipelines/publish/static-server.ts";
import type { Audience } from "../pipelines/publish/types.ts";
import { visit } from "./helpers/browser.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { query } from "./helpers/warehouse.ts";
import { walk } from "./dashboards-files.ts";
import { layoutAtWidths } from "./dashboards-layout.ts";

const HAVE_CHROMIUM = chromiumPath() !== undefined;
const dir = tempDir("tahseel-alerts-pages-");
const db = join(dir, "warehouse.duckdb");
const published = join(dir, "published");
let browser: Browser;
const sites = {} as Record<Audience, StaticSite>;
let acknowledged = "";
let closed = "";

const tahseel = (...args: string[]) =>
  execFileSync(join(REPO_ROOT, "node_modules", ".bin", "tsx"), ["pipelines/cli/main.ts", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 540_000,
  });

const countsBy = (...columns: string[]) =>
  query<Record<string, string | number>>(
    db,
    `SELECT ${columns.join(", ")}, count(*)::INTEGER AS n FROM audit.alerts GROUP BY ALL ORDER BY ${columns.join(", ")}`,
  );

beforeAll(async () => {
  await generateDeliveries({ out: join(dir, "gen"), employers: 30, months: 14, seed: "7", faults: true });
  const config = join(dir, "schedule.json");
  writeFileSync(
    config,
    JSON.stringify({
      db,
      inbox: join(dir, "gen", "inbox"),
      models: "models",
      rules: "config/rules.json",
      lock_dir: join(dir, "locks"),
      alerts_dir: join(dir, "alerts"),
      // the shipped alerts config: its cadences make the generated sources stale by the clock
      alerts: "config/alerts.json",
      retry: { attempts: 1 },
      jobs: [{ name: "run", cron: "0 0 * * *", steps: ["ingest", "build"] }],
    }),
  );
  tahseel("run", "--config", config, "--json");
  const keys = await query<{ alert_key: string }>(db, "SELECT alert_key FROM audit.alerts ORDER BY raised_at, alert_key");
  acknowledged = keys[0]!.alert_key;
  closed = keys.at(-1)!.alert_key;
  tahseel("alerts", "ack", acknowledged, "--db", db, "--by", "noura.auditor", "--note", "called the employer");
  tahseel("alerts", "close", closed, "--db", db, "--by", "fahad.auditor");
  tahseel("publish", "--db", db, "--out", published, "--no-pdf");
  for (const audience of ["management", "audit"] as const) sites[audience] = await serveStatic(join(published, audience, "site"));
  if (HAVE_CHROMIUM) browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.close();
});

test("the run raised alerts of several rules, and a person's acknowledgement and closing are in audit.alerts", async () => {
  const kinds = await countsBy("kind");
  expect(kinds.length).toBeGreaterThan(1);
  const states = await query<{ alert_key: string; state: string; state_by: string }>(
    db,
    `SELECT alert_key, state, state_by FROM audit.alerts WHERE alert_key IN ('${acknowledged}', '${closed}') ORDER BY state`,
  );
  expect(states).toEqual([
    { alert_key: acknowledged, state: "acknowledged", state_by: "noura.auditor" },
    { alert_key: closed, state: "closed", state_by: "fahad.auditor" },
  ]);
});

test("the management build has no Alerts view and counts only: no alert key, message or employer", async () => {
  const manifest = JSON.parse(readFileSync(join(published, "management", "manifest.json"), "utf8"));
  expect(manifest.pages).not.toContain("en/alerts.html");
  expect(JSON.parse(readFileSync(join(published, "audit", "manifest.json"), "utf8")).pages).toContain("ar/alerts.html");
  expect(manifest.privacy_scan.hits).toBe(0);
  const [file] = walk(join(published, "management", "site", "_file", "data")).filter((f) => /\/alerts\.[\w.]*json$/.test(f));
  expect(Object.keys(JSON.parse(readFileSync(file!, "utf8"))).sort()).toEqual(["counts", "total"]);
  const alerts = await query<{ alert_key: string; subject: string }>(db, "SELECT alert_key, subject FROM audit.alerts");
  for (const f of walk(join(published, "management")).filter((f) => /\.(html|js|json|csv)$/.test(f))) {
    const text = readFileSync(f, "utf8");
    for (const a of alerts) {
      expect(text.includes(a.alert_key), `${a.alert_key} in ${f}`).toBe(false);
      expect(text.includes(a.subject), `a message in ${f}`).toBe(false);
    }
  }
});

describe.skipIf(!HAVE_CHROMIUM)("in Chromium", () => {
  test("the Alerts view loads cleanly in both languages, its counts and list audit.alerts'", { timeout: 180_000 }, async () => {
    const byState = await countsBy("state");
    const byRuleState = await countsBy("kind", "state");
    const [{ n: total }] = (await query<{ n: number }>(db, "SELECT count(*)::INTEGER AS n FROM audit.alerts")) as [{ n: number }];
    const [ack] = await query<{ subject_ar: string; subject: string; occurrence: number }>(
      db,
      `SELECT subject, subject_ar, occurrence FROM audit.alerts WHERE alert_key = '${acknowledged}' ORDER BY occurrence DESC LIMIT 1`,
    );
    for (const lang of ["ar", "en"] as const) {
      const v = await visit(browser, `${sites.audit.url}${lang}/alerts.html`, { ready: "[data-alert]" });
      expect(v.problems, lang).toEqual([]);
      expect(await v.page.evaluate(() => document.documentElement.dir)).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await v.page.getAttribute("[data-figure=alerts-total]", "data-value")).toBe(String(total));
      for (const s of byState)
        expect(await v.page.getAttribute(`[data-count="state:${s.state}"]`, "data-value"), `${lang} ${s.state}`).toBe(String(s.n));
      const shown = await v.page.$$eval("tr[data-count^='rule:']", (rows) =>
        rows.flatMap((r) =>
          ["new", "acknowledged", "closed"].map((state) => ({
            kind: r.getAttribute("data-count")!.slice(5),
            state,
            n: Number(r.querySelector(`td[data-col=${state}]`)!.getAttribute("data-value")),
          })),
        ),
      );
      expect(shown.filter((r) => r.n > 0)).toEqual(byRuleState);
      expect(await v.page.$$eval("[data-alert]", (r) => r.length)).toBe(Math.min(50, total));
      // the acknowledged alert: its message in the page's language, who acknowledged it
      const row = `tr[data-alert="${acknowledged}#${ack!.occurrence}"]`;
      expect(await v.page.getAttribute(row, "data-state")).toBe("acknowledged");
      expect(await v.page.textContent(`${row} td[data-col^=message]`)).toBe(lang === "ar" ? ack!.subject_ar : ack!.subject);
      expect(await v.page.textContent(`${row} td[data-col=state_by]`)).toBe("noura.auditor");
      await v.page.close();
    }
  });

  test("filters come from the URL; the CSV holds the filtered rows; every link leads to a page of the site", {
    timeout: 120_000,
  }, async () => {
    const [rule] = await query<{ kind: string; n: number }>(
      db,
      "SELECT kind, count(*)::INTEGER AS n FROM audit.alerts WHERE state <> 'closed' GROUP BY kind ORDER BY n DESC, kind LIMIT 1",
    );
    const v = await visit(browser, `${sites.audit.url}en/alerts.html?state=open&rule=${rule!.kind}`, { ready: "[data-alert]" });
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
    // a link of each kind shown resolves to a page that loads
    const hrefs = await v.page.$$eval("a[data-alert-link]", (a) => [...new Set(a.map((l) => (l as HTMLAnchorElement).href))].slice(0, 3));
    await v.page.close();
    for (const href of hrefs) {
      const target = await visit(browser, href, { ready: "[data-page]" });
      expect(target.problems, href).toEqual([]);
      await target.page.close();
    }
  });

  test("the data-health tile counts the alerts in both builds, and links to the view only in the audit build", {
    timeout: 120_000,
  }, async () => {
    const [{ open, total }] = (await query<{ open: number; total: number }>(
      db,
      "SELECT count(*) FILTER (WHERE state <> 'closed')::INTEGER AS open, count(*)::INTEGER AS total FROM audit.alerts",
    )) as [{ open: number; total: number }];
    for (const audience of ["audit", "management"] as const)
      for (const lang of ["ar", "en"] as const) {
        const v = await visit(browser, `${sites[audience].url}${lang}/health.html`, { ready: "[data-figure=alerts]" });
        expect(v.problems).toEqual([]);
        expect(await v.page.getAttribute("[data-figure=alerts] [data-figure=alerts-open]", "data-value")).toBe(String(open));
        expect(await v.page.getAttribute("[data-figure=alerts] [data-figure=alerts-total]", "data-value")).toBe(String(total));
        const links = (await v.page.$$("[data-figure=alerts] a[data-link=alerts]")).length;
        if (audience === "audit") expect(links).toBeGreaterThan(3);
        else expect(links).toBe(0);
        await v.page.close();
      }
  });

  test("layout: the Alerts view fits at 1400 and 1024 px in both languages", { timeout: 180_000 }, async () => {
    const problems: string[] = [];
    for (const lang of ["ar", "en"])
      for (const p of await layoutAtWidths(browser, `${sites.audit.url}${lang}/alerts.html`, "[data-alert]", `alerts-${lang}`))
        problems.push(`${lang} ${p}`);
    expect(problems).toEqual([]);
  });
});
