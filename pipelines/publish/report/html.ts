// The monthly management report as one self-contained HTML document (inline styles and SVG, no
// scripts, no fonts or images fetched), laid out for A4 print: the cover with the headline figures and
// what moved most; the month's movement and the 13-month trend; the KPIs and where each change came
// from; arrears by bucket and severity; the suspension list and billing differences. Every sentence is
// printed once.
import { Decimal } from "decimal.js";
import { amount, integer, kpiChange, kpiValue, month, sar, type Digits } from "../../../dashboards/components/format.ts";
import { code, kpiDefinition, kpiLabel, t, type Lang } from "../../../dashboards/components/i18n.ts";
import { nameOf } from "../../../dashboards/components/links.ts";
import type { BillingBreakdown } from "../export/billing.ts";
import type { Overview } from "../export/overview.ts";
import type { Audience } from "../types.ts";
import { arrearsPage, movementPage } from "./balances.ts";
import { compliancePage } from "./compliance.ts";
import { billingSentence, suspensionSentence } from "./commentary.ts";
import { renderCover } from "./cover.ts";
import { objectionsPage } from "./objections.ts";
import { findingsPage } from "./findings.ts";
import type { ReportData } from "./data.ts";
import { contributions, DRIVER_DIMENSIONS } from "./ranking.ts";
import { riskPage } from "./risk.ts";
import { REPORT_STYLE } from "./style.ts";
import { esc, signedCount, signedSar } from "./svg.ts";
import { num, para, table } from "./table.ts";
import { w } from "./words.ts";

/** The report's sections in order; each starts a page except those marked to flow on. */
export const REPORT_SECTIONS = [
  "report.cover",
  "report.movement",
  "report.kpis",
  "report.arrears",
  "report.suspension",
  "report.billing",
  "report.objections",
  "report.compliance",
  "report.findings",
] as const;

function kpiPage(d: ReportData, lang: Lang, dg: Digits): string {
  const o = d.overview;
  const pts = t(lang, "points");
  // a warehouse younger than a year has no same month last year: the columns would be dashes only
  const yearAgo = o.kpis.some((k) => k.year_ago !== null);
  const kpiTable = table(
    [
      t(lang, "kpi"),
      num(esc(month(o.period, lang, dg))),
      num(esc(t(lang, "report.previous"))),
      num(esc(t(lang, "report.change"))),
      ...(yearAgo ? [num(esc(t(lang, "report.year_ago"))), num(esc(t(lang, "report.change")))] : []),
    ],
    o.kpis.map((k) => [
      `<b>${esc(kpiLabel(lang, k.kpi))}</b><br><small>${esc(kpiDefinition(lang, k.kpi) ?? "")}</small>`,
      num(esc(kpiValue(k.value, k.unit, lang, dg))),
      num(esc(kpiValue(k.previous, k.unit, lang, dg))),
      num(esc(kpiChange(k.vs_previous, k.unit, lang, dg, pts) ?? "—")),
      ...(yearAgo
        ? [num(esc(kpiValue(k.year_ago, k.unit, lang, dg))), num(esc(kpiChange(k.vs_year_ago, k.unit, lang, dg, pts) ?? "—"))]
        : []),
    ]),
    { cls: "kpis" },
  );
  const additive = o.kpis.filter(
    (k) => (k.unit === "SAR" || k.unit === "count") && k.vs_previous && !new Decimal(k.vs_previous.delta).isZero(),
  );
  // to the riyal in the drivers' table: it says where a change came from, the KPI table says how much
  const change = (v: string, unit: string) => (unit === "count" ? signedCount(v, lang, dg) : signedSar(v, lang, dg, 0));
  const driversTable = table(
    [t(lang, "kpi"), num(esc(w(lang, "drivers.whole"))), ...DRIVER_DIMENSIONS.map((dim) => esc(t(lang, dim)))],
    additive.map((k) => {
      const total = new Decimal(k.vs_previous!.delta);
      return [
        `<b>${esc(kpiLabel(lang, k.kpi))}</b>`,
        num(esc(change(total.toString(), k.unit))),
        ...DRIVER_DIMENSIONS.map((dim) => {
          const top = contributions(d.cuts, o.period, k.kpi, dim, total)[0];
          if (!top) return "—";
          const share = kpiValue(top.share, "ratio", lang, dg);
          const by = `<bdi>${esc(change(top.delta, k.unit))}</bdi> · ${esc(share)}`;
          return `${esc(code(lang, top.dimension_value, dim))}<br><small>${by}</small>`;
        }),
      ];
    }),
    { cls: "drivers" },
  );
  return (
    `<section class="page" data-section="report.kpis"><h2>${esc(t(lang, "report.kpis"))}</h2>` +
    `${kpiTable}${para(w(lang, "kpis.note"), "note")}` +
    (additive.length ? `<h3>${esc(w(lang, "drivers.title"))}</h3>${para(w(lang, "drivers.explain"), "note")}${driversTable}` : "") +
    `</section>`
  );
}

function suspensionPage(o: Overview, lang: Lang, dg: Digits): string {
  const s = o.suspension;
  const list = s.list
    ? table(
        [
          t(lang, "employer_id"),
          t(lang, "name"),
          t(lang, "region"),
          num(esc(t(lang, "past_due"))),
          t(lang, "due_on"),
          num(esc(t(lang, "days_past_due"))),
        ],
        s.list.map((c) => [
          esc(c.employer_id),
          esc(nameOf({ lang }, c) ?? ""),
          esc(code(lang, c.region)),
          num(amount(c.past_due_undisputed, lang, dg)),
          esc(c.oldest_due_on),
          num(integer(c.days_past_due, lang, dg)),
        ]),
      )
    : // the management edition holds aggregates only: the list by region
      table(
        [t(lang, "region"), num(esc(t(lang, "employers"))), num(esc(t(lang, "past_due")))],
        s.by_region.map((r) => [
          esc(code(lang, r.region)),
          num(integer(r.employers, lang, dg)),
          num(amount(r.past_due_undisputed, lang, dg)),
        ]),
        { total: ["", num(integer(s.employers, lang, dg)), num(amount(s.past_due_undisputed, lang, dg))] },
      );
  return (
    `<section class="page" data-section="report.suspension"><h2>${esc(t(lang, "report.suspension"))}</h2>` +
    `${para(suspensionSentence(o, lang, dg))}${para(t(lang, "suspension.explain"), "note")}${list}</section>`
  );
}

function billingPage(b: BillingBreakdown, lang: Lang, dg: Digits, page: boolean): string {
  const bands = table(
    [t(lang, "difference.band"), num(esc(t(lang, "invoices"))), num(esc(t(lang, "difference.abs")))],
    b.by_band.map((r) => [
      esc(code(lang, String(r.band))),
      num(integer(r.invoices as number, lang, dg)),
      num(amount(r.abs_difference as string, lang, dg)),
    ]),
  );
  const postings = table(
    [t(lang, "posting"), num(esc(t(lang, "invoices"))), num(esc(t(lang, "invoices.with_difference"))), num(esc(t(lang, "difference.abs")))],
    b.by_posting.map((r) => [
      esc(code(lang, String(r.posting))),
      num(integer(r.invoices as number, lang, dg)),
      num(integer(r.with_difference as number, lang, dg)),
      num(amount(r.abs_difference as string, lang, dg)),
    ]),
  );
  const totals =
    `${t(lang, "invoices")}: ${integer(b.summary.invoices, lang, dg)} · ` +
    `${t(lang, "difference.net")}: ${sar(b.summary.net_difference, lang, dg)}`;
  return (
    `<section class="${page ? "page" : "flow"}" data-section="report.billing"><h2>${esc(t(lang, "report.billing"))}</h2>` +
    para(billingSentence(b, lang, dg)) +
    bands +
    postings +
    para(t(lang, "billing.explain"), "note") +
    para(totals, "note") +
    `</section>`
  );
}

export function renderReport(d: ReportData, lang: Lang, audience: Audience, digits: Digits): string {
  const o = d.overview;
  const dg = lang === "ar" ? digits : "latn";
  // a short suspension list leaves room for the billing differences on the same page
  const billingOwnPage = (o.suspension.list?.length ?? o.suspension.by_region.length) > 12;
  return `<!doctype html>
<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}"><head><meta charset="utf-8">
<title>${esc(t(lang, "report.title"))} — ${esc(month(o.period, lang, dg))}</title>
<style>${REPORT_STYLE}</style></head><body>
${renderCover(d, lang, audience, dg)}
${movementPage(d, lang, dg)}
${kpiPage(d, lang, dg)}
${arrearsPage(o, lang, dg)}
${suspensionPage(o, lang, dg)}
${billingPage(d.billing, lang, dg, billingOwnPage)}
${objectionsPage(o.objections, d.objections, lang, dg)}
${compliancePage(o, lang, dg)}
${findingsPage(d.findings, lang, dg)}
${riskPage(d.risk, d.stamp.period_end, lang, dg)}
</body></html>
`;
}
