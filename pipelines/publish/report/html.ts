// The monthly management report as one self-contained HTML document (inline styles and SVG, no
// scripts, no fonts or images fetched), laid out for A4 print: the cover with the headline figures and
// what moved most; the month's movement and the 13-month trend; the KPIs and where each change came
// from; arrears by bucket and severity; the suspension list and billing differences. Every sentence is
// printed once.
import { Decimal } from "decimal.js";
import {
  amount,
  dateWithHijri,
  gregorian,
  integer,
  kpiChange,
  kpiValue,
  month,
  sar,
  type Digits,
} from "../../../dashboards/components/format.ts";
import { code, kpiDefinition, kpiLabel, t, type Lang } from "../../../dashboards/components/i18n.ts";
import { nameOf } from "../../../dashboards/components/links.ts";
import { BUCKETS } from "../export/ageing.ts";
import type { BillingBreakdown } from "../export/billing.ts";
import type { Overview } from "../export/overview.ts";
import type { Audience } from "../types.ts";
import { ageingChart, arrearsTrendChart, movementChart, movementSteps } from "./charts.ts";
import { billingSentence, severitySentence, suspensionSentence } from "./commentary.ts";
import { renderCover } from "./cover.ts";
import type { ReportData } from "./data.ts";
import { contributions, DRIVER_DIMENSIONS } from "./ranking.ts";
import { REPORT_STYLE } from "./style.ts";
import { esc, signedCount, signedSar } from "./svg.ts";
import { w } from "./words.ts";

/** The report's sections in order; each starts a page except those marked to flow on. */
export const REPORT_SECTIONS = [
  "report.cover",
  "report.movement",
  "report.kpis",
  "report.arrears",
  "report.suspension",
  "report.billing",
] as const;

type Cell = string | { html: string; num?: boolean };
const cell = (c: Cell, tag: string) =>
  typeof c === "string" ? `<${tag}>${c}</${tag}>` : `<${tag}${c.num ? ' class="num"' : ""}>${c.html}</${tag}>`;
const num = (html: string): Cell => ({ html, num: true });
const table = (head: Cell[], rows: Cell[][], o: { cls?: string; total?: Cell[] } = {}) =>
  `<table class="${o.cls ?? ""}"><thead><tr>${head.map((h) => cell(h, "th")).join("")}</tr></thead><tbody>` +
  rows.map((r) => `<tr>${r.map((c) => cell(c, "td")).join("")}</tr>`).join("") +
  (o.total ? `<tr class="total">${o.total.map((c) => cell(c, "td")).join("")}</tr>` : "") +
  `</tbody></table>`;
const para = (s: string, cls = "") => `<p${cls ? ` class="${cls}"` : ""}>${esc(s)}</p>`;

function movementPage(d: ReportData, lang: Lang, dg: Digits): string {
  const m = d.movement;
  const steps = movementSteps(m);
  const movementTable = table(
    [w(lang, "movement.step"), num(`${esc(t(lang, "amount"))} (${esc(code(lang, "SAR"))})`)],
    steps
      .filter((s) => !s.total)
      .map((s) => [esc(w(lang, s.word)), num(esc(signedSar(s.value, lang, dg)))])
      .concat([[`${esc(w(lang, "movement.arrears"))}`, num(esc(sar(m.arrears, lang, dg)))]]),
    { cls: "movement" },
  );
  const ends = table(
    ["", num(esc(gregorian(m.opening_on, lang, dg))), num(esc(gregorian(m.closing_on, lang, dg)))],
    [
      [esc(kpiLabel(lang, "outstanding")), num(esc(sar(m.opening, lang, dg))), num(esc(sar(m.closing, lang, dg)))],
      [esc(kpiLabel(lang, "arrears")), num(esc(sar(m.arrears_opening, lang, dg))), num(esc(sar(m.arrears, lang, dg)))],
    ],
    { cls: "ends" },
  );
  return (
    `<section class="page" data-section="report.movement"><h2>${esc(w(lang, "movement.page"))}</h2>` +
    movementChart(m, lang, dg) +
    `<div class="two"><div>${movementTable}</div><div>${ends}${para(w(lang, "movement.note"), "note")}</div></div>` +
    arrearsTrendChart(d.overview, lang, dg) +
    `</section>`
  );
}

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
  const change = (v: string, unit: string) => (unit === "count" ? signedCount(v, lang, dg) : signedSar(v, lang, dg));
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

function arrearsPage(o: Overview, lang: Lang, dg: Digits): string {
  const sum = (k: "past_due" | "disputed" | (typeof BUCKETS)[number]) => o.ageing.reduce((s, a) => s.plus(a[k]), new Decimal(0)).toFixed(2);
  const ageingTable = table(
    [
      t(lang, "severity"),
      num(esc(t(lang, "employers"))),
      ...BUCKETS.map((b) => num(esc(code(lang, b)))),
      num(esc(t(lang, "past_due"))),
      num(esc(t(lang, "disputed"))),
    ],
    o.ageing.map((a) => [
      esc(code(lang, a.severity)),
      num(integer(a.employers, lang, dg)),
      ...BUCKETS.map((b) => num(amount(a[b], lang, dg))),
      num(amount(a.past_due, lang, dg)),
      num(amount(a.disputed, lang, dg)),
    ]),
    {
      cls: "ageing",
      total: [
        "",
        num(
          integer(
            o.ageing.reduce((n, a) => n + a.employers, 0),
            lang,
            dg,
          ),
        ),
        ...BUCKETS.map((b) => num(amount(sum(b), lang, dg))),
        num(amount(sum("past_due"), lang, dg)),
        num(amount(sum("disputed"), lang, dg)),
      ],
    },
  );
  return (
    `<section class="page" data-section="report.arrears"><h2>${esc(t(lang, "report.arrears"))}</h2>` +
    para(severitySentence(o, lang, dg)) +
    ageingChart(o.ageing, lang, dg) +
    para(
      `${t(lang, "position.at")} ${dateWithHijri(o.period_end, lang, dg)} — ${t(lang, "amount")}: ${t(lang, "unit")} ${code(lang, "SAR")}`,
      "note",
    ) +
    ageingTable +
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
</body></html>
`;
}
