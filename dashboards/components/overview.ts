// The overview for senior management: the month's headline KPIs and five figures, each linking to
// the page (with its filters) that explains it.
import type { OverviewData as Overview } from "../../pipelines/publish/page-data/overview.ts";
import { ageingChart, linesOverTime } from "./charts.js";
import { complianceTile } from "./compliance-tile.js";
import type { Ctx } from "./context.js";
import { figure, h, section } from "./dom.js";
import { amount, dateWithHijri, integer, month, sar } from "./format.js";
import { code, kpiLabel } from "./i18n.js";
import { kpiCard } from "./kpi.js";
import { employerLink } from "./links.js";
import { dataTable } from "./table.js";
import { pageHref } from "./url.js";
import { NOUNS, plural } from "./plural.js";
import { objectionsTile } from "./objections-tile.js";

/** Which page explains each headline KPI. */
const EXPLAINED_BY: Record<string, (o: Overview) => string> = {
  coverage_gaps: () => pageHref("billing", {}, "coverage"),
};
const explain = (kpi: string, o: Overview) => EXPLAINED_BY[kpi]?.(o) ?? pageHref("collections", { kpi, as_of: o.period_end }, "trends");

function more(ctx: Ctx, href: string): HTMLElement {
  return h("p", { class: "more-link" }, h("a", { href, "data-link": "explain" }, `${ctx.w("details")} ${ctx.lang === "ar" ? "←" : "→"}`));
}

function suspensionFigure(ctx: Ctx, o: Overview): HTMLElement {
  const s = o.suspension;
  const head = h(
    "p",
    { class: "lead" },
    figure(plural(s.employers, NOUNS.employer, ctx.lang, ctx.digits), s.employers, { "data-figure": "suspension-employers" }),
    " · ",
    figure(sar(s.past_due_undisputed, ctx.lang, ctx.digits), s.past_due_undisputed, {
      "data-figure": "suspension-amount",
    }),
  );
  const table = s.list
    ? dataTable({
        lang: ctx.lang,
        csv: `suspension-${s.as_of}`,
        columns: [
          { key: "employer_id", label: ctx.w("employer"), show: (r) => employerLink(ctx, r) },
          { key: "region", label: ctx.w("region"), show: (r) => code(ctx.lang, r.region) },
          {
            key: "past_due_undisputed",
            label: ctx.w("past_due"),
            numeric: true,
            show: (r) => amount(r.past_due_undisputed, ctx.lang, ctx.digits),
          },
          {
            key: "days_past_due",
            label: ctx.w("days_past_due"),
            numeric: true,
            show: (r) => integer(r.days_past_due, ctx.lang, ctx.digits),
          },
        ],
        rows: s.list,
        limit: 10,
      })
    : dataTable({
        lang: ctx.lang,
        csv: `suspension-by-region-${s.as_of}`,
        columns: [
          { key: "region", label: ctx.w("region"), show: (r) => code(ctx.lang, r.region) },
          {
            key: "employers",
            label: ctx.w("employers"),
            numeric: true,
            show: (r) => integer(r.employers, ctx.lang, ctx.digits),
          },
          {
            key: "past_due_undisputed",
            label: ctx.w("past_due"),
            numeric: true,
            show: (r) => amount(r.past_due_undisputed, ctx.lang, ctx.digits),
          },
        ],
        rows: s.by_region,
        limit: 10,
      });
  return h(
    "div",
    { class: "card", id: "suspension", "data-figure": "suspension" },
    h("h3", {}, ctx.w("overview.suspension")),
    h("p", { class: "hint" }, ctx.w("suspension.explain")),
    head,
    table,
    more(ctx, pageHref("collections", { as_of: s.as_of }, "suspension")),
  );
}

function ageingFigure(ctx: Ctx, o: Overview): HTMLElement {
  const rows = dataTable({
    lang: ctx.lang,
    csv: `arrears-by-severity-${o.period_end}`,
    columns: [
      {
        key: "severity",
        label: ctx.w("severity"),
        show: (r) =>
          h(
            "a",
            {
              href: pageHref("collections", { as_of: o.period_end, severity: r.severity }, "ageing"),
              "data-severity": r.severity,
            },
            code(ctx.lang, r.severity),
          ),
      },
      {
        key: "employers",
        label: ctx.w("employers"),
        numeric: true,
        show: (r) => integer(r.employers, ctx.lang, ctx.digits),
      },
      {
        key: "past_due",
        label: ctx.w("past_due"),
        numeric: true,
        show: (r) => amount(r.past_due, ctx.lang, ctx.digits),
      },
      {
        key: "disputed",
        label: ctx.w("disputed"),
        numeric: true,
        show: (r) => amount(r.disputed, ctx.lang, ctx.digits),
      },
    ],
    rows: o.ageing,
  });
  return h(
    "div",
    { class: "card wide", id: "ageing", "data-figure": "ageing" },
    h("h3", {}, ctx.w("overview.ageing")),
    ageingChart(ctx, o.ageing, ctx.w("overview.ageing")),
    rows,
    more(ctx, pageHref("collections", { as_of: o.period_end }, "ageing")),
  );
}

function billingFigure(ctx: Ctx, o: Overview): HTMLElement {
  const b = o.billing;
  return h(
    "div",
    { class: "card", id: "billing", "data-figure": "billing" },
    h("h3", {}, ctx.w("overview.billing")),
    h("p", { class: "hint" }, ctx.w("billing.explain")),
    h(
      "p",
      { class: "lead" },
      figure(plural(b.active_with_difference, NOUNS.withDifference, ctx.lang, ctx.digits), b.active_with_difference, {
        "data-figure": "billing-invoices",
      }),
    ),
    h(
      "p",
      {},
      `${ctx.w("difference.abs")}: `,
      figure(sar(b.abs_difference, ctx.lang, ctx.digits), b.abs_difference, { "data-figure": "billing-abs" }),
    ),
    h("p", {}, figure(plural(b.cancelled_with_difference, NOUNS.corrected, ctx.lang, ctx.digits), b.cancelled_with_difference)),
    more(ctx, pageHref("billing")),
  );
}

function coverageFigure(ctx: Ctx, o: Overview): HTMLElement {
  const now = o.coverage.find((c) => c.period === o.period);
  return h(
    "div",
    { class: "card", id: "coverage", "data-figure": "coverage" },
    h("h3", {}, ctx.w("overview.coverage")),
    h("p", { class: "hint" }, ctx.w("coverage.explain")),
    h(
      "p",
      { class: "lead" },
      figure(integer(now?.gaps ?? null, ctx.lang, ctx.digits), now?.gaps ?? null, { "data-figure": "coverage-gaps" }),
      ` — ${month(o.period, ctx.lang, ctx.digits)}`,
    ),
    linesOverTime(
      ctx,
      o.coverage.map((c) => ({ period: c.period, series: kpiLabel(ctx.lang, "coverage_gaps"), value: c.gaps })),
      { label: ctx.w("overview.coverage"), height: 160, width: 360 },
    ),
    more(ctx, pageHref("billing", {}, "coverage")),
  );
}

export function renderOverview(ctx: Ctx, o: Overview): HTMLElement {
  const trend = linesOverTime(
    ctx,
    o.series.flatMap((s) => [
      { period: s.period, series: kpiLabel(ctx.lang, "billed"), value: s.billed },
      { period: s.period, series: kpiLabel(ctx.lang, "collected"), value: s.collected },
    ]),
    { label: ctx.w("overview.trend") },
  );
  return h(
    "div",
    { class: "tahseel-page", "data-page": "overview" },
    h("h1", {}, `${ctx.w("page.index")} — ${month(o.period, ctx.lang, ctx.digits)}`),
    h("p", { class: "subtitle" }, `${ctx.w("position.at")} ${dateWithHijri(o.period_end, ctx.lang, ctx.digits)}`),
    section(
      "kpis",
      ctx.w("overview.kpis"),
      h(
        "div",
        { class: "grid-kpis" },
        o.kpis.map((k) => kpiCard(ctx, k, explain(k.kpi, o))),
      ),
    ),
    h(
      "div",
      { class: "grid-figures" },
      h(
        "div",
        { class: "card wide", id: "trend", "data-figure": "trend" },
        h("h3", {}, ctx.w("overview.trend")),
        trend,
        more(ctx, pageHref("collections", {}, "trends")),
      ),
      ageingFigure(ctx, o),
      suspensionFigure(ctx, o),
      billingFigure(ctx, o),
      coverageFigure(ctx, o),
      objectionsTile(ctx, o),
      complianceTile(ctx, o.compliance),
    ),
  );
}
