// The Risk page and the Alerts view end to end (tests/risk-pages-support.ts makes the world): loaded in
// headless Chromium in both languages and audiences, their numbers checked against marts.employer_risk,
// risk_migration, employer_risk_movements, risk_validation and audit.alerts in the DuckDB file; one
// employer's score and drivers, the profile's risk block and the Overview's tile; the report's risk
// section in both PDFs; the layout at two widths; and the management build searched for detail.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumPath, launchChromium } from "../pipelines/publish/chromium.ts";
import { runs, visit } from "./helpers/browser.ts";
import { query } from "./helpers/warehouse.ts";
import { walk } from "./dashboards-files.ts";
import { layoutAtWidths } from "./dashboards-layout.ts";
import { countsBy, makeWorld, type World } from "./risk-pages-support.ts";
import { alertsInChromium } from "./risk-pages-alerts.ts";

const HAVE_CHROMIUM = chromiumPath() !== undefined;
let world: World;
let browser: Browser;
const at = () => query<{ d: string }>(world.db, "SELECT strftime(max(as_of), '%Y-%m-%d') AS d FROM marts.employer_risk");

beforeAll(async () => {
  world = await makeWorld("tahseel-risk-pages-");
  if (HAVE_CHROMIUM) browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(world?.sites ?? {})) await s.close();
});

test("the build scored every employer and raised alerts of several rules", async () => {
  const [{ n }] = (await query<{ n: number }>(world.db, "SELECT count(*)::INTEGER AS n FROM marts.employer_risk")) as [{ n: number }];
  expect(n).toBeGreaterThan(0);
  expect((await countsBy(world.db, "audit.alerts", "kind")).length).toBeGreaterThan(1);
});

test("the management build holds aggregates only: no movers, no employer, no alert", async () => {
  const manifest = JSON.parse(readFileSync(join(world.published, "management", "manifest.json"), "utf8"));
  expect(manifest.pages).toContain("ar/risk.html");
  expect(manifest.pages).not.toContain("en/alerts.html");
  expect(manifest.privacy_scan.hits).toBe(0);
  const data = (name: string) => {
    const [file] = walk(join(world.published, "management", "site", "_file", "data")).filter((f) =>
      new RegExp(`/${name}\\.[\\w.]*json$`).test(f),
    );
    return JSON.parse(readFileSync(file!, "utf8"));
  };
  expect(Object.keys(data("risk")).sort()).toEqual(["dates", "drivers", "migration", "rules_version", "tiers", "validation"]);
  expect(Object.keys(data("alerts")).sort()).toEqual(["counts", "total"]);
  const ids = (await query<{ id: string }>(world.db, "SELECT DISTINCT employer_id AS id FROM marts.employer_risk")).map((r) => r.id);
  const alerts = await query<{ alert_key: string; subject: string }>(world.db, "SELECT alert_key, subject FROM audit.alerts");
  for (const f of walk(join(world.published, "management")).filter((f) => /\.(html|js|json|csv)$/.test(f))) {
    const text = readFileSync(f, "utf8");
    for (const id of ids) expect(text.includes(id), `${id} in ${f}`).toBe(false);
    for (const a of alerts) expect(text.includes(a.alert_key) || text.includes(a.subject), `an alert in ${f}`).toBe(false);
  }
});

test.skipIf(!runs("pdftotext", ["-v"]))(
  "the management report's PDF has the risk section with its figures, in Arabic and English",
  async () => {
    const { period, period_end } = world.stamp;
    const [{ d }] = (await query<{ d: string }>(
      world.db,
      `SELECT strftime(max(as_of), '%Y-%m-%d') AS d FROM marts.employer_risk WHERE as_of <= '${period_end}'`,
    )) as [{ d: string }];
    const [critical] = await query<{ n: number }>(
      world.db,
      `SELECT count(*)::INTEGER AS n FROM marts.employer_risk WHERE as_of = '${d}' AND risk_tier = 'critical'`,
    );
    for (const [lang, title, word] of [
      ["en", "Employer risk", "Critical"],
      ["ar", "مخاطر أصحاب العمل", "حرجة"],
    ] as const) {
      const pdf = join(world.published, "management", "report", `report-${period}-${lang}.pdf`);
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
      expect(text, lang).toContain(title);
      const html = readFileSync(pdf.replace(/\.pdf$/, ".html"), "utf8");
      const section = html.slice(html.indexOf('data-section="report.risk"'));
      expect(section.length, lang).toBeGreaterThan(100);
      expect(section).toContain(`${word} ${critical!.n}`);
    }
  },
);

describe.skipIf(!HAVE_CHROMIUM)("in Chromium", () => {
  test("the Risk page loads cleanly in both audiences and languages, its tiers, migration and validation the marts'", {
    timeout: 240_000,
  }, async () => {
    const [{ d }] = (await at()) as [{ d: string }];
    const tiers = await countsBy(world.db, `marts.employer_risk WHERE as_of = '${d}'`, "risk_tier");
    const migration = await query<{ from_tier: string; to_tier: string; n: number }>(
      world.db,
      `SELECT from_tier, to_tier, employers::INTEGER AS n FROM marts.risk_migration WHERE as_of = '${d}' ORDER BY ALL`,
    );
    const [validation] = await query<{ auc: string | null }>(
      world.db,
      `SELECT CAST(round(auc, 3) AS VARCHAR) AS auc FROM marts.risk_validation WHERE population = 'all' AND auc IS NOT NULL
       ORDER BY as_of DESC LIMIT 1`,
    );
    for (const audience of ["audit", "management"] as const)
      for (const lang of ["ar", "en"] as const) {
        const v = await visit(browser, `${world.sites[audience].url}${lang}/risk.html`, { ready: "[data-page=risk] #migration" });
        expect(v.problems, `${audience} ${lang}`).toEqual([]);
        for (const t of tiers)
          expect(await v.page.getAttribute(`[data-figure="tier-${t.risk_tier}"]`, "data-value"), `${lang} ${t.risk_tier}`).toBe(
            String(t.n),
          );
        const cells = await v.page.$$eval("[data-migration] tr[data-from]", (rows) =>
          rows.flatMap((r) =>
            ["low", "medium", "high", "critical"].map((to) => ({
              from_tier: r.getAttribute("data-from")!,
              to_tier: to,
              n: Number(r.querySelector(`td[data-col=${to}]`)!.getAttribute("data-value")),
            })),
          ),
        );
        expect(
          cells.filter((c) => c.n > 0).sort((a, b) => `${a.from_tier}${a.to_tier}`.localeCompare(`${b.from_tier}${b.to_tier}`)),
        ).toEqual([...migration].sort((a, b) => `${a.from_tier}${a.to_tier}`.localeCompare(`${b.from_tier}${b.to_tier}`)));
        if (validation) expect(await v.page.getAttribute("[data-figure=risk-auc]", "data-value")).toBe(validation.auc);
        expect((await v.page.$$("[data-mover]")).length > 0).toBe(audience === "audit");
        await v.page.close();
      }
  });

  test("the top movers are the mart's; one employer's score history and drivers add up to its score", { timeout: 120_000 }, async () => {
    const [{ d }] = (await at()) as [{ d: string }];
    const movers = await query<{ employer_id: string }>(
      world.db,
      `SELECT employer_id FROM marts.employer_risk_movements WHERE as_of = '${d}' AND mover_rank <= 20 AND score_delta <> 0
       ORDER BY mover_rank`,
    );
    const v = await visit(browser, `${world.sites.audit.url}en/risk.html`, { ready: "[data-page=risk] #migration" });
    expect(await v.page.$$eval("tr[data-mover]", (r) => r.map((x) => x.getAttribute("data-mover")))).toEqual(
      movers.map((m) => m.employer_id),
    );
    const id =
      movers[0]?.employer_id ?? (await query<{ e: string }>(world.db, "SELECT min(employer_id) AS e FROM marts.employer_risk"))[0]!.e;
    if (movers.length) await v.page.click(`a[data-risk-employer="${id}"]`);
    else await v.page.goto(`${world.sites.audit.url}en/risk.html?employer=${id}`);
    await v.page.waitForSelector(`[data-risk-employer="${id}"] [data-waterfall] svg`);
    expect(new URL(v.page.url()).searchParams.get("employer")).toBe(id);
    const [row] = await query<Record<string, string>>(
      world.db,
      `SELECT CAST(risk_score AS VARCHAR) AS risk_score, CAST(exposure_points AS VARCHAR) AS exposure,
         CAST(arrears_age_points AS VARCHAR) AS arrears_age FROM marts.employer_risk WHERE employer_id = '${id}' AND as_of = '${d}'`,
    );
    expect(await v.page.getAttribute("[data-figure=employer-score]", "data-value")).toBe(row!.risk_score);
    for (const driver of ["exposure", "arrears_age"])
      expect(await v.page.getAttribute(`tr[data-driver-points=${driver}] td[data-col=points]`, "data-value")).toBe(row![driver]);
    expect(v.problems).toEqual([]);
    await v.page.close();
  });

  test("the employer profile shows the score, tier and reasons; the Overview's tile counts critical and high", {
    timeout: 120_000,
  }, async () => {
    const [{ d }] = (await at()) as [{ d: string }];
    const [e] = await query<{ employer_id: string; score: string; risk_tier: string; reason: string }>(
      world.db,
      `SELECT employer_id, CAST(risk_score AS VARCHAR) AS score, risk_tier, reason_1_en AS reason FROM marts.employer_risk
       WHERE as_of = '${d}' ORDER BY risk_score DESC, employer_id LIMIT 1`,
    );
    const p = await visit(browser, `${world.sites.audit.url}en/employer.html?id=${e!.employer_id}`, { ready: "[data-employer-risk]" });
    expect(p.problems).toEqual([]);
    expect(await p.page.getAttribute("[data-employer-risk] [data-figure=risk-score]", "data-value")).toBe(e!.score);
    expect(await p.page.getAttribute("[data-employer-risk]", "data-employer-risk")).toBe(e!.risk_tier);
    expect(await p.page.textContent("[data-employer-risk] ol li")).toBe(e!.reason);
    await p.page.close();
    const { period_end } = world.stamp;
    const [{ n, date }] = (await query<{ n: number; date: string }>(
      world.db,
      `SELECT count(*) FILTER (WHERE risk_tier IN ('critical', 'high'))::INTEGER AS n, strftime(max(as_of), '%Y-%m-%d') AS date
       FROM marts.employer_risk WHERE as_of = (SELECT max(as_of) FROM marts.employer_risk WHERE as_of <= '${period_end}')`,
    )) as [{ n: number; date: string }];
    for (const audience of ["audit", "management"] as const) {
      const o = await visit(browser, `${world.sites[audience].url}ar/index.html`, { ready: "[data-figure=risk]" });
      expect(o.problems).toEqual([]);
      expect(await o.page.getAttribute("[data-figure=risk-serious]", "data-value"), date).toBe(String(n));
      await o.page.close();
    }
  });

  test("layout: the Risk page and the Alerts view fit at 1400 and 1024 px in both languages", { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const [{ e }] = (await query<{ e: string }>(world.db, "SELECT min(employer_id) AS e FROM marts.employer_risk")) as [{ e: string }];
    for (const lang of ["ar", "en"]) {
      const pages: [string, string, string][] = [
        [`${world.sites.audit.url}${lang}/risk.html?employer=${e}`, "[data-waterfall] svg", `risk-audit-${lang}`],
        [`${world.sites.management.url}${lang}/risk.html`, "#migration", `risk-management-${lang}`],
        [`${world.sites.audit.url}${lang}/alerts.html`, "[data-alert]", `alerts-${lang}`],
      ];
      for (const [url, ready, shot] of pages)
        for (const p of await layoutAtWidths(browser, url, ready, shot)) problems.push(`${shot} ${p}`);
    }
    expect(problems).toEqual([]);
  });

  alertsInChromium(() => ({ world, browser }));
});
