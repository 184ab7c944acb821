// The words around the numbers: a sentence's verb and its signed figure come from one change; count
// phrases agree with their number in Arabic and English; the KPI catalogue is complete, colours follow
// its better direction, and the warehouse's marts.kpi_monthly holds exactly the catalogued KPIs.
// (Importing the page components here also puts them under the project's strict type check.)
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import "../dashboards/components/collections.ts";
import "../dashboards/components/health.ts";
import "../dashboards/components/overview.ts";
import "../dashboards/components/billing.ts";
import "../dashboards/components/employer.ts";
import { changeBetween, kpiChange, movement } from "../dashboards/components/format.ts";
import { HEADLINE_KPIS, KPI_CATALOGUE, KPI_DIMENSIONS, KPIS, tone } from "../dashboards/components/kpi-catalogue.ts";
import { billingSentence, kpiSentence, severitySentence, suspensionSentence } from "../dashboards/components/phrases.ts";
import { NOUNS, plural } from "../dashboards/components/plural.ts";
import { discoverModels } from "../pipelines/engine/discover.ts";
import { COLLECTION_KPIS } from "../pipelines/publish/export/collections.ts";
import type { HeadlineKpi } from "../pipelines/publish/export/kpis.ts";

/** Intl puts a no-break space between the currency and the amount. */
const nb = (s: string) => s.replace(/\u00a0/g, " ");
const headline = (
  kpi: string,
  unit: HeadlineKpi["unit"],
  value: string,
  previous: string | null,
  yearAgo: string | null = null,
): HeadlineKpi => ({
  kpi,
  unit,
  value,
  previous,
  year_ago: yearAgo,
  vs_previous: changeBetween(value, previous),
  vs_year_ago: changeBetween(value, yearAgo),
});

describe("a sentence's verb and its figure come from one number", () => {
  test("a fall is written as a fall, with the table's figure without its sign", () => {
    const collected = headline("collected", "SAR", "706709.68", "995363.02");
    const signed = kpiChange(collected.vs_previous, "SAR", "en");
    expect(signed).toBe("-29.0%");
    expect(nb(kpiSentence(collected, "en", "latn"))).toBe("Collected in the month fell 29.0% on last month to SAR 706,709.68.");
    expect(kpiSentence(collected, "ar", "latn")).toMatch(/^انخفض مؤشر «المحصل في الشهر» بنسبة ‎?29\.0‏?٪ عن الشهر السابق/);
    expect(kpiSentence(collected, "ar", "latn")).not.toMatch(/[+−-]\s?29/);
    const ratio = headline("arrears_ratio", "ratio", "0.112", "0.115");
    expect(kpiSentence(ratio, "en", "latn")).toMatch(
      /^Arrears ratio \(to 12 months' billing\) fell 0\.3 points on last month to 11\.2%\.$/,
    );
    expect(kpiSentence(ratio, "ar", "latn")).toMatch(/^انخفض .* بمقدار 0\.3 نقطة مئوية/);
  });

  test("for every sign and size, the verb agrees with the signed figure the table shows", () => {
    const cases: [string, HeadlineKpi["unit"], string, string][] = [
      ["collected", "SAR", "100", "200"],
      ["collected", "SAR", "200", "100"],
      ["collected", "SAR", "100.04", "100"], // +0.04%: shown as 0.0%, so unchanged
      ["on_time_collection_rate", "ratio", "0.5", "0.49"],
      ["on_time_collection_rate", "ratio", "0.49", "0.5"],
      ["on_time_collection_rate", "ratio", "0.5", "0.5004"],
      ["coverage_gaps", "count", "3", "0"],
      ["arrears", "SAR", "0", "1200"],
    ];
    for (const [kpi, unit, now, before] of cases) {
      const k = headline(kpi, unit, now, before);
      const m = movement(k.vs_previous, unit, "en")!;
      const en = kpiSentence(k, "en", "latn");
      const ar = kpiSentence(k, "ar", "latn");
      const verbEn = { up: " rose ", down: " fell ", flat: " unchanged " }[m.way];
      const verbAr = { up: "ارتفع", down: "انخفض", flat: "استقر" }[m.way];
      expect(en, `${kpi} ${now} vs ${before}: ${m.signed}`).toContain(verbEn);
      expect(ar, `${kpi} ${now} vs ${before}: ${m.signed}`).toContain(verbAr);
      expect(m.signed.startsWith("-") || m.signed.startsWith("−")).toBe(m.way === "down");
      expect(m.signed.startsWith("+")).toBe(m.way === "up");
    }
  });

  test("zero is data: a change from zero is shown in the unit, and 'no comparison' only when a month is missing", () => {
    const gaps = headline("coverage_gaps", "count", "3", "0");
    expect(kpiChange(gaps.vs_previous, "count", "en")).toBe("+3");
    expect(movement(gaps.vs_previous, "count", "en")?.absolute).toBe(true);
    expect(kpiChange(changeBetween("1200", "0"), "SAR", "en")).toMatch(/^\+SAR\s?1,200\.00$/);
    expect(nb(kpiChange(changeBetween("0", "0"), "SAR", "en")!)).toBe("SAR 0.00");
    expect(kpiChange(changeBetween("5", null), "SAR", "en")).toBeNull();
    expect(kpiSentence(gaps, "en", "latn")).toBe("Coverage gaps rose 3 on last month to 3.");
  });
});

describe("count phrases agree with their number", () => {
  const ns = [0, 1, 2, 3, 11, 100];
  test("Arabic: zero, one, two, few, many and other", () => {
    expect(ns.map((n) => plural(n, NOUNS.invoice, "ar"))).toEqual([
      "لا فواتير",
      "فاتورة واحدة",
      "فاتورتان",
      "3 فواتير",
      "11 فاتورة",
      "100 فاتورة",
    ]);
    expect(ns.map((n) => plural(n, NOUNS.employer, "ar"))).toEqual([
      "لا أحد من أصحاب العمل",
      "صاحب عمل واحد",
      "صاحبا عمل",
      "3 أصحاب عمل",
      "11 صاحب عمل",
      "100 صاحب عمل",
    ]);
    expect(plural(3, NOUNS.invoice, "ar", "arab")).toBe("٣ فواتير");
    expect(plural(103, NOUNS.invoice, "ar")).toBe("103 فواتير");
  });
  test("English: one and other", () => {
    expect(ns.map((n) => plural(n, NOUNS.standingInvoice, "en"))).toEqual([
      "no standing invoices",
      "1 standing invoice",
      "2 standing invoices",
      "3 standing invoices",
      "11 standing invoices",
      "100 standing invoices",
    ]);
    expect(plural(1000, NOUNS.employer, "en")).toBe("1,000 employers");
  });
  test("the report's sentences use them", () => {
    const summary = {
      invoices: 9,
      with_difference: 4,
      active_with_difference: 1,
      cancelled_with_difference: 3,
      abs_difference: "26.96",
      net_difference: "26.96",
    };
    expect(nb(billingSentence(summary, 0, "en", "latn"))).toBe(
      "1 standing invoice differs from the recomputed amount, by SAR 26.96 in absolute terms, none of them posted manually; " +
        "3 more were corrected by a re-issue.",
    );
    const ar = billingSentence(summary, 0, "ar", "latn");
    expect(ar).toContain("فاتورة قائمة واحدة");
    expect(ar).toContain("ولم تُرحَّل أي منها يدويًا");
    expect(ar).toContain("وصُحّحت 3 فواتير بإعادة الإصدار");
    expect(ar).not.toMatch(/\d فواتير بفروقات|منها 0|و3 فاتورة/);
    const five = suspensionSentence({ employers: 5, past_due_undisputed: "56862.12" }, "ar", "latn");
    expect(five).toMatch(/^رُشّح 5 أصحاب عمل لإيقاف الخدمات/);
    expect(suspensionSentence({ employers: 1, past_due_undisputed: "10" }, "en", "latn")).toMatch(/^1 employer is a suspension candidate/);
    expect(severitySentence([], "2026-10", "en", "latn")).toBe("At the end of October 2026, no employer had critical or high severity.");
  });
});

const Words = z.object({ ar: z.string().min(3), en: z.string().min(3) }).strict();
const Entry = z
  .object({
    unit: z.enum(["SAR", "ratio", "days", "count", "per_1000"]),
    better: z.enum(["up", "down", "none"]),
    model: z.string().regex(/^(staging|core|marts)\.\w+$/),
    dimensions: z.array(z.enum(["region", "sector", "size_class", "legal_form"])),
    label: Words,
    definition: Words,
    headline: z.literal(true).optional(),
  })
  .strict();

describe("the KPI catalogue", () => {
  test("every entry has both languages' label and definition, a unit, a better direction and a model that exists", () => {
    const models = new Set(discoverModels("models").map((m) => `${m.layer}.${m.name}`));
    for (const [kpi, entry] of Object.entries(KPI_CATALOGUE)) {
      expect(() => Entry.parse(entry), kpi).not.toThrow();
      expect(models.has(entry.model), `${kpi}: model ${entry.model}`).toBe(true);
    }
  });

  test("every KPI a page or the report shows is catalogued", () => {
    for (const kpi of [...HEADLINE_KPIS, ...COLLECTION_KPIS]) expect(KPIS, kpi).toContain(kpi);
  });

  test("colour follows the better direction: up is good only where up is better, and no direction is neutral", () => {
    for (const kpi of KPIS) {
      const better = KPI_CATALOGUE[kpi].better;
      expect(tone(kpi, "flat")).toBe("flat");
      expect(tone(kpi, "up")).toBe(better === "none" ? "neutral" : better === "up" ? "good" : "bad");
      expect(tone(kpi, "down")).toBe(better === "none" ? "neutral" : better === "down" ? "good" : "bad");
    }
    expect(tone("arrears", "up")).toBe("bad");
    expect(tone("days_sales_outstanding", "up")).toBe("bad");
    expect(tone("arrears_ratio", "down")).toBe("good");
    expect(tone("billed", "up")).toBe("neutral");
    expect(tone("compliance_rate", "up")).toBe("good");
    expect(tone("declared_on_time_rate", "down")).toBe("bad");
    expect(tone("reversal_rate_cheque", "up")).toBe("bad");
    expect(tone("days_from_due_cash", "down")).toBe("good");
    expect(tone("collected_sadad", "up")).toBe("neutral");
  });

  test("the docs' KPI table lists exactly the catalogue, with its units", () => {
    // the collection KPIs are described in ledger.md, the compliance, channel and objection ones in compliance.md
    const doc = ["ledger.md", "compliance.md"].map((f) => readFileSync(join("docs", f), "utf8")).join("\n");
    const rows = [...doc.matchAll(/^\| `(\w+)`\s*\| (\w+)\s*\|/gm)].map((m) => [m[1], m[2]]);
    expect(rows.sort()).toEqual(KPIS.map((k) => [k, KPI_CATALOGUE[k].unit]).sort());
    expect(KPI_DIMENSIONS).toEqual(["region", "sector", "size_class", "legal_form"]);
  });
});

describe("the report's commentary", () => {
  test("ranks the KPIs by the size of their move, largest first, leaving out those that did not move", async () => {
    const { rankedKpiSentences } = await import("../pipelines/publish/report/commentary.ts");
    const o = {
      kpis: [
        headline("billed", "SAR", "99.5", "100"),
        headline("collected", "SAR", "71", "100"),
        headline("arrears", "SAR", "100", "100"),
        headline("arrears_ratio", "ratio", "0.047", "0.05"),
      ],
      drivers: { collected: [{ dimension: "region", dimension_value: "MAKKAH", value: "1", previous: "30", delta: "-29" }] },
    } as unknown as import("../pipelines/publish/export/overview.ts").Overview;
    const ranked = rankedKpiSentences(o, "en", "latn").map(nb);
    expect(ranked).toEqual([
      "Collected in the month fell 29.0% on last month to SAR 71.00, driven most by Makkah (region, down SAR 29.00).",
      "Billed in the month fell 0.5% on last month to SAR 99.50.",
      "Arrears ratio (to 12 months' billing) fell 0.3 points on last month to 4.7%.",
    ]);
  });
});
