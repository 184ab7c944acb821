// The Objections page end to end on hand-made objections (each bad-input case among them) delivered through
// the real ingest, every model built, then the real publish for both audiences: the page in headless Chromium
// in both languages and both builds — no console error, no overflow at a laptop's and a small screen's width
// (screenshots in test-artifacts/dashboards/), its figures equal to the warehouse's — one objection's timeline
// opened from the URL, the employer profile's objections, the overview tile, the data-health counts, and the
// management build holding no objection number, employer number or name.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { memoryLogger } from "../pipelines/lib/context.ts";
import { chromiumPath, launchChromium } from "../pipelines/publish/chromium.ts";
import { publish } from "../pipelines/publish/index.ts";
import { serveStatic, type StaticSite } from "../pipelines/publish/static-server.ts";
import type { Audience } from "../pipelines/publish/types.ts";
import { walk } from "./dashboards-files.ts";
import { layoutAtWidths } from "./dashboards-layout.ts";
import { ingestWorld, type LedgerWorld } from "./fixtures/ledger/support.ts";
import { visit } from "./helpers/browser.ts";
import { FIXED_NOW } from "./helpers/warehouse.ts";
import { adjustment, dispute, disputeEvent, employer, invoice } from "./helpers/rows.ts";

const HAVE_CHROMIUM = chromiumPath() !== undefined;
const AS_OF = "2026-11-20";
const A = "100000041";
const B = "100000042";
const at = (day: string, time = "10:00:00") => `${day}T${time}+03:00`;
const ev = (id: string, d: string, day: string, status: string, resolved: string | null = null, time?: string) =>
  disputeEvent(id, d, { at: at(day, time), status, resolved_amount: resolved, actor: status === "submitted" ? "employer" : "ST0101" });
const PERIODS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];

let w: LedgerWorld;
let browser: Browser;
const sites = {} as Record<Audience, StaticSite>;
const out = () => join(w.dir, "published");

beforeAll(async () => {
  w = await ingestWorld({
    employers: [
      employer(A, { region: "RIYADH", name_en: "Objecting Trading Co" }),
      employer(B, { region: "MAKKAH", sector: "F", cr_number: "1010999042" }),
    ],
    invoices: [A, B].flatMap((e) =>
      PERIODS.map((p, i) => {
        const issued = `2026-${String(i + 7).padStart(2, "0")}-01`;
        return invoice(`IN-${e}-${p}`, e, { period: p, issued_on: issued, due_on: `${issued.slice(0, 8)}15` });
      }),
    ),
    invoice_adjustments: [
      // A1 conceded 300, credited 250: the amounts differ; B2's concession was never credited
      adjustment("AD-A1", `IN-${A}-2026-07`, {
        amount: "-250.00",
        reason_code: "dispute_settlement",
        created_at: at("2026-08-22"),
        approved_by: "u300",
        approved_at: at("2026-08-23"),
      }),
    ],
    disputes: [
      dispute("OB-A1", A, `IN-${A}-2026-07`, { submitted_on: "2026-08-03", category: "wage_mismatch" }),
      dispute("OB-A2", A, `IN-${A}-2026-08`, { submitted_on: "2026-08-10", category: "terminated_employee", disputed_amount: "800.00" }),
      dispute("OB-A3", A, `IN-${A}-2026-09`, { submitted_on: "2026-09-01", category: "wage_mismatch", disputed_amount: "400.00" }),
      dispute("OB-A4", A, `IN-${A}-2026-09`, { submitted_on: "2026-09-25", category: "duplicate_billing", disputed_amount: "650.00" }),
      dispute("OB-B1", B, `IN-${B}-2026-07`, { submitted_on: "2026-08-15", category: "other", disputed_amount: "300.00" }),
      dispute("OB-B2", B, `IN-${B}-2026-08`, { submitted_on: "2026-09-05", category: "unregistered_period", disputed_amount: "250.00" }),
      dispute("OB-B3", B, `IN-${B}-2026-08`, { submitted_on: "2026-09-20", category: "other", disputed_amount: "900.00" }),
      dispute("OB-B4", B, `IN-${B}-2026-10`, { submitted_on: "2026-11-02", category: "wage_mismatch", disputed_amount: "700.00" }),
      dispute("OB-B5", B, `IN-${B}-2026-09`, { submitted_on: "2026-10-01", category: "late_fee", disputed_amount: "350.00" }),
    ],
    dispute_events: [
      ev("OB-A1-1", "OB-A1", "2026-08-03", "submitted"),
      ev("OB-A1-2", "OB-A1", "2026-08-05", "under_review"),
      ev("OB-A1-3", "OB-A1", "2026-08-20", "accepted", "300.00"),
      ev("OB-A1-4", "OB-A1", "2026-08-25", "under_review"),
      ev("OB-A2-1", "OB-A2", "2026-08-10", "submitted"),
      ev("OB-A2-2", "OB-A2", "2026-09-15", "rejected"),
      ev("OB-A3-1", "OB-A3", "2026-09-01", "submitted"),
      ev("OB-A3-2", "OB-A3", "2026-09-20", "escalated_legal"),
      ev("OB-A3-3", "OB-A3", "2026-10-25", "partially_accepted", "100.00"),
      ev("OB-A4-1", "OB-A4", "2026-09-25", "submitted"),
      ev("OB-A4-2", "OB-A4", "2026-09-28", "under_review"),
      ev("OB-A4-3", "OB-A4", "2026-10-04", "info_requested"),
      ev("OB-B1-1", "OB-B1", "2026-08-15", "submitted"),
      ev("OB-B1-2", "OB-B1", "2026-08-18", "withdrawn"),
      ev("OB-B2-1", "OB-B2", "2026-09-05", "submitted"),
      ev("OB-B2-2", "OB-B2", "2026-10-10", "accepted", "250.00"),
      ev("OB-B3-1", "OB-B3", "2026-09-18", "rejected"),
      ev("OB-B5-1", "OB-B5", "2026-10-01", "submitted"),
      ev("OB-B5-3", "OB-B5", "2026-10-12", "accepted", "50.00"),
      ev("OB-B5-2", "OB-B5", "2026-10-12", "rejected"),
    ],
  });
  await w.build(AS_OF);
  await publish({ db: w.db, out: out(), audiences: ["management", "audit"], noPdf: true }, { logger: memoryLogger(), now: FIXED_NOW });
  for (const audience of ["management", "audit"] as const) sites[audience] = await serveStatic(join(out(), audience, "site"));
  if (HAVE_CHROMIUM) browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s?.close();
  w?.close();
});

const url = (audience: Audience, lang: string, page: string, query = "") => `${sites[audience].url}${lang}/${page}.html${query}`;
const values = (page: Page, selector: string, attr: string) =>
  page
    .locator(selector)
    .evaluateAll((els, a) => Object.fromEntries(els.map((e) => [e.getAttribute(a), e.getAttribute("data-value")])), attr);

describe.skipIf(!HAVE_CHROMIUM)("the Objections page", () => {
  for (const audience of ["management", "audit"] as const)
    for (const lang of ["ar", "en"] as const)
      test(`${audience}, ${lang}: loads without an error, fits at 1400 and 1024 px, and shows the warehouse's figures`, async () => {
        const v = await visit(browser, url(audience, lang, "objections"), { ready: "[data-page=objections] #mismatches" });
        expect(v.problems).toEqual([]);
        const [totals] = await w.rows<{ n: number; open: number; breached: number; decided: number; conceded: string }>(
          `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE is_open)::INTEGER AS open,
             count(*) FILTER (WHERE is_open AND sla_breached)::INTEGER AS breached, count(*) FILTER (WHERE NOT is_open)::INTEGER AS decided,
             CAST(sum(resolved_amount) FILTER (WHERE outcome IN ('accepted', 'partially_accepted')) AS VARCHAR) AS conceded
           FROM marts.dispute_lifecycle`,
        );
        // 9 objections: A4 (info requested since 4 Oct, 56 days) and B4 (no events, 18 days) open
        expect(totals).toEqual({ n: 9, open: 2, breached: 1, decided: 7, conceded: "650.00" });
        expect(await values(v.page, "[data-figure^=objections-]", "data-figure")).toMatchObject({
          "objections-total": "9",
          "objections-open": "2",
          "objections-open-breached": "1",
          "objections-decided": "7",
          "objections-conceded": "650.00",
        });
        const backlog = await w.rows<{ k: string; n: number }>(
          "SELECT status || '|' || age_band AS k, objections AS n FROM marts.dispute_backlog",
        );
        expect(await values(v.page, "[data-backlog]", "data-backlog")).toEqual(Object.fromEntries(backlog.map((b) => [b.k, String(b.n)])));
        expect(Object.keys(await values(v.page, "[data-backlog]", "data-backlog")).sort()).toEqual([
          "info_requested|31-60",
          "submitted|0-30",
        ]);
        const problems = await w.rows<{ problem: string; n: number }>(
          "SELECT problem, count(*)::INTEGER AS n FROM marts.dispute_settlement_check GROUP BY ALL",
        );
        expect(problems.sort((a, b) => a.problem.localeCompare(b.problem))).toEqual([
          { problem: "amount_differs", n: 1 },
          { problem: "missing", n: 2 },
        ]);
        const shown = await v.page
          .locator("[data-mismatches]")
          .evaluateAll((els) => els.map((e) => [e.getAttribute("data-mismatches"), e.textContent]));
        expect(Object.fromEntries(shown)).toEqual({ amount_differs: lang === "ar" ? "1" : "1", missing: "2" });
        // the lists and the timeline are the audit build's; the management build says it shows totals only
        expect(await v.page.locator("[data-objection]").count()).toBe(audience === "audit" ? 3 + 3 : 0);
        expect(await v.page.locator("#timeline").count()).toBe(audience === "audit" ? 1 : 0);
        await v.page.close();
        const layout = await layoutAtWidths(
          browser,
          url(audience, lang, "objections"),
          "[data-page=objections] #mismatches",
          `objections-${audience}-${lang}`,
        );
        expect(layout).toEqual([]);
      }, 120_000);

  test("audit: one objection's timeline from the URL — events in order with where each stands, days in each state", async () => {
    const v = await visit(browser, url("audit", "en", "objections", "?objection=OB-B5#timeline"), {
      ready: "[data-objection-shown=OB-B5]",
    });
    expect(v.problems).toEqual([]);
    // delivered B5-3 before B5-2; B5-2 and B5-3 share a second: B5-2 (rejected) decides by event number
    expect(await v.page.locator("[data-event]").evaluateAll((els) => els.map((e) => e.getAttribute("data-event")))).toEqual([
      "OB-B5-1",
      "OB-B5-2",
      "OB-B5-3",
    ]);
    expect(await v.page.locator("tr.highlight[data-event]").getAttribute("data-event")).toBe("OB-B5-2");
    // submitted 1 Oct, decided 12 Oct: 11 days submitted
    expect(await v.page.locator("[data-days=submitted]").textContent()).toBe("11");
    expect(await v.page.locator("[data-objection-issues]").getAttribute("data-objection-issues")).toBe(
      "events_out_of_order same_second_events events_after_decision",
    );
    await v.page.close();
  });

  test("audit: the employer profile lists the employer's objections, each opening its timeline", async () => {
    const v = await visit(browser, url("audit", "ar", "employer", `?id=${A}`), { ready: "[data-objection-row]" });
    expect(v.problems).toEqual([]);
    expect(await v.page.locator("[data-objection-row]").evaluateAll((els) => els.map((e) => e.getAttribute("data-objection-row")))).toEqual(
      ["OB-A1", "OB-A2", "OB-A3", "OB-A4"],
    );
    expect(await v.page.locator("[data-objection-row=OB-A2] [data-sla-breached]").getAttribute("data-sla-breached")).toBe("true");
    await v.page.close();
  });

  test("the overview's tile and data health's bad-input counts", async () => {
    const v = await visit(browser, url("management", "en", "index"), { ready: "#objections" });
    expect(v.problems).toEqual([]);
    const [kpi] = await w.rows<{ open: string }>(
      `SELECT CAST(value AS INTEGER)::VARCHAR AS open FROM marts.kpi_monthly
       WHERE kpi = 'objection_backlog' AND dimension = 'all' AND period = '2026-10'`,
    );
    // the report month is October: A4 was open at its end
    expect(kpi?.open).toBe("1");
    expect(await v.page.locator("[data-figure=objections-open]").getAttribute("data-value")).toBe("1");
    await v.page.close();
    const health = await visit(browser, url("management", "ar", "health"), { ready: "[data-objection-issue]" });
    expect(health.problems).toEqual([]);
    expect(await values(health.page, "[data-objection-issue]", "data-objection-issue")).toEqual({
      events_out_of_order: "1",
      same_second_events: "1",
      decided_before_submission: "1",
      no_events: "1",
      events_after_decision: "2",
    });
    await health.page.close();
  });
});

test("the management build holds no objection number, employer number or name", () => {
  const ids = ["OB-A1", "OB-B3", A, B, "Objecting Trading Co"];
  const files = walk(join(out(), "management")).filter((f) => /\.(html|js|json|csv)$/.test(f));
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const id of ids) expect(text.includes(id), `${id} in ${file}`).toBe(false);
  }
  const data = JSON.parse(
    readFileSync(walk(join(out(), "management", "site", "_file", "data")).find((f) => /\/objections\.[\w.]*json$/.test(f))!, "utf8"),
  );
  expect(data.breach_list).toBeUndefined();
  expect(data.mismatch_list).toBeUndefined();
});
