// Collections and arrears: the KPIs over time, breakdowns by region, sector, size class and legal
// form, the ageing table at any month-end with (audit build) drill-down to the employers of a cell,
// and the suspension candidates. Filters are in the URL.
import type { CollectionsData } from "../../pipelines/publish/page-data/collections.ts";
import { ageingSection, suspensionSection } from "./arrears.js";
import { linesOverTime } from "./charts.js";
import { channelsSection } from "./channels.js";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { changeBetween, dateWithHijri, gregorian, kpiValue, month, type Unit } from "./format.js";
import { code, kpiLabel } from "./i18n.js";
import { changeCell, kpiLinks } from "./kpi.js";
import { dataTable } from "./table.js";
import { param, setParams } from "./url.js";

export type { CollectionsData };

const DIMENSIONS = ["region", "sector", "size_class", "legal_form"];

function select(label: string, name: string, options: [string, string][], current: string, onchange: (v: string) => void): HTMLElement {
  return h(
    "label",
    {},
    label,
    h(
      "select",
      { name, onchange: (e: Event) => onchange((e.target as HTMLSelectElement).value) },
      options.map(([v, text]) => h("option", { value: v, selected: v === current }, text)),
    ),
  );
}

export function renderCollections(ctx: Ctx, d: CollectionsData): HTMLElement {
  const value = new Map(d.rows.map(([p, k, dim, dv, v]) => [`${p}|${k}|${dim}|${dv}`, v]));
  const periods = [...new Set(d.rows.map((r) => r[0]))].sort();
  const get = (p: string, k: string, dim = "all", dv = "all") => value.get(`${p}|${k}|${dim}|${dv}`) ?? null;
  const state = () => {
    const asOf = d.as_ofs.includes(param("as_of") ?? "") ? param("as_of")! : d.default_as_of;
    const kpi = (d.kpis as string[]).includes(param("kpi") ?? "") ? param("kpi")! : "collected";
    const dimension = DIMENSIONS.includes(param("dimension") ?? "") ? param("dimension")! : "region";
    return { asOf, kpi, dimension, severity: param("severity"), bucket: param("bucket") };
  };
  const root = h("div", { class: "tahseel-page", "data-page": "collections" });

  const render = () => {
    const s = state();
    const period = s.asOf.slice(0, 7);
    const unit = d.units[s.kpi] ?? "SAR";
    const fmt = (v: string | null, u: Unit = unit) => kpiValue(v, u, ctx.lang, ctx.digits);
    const filters = h(
      "div",
      { class: "filters" },
      select(
        ctx.w("as_of"),
        "as_of",
        d.as_ofs.map((a) => [a, gregorian(a, ctx.lang, ctx.digits)]),
        s.asOf,
        (v) => {
          setParams({ as_of: v, severity: null, bucket: null });
          render();
        },
      ),
      select(
        ctx.w("kpi"),
        "kpi",
        d.kpis.map((k) => [k, kpiLabel(ctx.lang, k)]),
        s.kpi,
        (v) => {
          setParams({ kpi: v });
          render();
        },
      ),
      select(
        ctx.w("breakdown.by"),
        "dimension",
        DIMENSIONS.map((x) => [x, code(ctx.lang, x)]),
        s.dimension,
        (v) => {
          setParams({ dimension: v });
          render();
        },
      ),
    );

    const trends = section(
      "trends",
      kpiLabel(ctx.lang, s.kpi),
      kpiLinks(ctx, s.kpi),
      linesOverTime(
        ctx,
        periods.map((p) => ({ period: p, series: kpiLabel(ctx.lang, s.kpi), value: get(p, s.kpi) })),
        { label: kpiLabel(ctx.lang, s.kpi), percent: unit === "ratio" },
      ),
      dataTable({
        lang: ctx.lang,
        csv: "collections-by-month",
        columns: [
          {
            key: "period",
            label: ctx.w("period"),
            show: (r: { period: string }) => month(r.period, ctx.lang, ctx.digits),
          },
          ...d.kpis.map((k) => ({
            key: k,
            label: kpiLabel(ctx.lang, k),
            numeric: true,
            value: (r: { period: string }) => get(r.period, k),
            show: (r: { period: string }) => fmt(get(r.period, k), d.units[k]),
          })),
        ],
        rows: periods.map((p) => ({ period: p })).reverse(),
        highlight: (r) => r.period === period,
        limit: 24,
      }),
    );

    const groups = [...new Set(d.rows.filter((r) => r[2] === s.dimension).map((r) => r[3]))].sort();
    const previous = periods[periods.indexOf(period) - 1];
    const breakdown = section(
      "breakdown",
      `${kpiLabel(ctx.lang, s.kpi)} — ${ctx.w("breakdown.by")} ${code(ctx.lang, s.dimension)}`,
      linesOverTime(
        ctx,
        groups.flatMap((g) =>
          periods.map((p) => ({
            period: p,
            series: code(ctx.lang, g, s.dimension),
            value: get(p, s.kpi, s.dimension, g),
          })),
        ),
        { label: code(ctx.lang, s.dimension), percent: unit === "ratio", height: 320 },
      ),
      dataTable({
        lang: ctx.lang,
        csv: `${s.kpi}-by-${s.dimension}-${period}`,
        columns: [
          {
            key: "group",
            label: code(ctx.lang, s.dimension),
            show: (r: { group: string }) => code(ctx.lang, r.group, s.dimension),
          },
          {
            key: "value",
            label: month(period, ctx.lang, ctx.digits),
            numeric: true,
            value: (r) => get(period, s.kpi, s.dimension, r.group),
            show: (r) => fmt(get(period, s.kpi, s.dimension, r.group)),
          },
          {
            key: "previous",
            label: ctx.w("report.previous"),
            numeric: true,
            value: (r) => (previous ? get(previous, s.kpi, s.dimension, r.group) : null),
            show: (r) => fmt(previous ? get(previous, s.kpi, s.dimension, r.group) : null),
          },
          {
            key: "change",
            label: ctx.w("report.change"),
            numeric: true,
            value: (r) =>
              changeBetween(get(period, s.kpi, s.dimension, r.group), previous ? get(previous, s.kpi, s.dimension, r.group) : null)?.delta,
            show: (r) =>
              changeCell(
                ctx,
                s.kpi,
                changeBetween(get(period, s.kpi, s.dimension, r.group), previous ? get(previous, s.kpi, s.dimension, r.group) : null),
                unit,
              ),
          },
        ],
        rows: groups.map((g) => ({ group: g })),
        limit: 30,
      }),
    );

    root.replaceChildren(
      h("h1", {}, ctx.w("page.collections")),
      h("p", { class: "subtitle" }, `${ctx.w("position.at")} ${dateWithHijri(s.asOf, ctx.lang, ctx.digits)}`),
      filters,
      trends,
      breakdown,
      channelsSection(ctx, d.channels, period),
      ageingSection(ctx, d.ageing, s, render),
      suspensionSection(ctx, d.suspension, s.asOf),
    );
  };
  render();
  return root;
}
