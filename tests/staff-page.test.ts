// The rest of the Findings pages end to end (issue 17, pages): the Benford chart, the Staff page, the
// employer profile's findings and the report's findings section. A generated fund goes through ingest
// and build with the Benford minimum counts lowered (so a 30-employer fund has groups to test), two
// findings are disposed of, and both audiences are published; then every page is loaded in headless
// Chromium in both languages, its figures checked against the warehouse, and the management build
// searched for any staff user, finding id or Benford shard.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chromiumPath, launchChromium } from "../pipelines/publish/chromium.ts";
import { REPO_ROOT } from "../pipelines/publish/index.ts";
import { serveStatic, type StaticSite } from "../pipelines/publish/static-server.ts";
import type { Audience } from "../pipelines/publish/types.ts";
import { layoutAtWidths } from "./dashboards-layout.ts";
import { walk } from "./dashboards-files.ts";
import { runs, visit } from "./helpers/browser.ts";
import { tempDir } from "./helpers/deliveries.ts";
import { prepareGeneratedFund } from "./helpers/fund-run.ts";
import { query } from "./helpers/warehouse.ts";

const HAVE_CHROMIUM = chromiumPath() !== undefined;
const HAVE_PDFTOTEXT = runs("pdftotext", ["-v"]);
const dir = tempDir("tahseel-staff-page-");
const db = join(dir, "warehouse.duckdb");
const published = join(dir, "published");
let browser: Browser;
const sites = {} as Record<Audience, StaticSite>;
const tahseel = (...args: string[]) =>
  execFileSync(join(REPO_ROOT, "node_modules", ".bin", "tsx"), ["pipelines/cli/main.ts", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 540_000,
    encoding: "utf8",
  });

beforeAll(async () => {
  const rules = JSON.parse(readFileSync(join(REPO_ROOT, "config", "rules.json"), "utf8"));
  rules.detectors.benford.min_count_first_digit = 30;
  rules.detectors.benford.min_count_first_two = 400;
  writeFileSync(join(dir, "rules.json"), JSON.stringify(rules));
  const config = await prepareGeneratedFund({ dir, db, seed: "7", rules: join(dir, "rules.json"), steps: ["ingest", "build"] });
  tahseel("run", "--config", config, "--json");
  const [confirmed, dismissed] = await query<{ anomaly_id: string }>(
    db,
    "SELECT anomaly_id FROM audit.findings WHERE rule IN ('split_credits', 'fee_waiver_concentration') ORDER BY rule DESC",
  );
  tahseel("findings", "dispose", confirmed!.anomaly_id, "--status", "confirmed", "--by", "auditor1", "--db", db);
  tahseel("findings", "dispose", dismissed!.anomaly_id, "--status", "false_positive", "--by", "auditor1", "--db", db);
  tahseel("publish", "--db", db, "--out", published);
  for (const audience of ["management", "audit"] as const) sites[audience] = await serveStatic(join(published, audience, "site"));
  if (HAVE_CHROMIUM) browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Active findings naming each staff user, by rule. */
const staffCounts = () =>
  query<{ user_id: string; rule: string; n: number }>(
    db,
    `SELECT s.user_id, s.rule, count(*)::INTEGER AS n FROM marts.staff_findings AS s JOIN audit.findings AS f USING (anomaly_id)
     WHERE f.seen_state = 'active' GROUP BY ALL ORDER BY ALL`,
  );

test("the staff findings name staff users only, and the staff detectors' users are among them", async () => {
  const users = new Set((await query<{ user_id: string }>(db, "SELECT user_id FROM marts.staff_activity")).map((r) => r.user_id));
  const counts = await staffCounts();
  for (const c of counts) expect(users.has(c.user_id), c.user_id).toBe(true);
  for (const rule of ["split_credits", "fee_waiver_concentration", "manual_posting_unreviewed"])
    expect(
      counts.some((c) => c.rule === rule),
      rule,
    ).toBe(true);
});

test("the management build has no Staff page, no Benford shard, no finding id, and no staff user in its findings", async () => {
  const manifest = JSON.parse(readFileSync(join(published, "management", "manifest.json"), "utf8"));
  expect(manifest.pages).not.toContain("en/staff.html");
  expect(manifest.privacy_scan.hits).toBe(0);
  expect(existsSync(join(published, "management", "site", "_file", "shards", "benford"))).toBe(false);
  const users = (await query<{ user_id: string }>(db, "SELECT user_id FROM marts.staff_activity")).map((r) => r.user_id);
  const ids = (await query<{ anomaly_id: string }>(db, "SELECT anomaly_id FROM audit.findings")).map((r) => r.anomaly_id);
  expect(users.length).toBeGreaterThan(0);
  // (the billing page names the staff user who posted an invoice by hand, in both builds by design)
  for (const file of walk(join(published, "management")).filter((f) => /\.(html|js|json|csv)$/.test(f))) {
    const text = readFileSync(file, "utf8");
    const findings = /findings|report-/.test(file);
    for (const id of [...(findings ? users : []), ...ids]) expect(text.includes(id), `${id} in ${file}`).toBe(false);
  }
});

test("the report's findings section holds the register's counts, by rule, in both languages and both editions", async () => {
  const active = await query<{ rule: string; n: number }>(
    db,
    "SELECT rule, count(*)::INTEGER AS n FROM audit.findings WHERE seen_state = 'active' GROUP BY rule ORDER BY rule",
  );
  const total = active.reduce((a, r) => a + r.n, 0);
  for (const audience of ["management", "audit"] as const)
    for (const lang of ["ar", "en"] as const) {
      const [file] = walk(join(published, audience, "report")).filter((f) => f.endsWith(`-${lang}.html`));
      const html = readFileSync(file!, "utf8");
      const section = /<section class="page" data-section="report\.findings" data-total="(\d+)">(.*?)<\/section>/s.exec(html);
      expect(section, `${audience} ${lang}`).not.toBeNull();
      expect(Number(section![1])).toBe(total);
      const rows = [...section![2]!.matchAll(/<tr><td>.*?<\/td><td>.*?<\/td><td class="num">([\d,]+)<\/td>/g)].map((m) => Number(m[1]));
      expect(rows.sort((a, b) => a - b)).toEqual(active.map((r) => r.n).sort((a, b) => a - b));
      // one confirmed and one false positive among the two disposed of
      if (lang === "en") expect(section![2]).toContain("disposed of 2 findings: 50.0% confirmed and 50.0% false positives");
    }
  if (!HAVE_PDFTOTEXT) return;
  for (const lang of ["ar", "en"] as const) {
    const [pdf] = walk(join(published, "management", "report")).filter((f) => f.endsWith(`-${lang}.pdf`));
    const text = execFileSync("pdftotext", [pdf!, "-"], { encoding: "utf8" }).normalize("NFKC");
    // (pdftotext splits Arabic lam-alef, so the Arabic title is found by its second word)
    expect(text).toContain(lang === "ar" ? "الرقابية" : "Audit findings");
  }
});

describe.skipIf(!HAVE_CHROMIUM)("in Chromium", () => {
  test("the Benford chart's bars are marts.benford_digits' shares, and a group below the minimum says so", {
    timeout: 180_000,
  }, async () => {
    const digits = await query<{ digit: number; observed: number; mad: number }>(
      db,
      `SELECT digit, observed, mad FROM marts.benford_digits
       WHERE level = 'all' AND population = 'payments' AND test = 'first_digit' ORDER BY digit`,
    );
    expect(digits).toHaveLength(9);
    for (const lang of ["ar", "en"] as const) {
      const v = await visit(browser, `${sites.audit.url}${lang}/findings.html?benford=all#benford`, {
        ready: "[data-chart=benford] rect[data-digit]",
        screenshot: `benford-${lang}`,
      });
      expect(v.problems, lang).toEqual([]);
      const bars = await v.page.$$eval("[data-chart=benford] rect[data-digit]", (r) =>
        r.map((x) => ({ digit: Number(x.getAttribute("data-digit")), observed: Number(x.getAttribute("data-observed")) })),
      );
      expect(bars.map((b) => b.digit)).toEqual(digits.map((d) => d.digit));
      for (const [i, b] of bars.entries()) expect(b.observed).toBeCloseTo(digits[i]!.observed, 12);
      expect(Number(await v.page.getAttribute("[data-benford-verdict]", "data-mad"))).toBeCloseTo(digits[0]!.mad, 12);
      // an employer far below the minimum: no chart, a sentence saying why
      const [small] = await query<{ employer_id: string }>(
        db,
        `SELECT employer_id FROM staging.stg_employers WHERE employer_id NOT IN
           (SELECT group_id FROM marts.benford_digits WHERE level = 'employer' AND population = 'adjustments') ORDER BY 1 LIMIT 1`,
      );
      await v.page.goto(
        `${sites.audit.url}${lang}/findings.html?benford=employer:${small!.employer_id}&benford_population=adjustments#benford`,
      );
      await v.page.waitForSelector("[data-benford-below]");
      expect(await v.page.$$("[data-chart=benford]")).toHaveLength(0);
      await v.page.close();
    }
  });

  test("a staff user's Benford chart, chosen in the URL, is that user's distribution", { timeout: 120_000 }, async () => {
    const [group] = await query<{ group_id: string; n: number }>(
      db,
      `SELECT group_id, count(*)::INTEGER AS n FROM marts.benford_digits
       WHERE level = 'staff' AND test = 'first_digit' AND population = 'payments' GROUP BY ALL ORDER BY 1 LIMIT 1`,
    );
    expect(group, "a staff user with enough payments for the test").toBeDefined();
    const rows = await query<{ digit: number; observed: number }>(
      db,
      `SELECT digit, observed FROM marts.benford_digits WHERE level = 'staff' AND group_id = '${group!.group_id}'
       AND population = 'payments' AND test = 'first_digit' ORDER BY digit`,
    );
    const v = await visit(browser, `${sites.audit.url}en/findings.html?benford=user:${group!.group_id}#benford`, {
      ready: `[data-benford="staff:${group!.group_id}"] rect[data-digit]`,
    });
    expect(v.problems).toEqual([]);
    const shown = await v.page.$$eval("[data-chart=benford] rect[data-digit]", (r) =>
      r.map((x) => Number(x.getAttribute("data-observed"))),
    );
    expect(shown).toHaveLength(rows.length);
    for (const [i, o] of shown.entries()) expect(o).toBeCloseTo(rows[i]!.observed, 12);
    await v.page.close();
  });

  test("the Staff page shows each user's activity and findings as the warehouse holds them, and links to the list", {
    timeout: 180_000,
  }, async () => {
    const activity = await query<{ user_id: string; fee_waivers: number; wage_changes: number; manual_postings: number }>(
      db,
      "SELECT user_id, fee_waivers, wage_changes, manual_postings FROM marts.staff_activity ORDER BY user_id",
    );
    const counts = await staffCounts();
    for (const lang of ["ar", "en"] as const) {
      const v = await visit(browser, `${sites.audit.url}${lang}/staff.html`, { ready: "[data-page=staff] [data-staff-row]" });
      expect(v.problems, lang).toEqual([]);
      expect(await v.page.evaluate(() => document.documentElement.dir)).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await v.page.getAttribute("[data-figure=staff-users]", "data-value")).toBe(String(activity.length));
      for (const a of activity)
        for (const k of ["fee_waivers", "wage_changes", "manual_postings"] as const)
          expect(await v.page.getAttribute(`[data-staff-value="${a.user_id}:${k}"]`, "data-value"), `${a.user_id} ${k}`).toBe(String(a[k]));
      for (const c of counts.filter((x) => x.rule !== "payment_reversal" && !x.rule.startsWith("benford")))
        expect(await v.page.getAttribute(`[data-staff-count="${c.user_id}:${c.rule}"]`, "data-value"), `${c.user_id} ${c.rule}`).toBe(
          String(c.n),
        );
      await v.page.close();
    }
    // a count opens the Findings page's list filtered to the user and the rule
    const c = counts.find((x) => x.rule === "fee_waiver_concentration")!;
    const v = await visit(browser, `${sites.audit.url}en/staff.html`, { ready: `[data-staff-count="${c.user_id}:${c.rule}"]` });
    await v.page.click(`a:has([data-staff-count="${c.user_id}:${c.rule}"])`);
    await v.page.waitForSelector("[data-figure=findings-shown]");
    const url = new URL(v.page.url());
    expect([url.searchParams.get("user"), url.searchParams.get("rule")]).toEqual([c.user_id, c.rule]);
    expect(await v.page.getAttribute("[data-figure=findings-shown]", "data-value")).toBe(String(c.n));
    expect(v.problems).toEqual([]);
    await v.page.close();
  });

  test("the employer profile lists the employer's findings, each opening its detail", { timeout: 120_000 }, async () => {
    const [e] = await query<{ employer_id: string; n: number }>(
      db,
      `SELECT employer_id, count(*)::INTEGER AS n FROM audit.findings WHERE employer_id IS NOT NULL
       GROUP BY ALL ORDER BY n DESC, 1 LIMIT 1`,
    );
    for (const lang of ["ar", "en"] as const) {
      const v = await visit(browser, `${sites.audit.url}${lang}/employer.html?id=${e!.employer_id}`, {
        ready: "[data-figure=employer-findings]",
        screenshot: `employer-findings-${lang}`,
      });
      expect(v.problems, lang).toEqual([]);
      expect(await v.page.getAttribute("[data-figure=employer-findings]", "data-value")).toBe(String(e!.n));
      expect(await v.page.$$eval("[data-employer-finding]", (r) => r.length)).toBe(Math.min(30, e!.n));
      if (lang === "en") {
        const key = await v.page.getAttribute("[data-employer-finding] a[data-finding-link]", "data-finding-link");
        await v.page.click(`a[data-finding-link="${key}"]`);
        await v.page.waitForSelector(`[data-finding-shown="${key}"]`);
        expect(v.problems).toEqual([]);
      }
      await v.page.close();
    }
  });

  test("layout: the Staff and Findings pages fit at 1400 and 1024 px in both languages", { timeout: 240_000 }, async () => {
    const problems: string[] = [];
    for (const lang of ["ar", "en"] as const)
      for (const [page, ready] of [
        ["staff.html", "[data-staff-row]"],
        ["findings.html?benford=all", "[data-chart=benford]"],
      ] as const)
        for (const p of await layoutAtWidths(browser, `${sites.audit.url}${lang}/${page}`, ready, `${lang}-${page.split(".")[0]}`))
          problems.push(`${lang} ${page} ${p}`);
    expect(problems).toEqual([]);
  });
});
