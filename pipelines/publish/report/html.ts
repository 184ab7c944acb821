// The monthly management report as one self-contained HTML document (inline styles, no scripts, no
// fonts or images fetched), laid out for A4 print: summary, KPIs, arrears and severity, suspension
// list, billing differences — each section on its own page.
import {
  amount,
  dateWithHijri,
  integer,
  kpiChange,
  kpiValue,
  month,
  riyadhTime,
  sar,
  type Digits,
} from "../../../dashboards/components/format.ts";
import { code, kpiDefinition, kpiLabel, t, type Lang } from "../../../dashboards/components/i18n.ts";
import { nameOf } from "../../../dashboards/components/links.ts";
import { BUCKETS } from "../export/ageing.ts";
import type { BillingBreakdown } from "../export/billing.ts";
import type { Overview } from "../export/overview.ts";
import type { Audience, Stamp } from "../types.ts";
import { kpiSentence, severitySentence, suspensionSentence, billingSentence, summary } from "./commentary.ts";

export interface ReportData {
  stamp: Stamp;
  overview: Overview;
  billing: BillingBreakdown;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const row = (cells: string[], tag = "td") => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join("")}</tr>`;
const table = (head: string[], rows: string[][], cls = "") =>
  `<table class="${cls}"><thead>${row(head.map(esc), "th")}</thead><tbody>${rows.map((r) => row(r)).join("")}</tbody></table>`;

/** The report sections in page order; the tests read the PDF page by page against this list. */
export const REPORT_SECTIONS = ["report.summary", "report.kpis", "report.arrears", "report.suspension", "report.billing"] as const;

export function renderReport(d: ReportData, lang: Lang, audience: Audience, digits: Digits): string {
  const o = d.overview;
  const dg = lang === "ar" ? digits : "latn";
  const section = (key: (typeof REPORT_SECTIONS)[number], body: string, lead = "") =>
    `<section class="page" data-section="${key}">${lead}<h2>${esc(t(lang, key))}</h2>${body}</section>`;
  const para = (s: string) => `<p>${esc(s)}</p>`;

  const cover =
    `<header><h1>${esc(t(lang, "report.title"))}</h1><p class="period">${esc(month(o.period, lang, dg))}</p>` +
    `<p class="stamp">${esc(t(lang, "stamp.as_of"))}: ${esc(dateWithHijri(d.stamp.as_of, lang, dg))} · ` +
    `${esc(t(lang, "position.at"))}: ${esc(dateWithHijri(o.period_end, lang, dg))}<br>` +
    `${esc(t(lang, "stamp.run"))}: ${esc(d.stamp.run_id)}` +
    ` · ${esc(t(lang, "stamp.built"))}: ${esc(riyadhTime(d.stamp.built_at, lang, dg))}` +
    ` · ${esc(t(lang, `audience.${audience}`))}</p></header>`;
  const summaryPage = `<ul class="summary">${summary(o, d.billing, lang, dg)
    .map((s) => `<li>${esc(s)}</li>`)
    .join("")}</ul>`;

  const kpiRows = o.kpis.map((k) => [
    `<b>${esc(kpiLabel(lang, k.kpi))}</b><br><small>${esc(kpiDefinition(lang, k.kpi) ?? "")}</small>`,
    `<span class="num">${esc(kpiValue(k.value, k.unit, lang, dg))}</span>`,
    `<span class="num">${esc(kpiValue(k.previous, k.unit, lang, dg))}</span>`,
    `<span class="num">${esc(kpiChange(k.vs_previous, k.unit, lang, dg, t(lang, "points")) ?? "—")}</span>`,
    `<span class="num">${esc(kpiValue(k.year_ago, k.unit, lang, dg))}</span>`,
    `<span class="num">${esc(kpiChange(k.vs_year_ago, k.unit, lang, dg, t(lang, "points")) ?? "—")}</span>`,
  ]);
  const kpiPage =
    table(
      [
        t(lang, "kpi"),
        month(o.period, lang, dg),
        t(lang, "report.previous"),
        t(lang, "report.change"),
        t(lang, "report.year_ago"),
        t(lang, "report.change"),
      ],
      kpiRows,
      "kpis",
    ) +
    `<div class="commentary">${o.kpis
      .filter((k) => k.vs_previous)
      .slice(0, 6)
      .map((k) => para(kpiSentence(k, lang, dg)))
      .join("")}</div>`;

  const ageingRows = o.ageing.map((a) => [
    esc(code(lang, a.severity)),
    `<span class="num">${integer(a.employers, lang, dg)}</span>`,
    ...BUCKETS.map((b) => `<span class="num">${amount(a[b], lang, dg)}</span>`),
    `<span class="num">${amount(a.past_due, lang, dg)}</span>`,
    `<span class="num">${amount(a.disputed, lang, dg)}</span>`,
  ]);
  const arrearsPage =
    para(
      `${t(lang, "position.at")} ${dateWithHijri(o.period_end, lang, dg)} — ${t(lang, "amount")}: ${t(lang, "unit")} ${code(lang, "SAR")}`,
    ) +
    table(
      [t(lang, "severity"), t(lang, "employers"), ...BUCKETS.map((b) => code(lang, b)), t(lang, "past_due"), t(lang, "disputed")],
      ageingRows,
      "ageing",
    ) +
    para(severitySentence(o, lang, dg));

  const s = o.suspension;
  const suspensionTable = s.list
    ? table(
        [t(lang, "employer_id"), t(lang, "name"), t(lang, "region"), t(lang, "past_due"), t(lang, "due_on"), t(lang, "days_past_due")],
        s.list.map((c) => [
          esc(c.employer_id),
          esc(nameOf({ lang }, c) ?? ""),
          esc(code(lang, c.region)),
          `<span class="num">${amount(c.past_due_undisputed, lang, dg)}</span>`,
          esc(c.oldest_due_on),
          `<span class="num">${integer(c.days_past_due, lang, dg)}</span>`,
        ]),
      )
    : // the management edition holds aggregates only: the list by region
      table(
        [t(lang, "region"), t(lang, "employers"), t(lang, "past_due")],
        s.by_region.map((r) => [
          esc(code(lang, r.region)),
          `<span class="num">${integer(r.employers, lang, dg)}</span>`,
          `<span class="num">${amount(r.past_due_undisputed, lang, dg)}</span>`,
        ]),
      );
  const suspensionPage = para(suspensionSentence(o, lang, dg)) + para(t(lang, "suspension.explain")) + suspensionTable;

  const b = d.billing;
  const billingPage =
    para(billingSentence(b, lang, dg)) +
    table(
      [t(lang, "difference.band"), t(lang, "invoices"), t(lang, "difference.abs")],
      b.by_band.map((r) => [
        esc(code(lang, String(r.band))),
        `<span class="num">${integer(r.invoices as number, lang, dg)}</span>`,
        `<span class="num">${amount(r.abs_difference as string, lang, dg)}</span>`,
      ]),
    ) +
    table(
      [t(lang, "posting"), t(lang, "invoices"), t(lang, "invoices.with_difference"), t(lang, "difference.abs")],
      b.by_posting.map((r) => [
        esc(code(lang, String(r.posting))),
        `<span class="num">${integer(r.invoices as number, lang, dg)}</span>`,
        `<span class="num">${integer(r.with_difference as number, lang, dg)}</span>`,
        `<span class="num">${amount(r.abs_difference as string, lang, dg)}</span>`,
      ]),
    ) +
    para(
      `${t(lang, "billing.explain")} ${t(lang, "invoices")}: ${integer(b.summary.invoices, lang, dg)} · ` +
        `${t(lang, "difference.net")}: ${sar(b.summary.net_difference, lang, dg)}`,
    );

  const title = `${esc(t(lang, "report.title"))} — ${esc(month(o.period, lang, dg))}`;
  return `<!doctype html>
<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}"><head><meta charset="utf-8"><title>${title}</title>
<style>${STYLE}</style></head><body>
${section("report.summary", summaryPage, cover)}
${section("report.kpis", kpiPage)}
${section("report.arrears", arrearsPage)}
${section("report.suspension", suspensionPage)}
${section("report.billing", billingPage)}
</body></html>
`;
}

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans Arabic", "Segoe UI", Tahoma, sans-serif; font-size: 10pt; color: #1b1b1b; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 4pt; color: #0b5d3b; }
h2 { font-size: 14pt; border-bottom: 2px solid #0b5d3b; padding-bottom: 3pt; color: #0b5d3b; }
.period { font-size: 14pt; margin: 0 0 6pt; }
.stamp { color: #555; font-size: 8.5pt; }
section.page { break-before: page; }
section.page:first-of-type { break-before: auto; }
ul.summary li { margin: 0 0 6pt; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0; font-size: 8.5pt; }
th, td { border: 1px solid #ccc; padding: 3pt 4pt; text-align: start; vertical-align: top; }
th { background: #eef5f1; }
.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
td small { color: #666; }
.commentary p { margin: 4pt 0; }
`;
