// Collections and arrears: the KPIs over time, breakdowns by region, sector, size class and legal
// form, the ageing table at any month-end with (audit build) drill-down to the employers of a cell,
// and the suspension candidates. Filters are in the URL.
import { Decimal } from "decimal.js";
import type { SeverityRow, SuspensionRow, SuspensionSummary } from "../../pipelines/publish/export/ageing.ts";
import { ageingChart, BUCKET_ORDER, linesOverTime } from "./charts.js";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { amount, dateWithHijri, integer, kpiChange, kpiValue, month, type Unit } from "./format.js";
import { code, kpiLabel } from "./i18n.js";
import { kpiLinks } from "./kpi.js";
import { employerLink } from "./links.js";
import { dataTable } from "./table.js";
import { fetchShard, param, setParams } from "./url.js";
import { fetchPage, pagedTable } from "./paged.js";

export interface CollectionsData {
  kpis: string[];
  units: Record<string, Unit>;
  rows: [string, string, string, string, string | null][];
  as_ofs: string[];
  default_as_of: string;
  ageing: SeverityRow[];
  suspension: Record<string, SuspensionSummary>;
}

interface DrillRow extends Record<string, unknown> {
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  region: string | null;
  severity: string;
  past_due: string;
  outstanding: string;
  max_days_past_due: number | null;
}

const DIMENSIONS = ["region", "sector", "size_class", "legal_form"];
const SEVERITIES = ["critical", "high", "medium", "low", "none"];

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
    const kpi = d.kpis.includes(param("kpi") ?? "") ? param("kpi")! : "collected";
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
        d.as_ofs.map((a) => [a, a]),
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
            show: (r) => {
              const now = get(period, s.kpi, s.dimension, r.group);
              const before = previous ? get(previous, s.kpi, s.dimension, r.group) : null;
              if (now === null || before === null) return "—";
              const delta = new Decimal(now).minus(before);
              const base = new Decimal(before).abs();
              return (
                kpiChange(
                  { delta: delta.toString(), relative: base.isZero() ? null : delta.div(base).toString() },
                  unit,
                  ctx.lang,
                  ctx.digits,
                  ctx.w("points"),
                ) ?? "—"
              );
            },
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
      ageingSection(ctx, d, s, render),
      suspensionSection(ctx, d, s.asOf),
    );
  };
  render();
  return root;
}

function ageingSection(
  ctx: Ctx,
  d: CollectionsData,
  s: { asOf: string; severity: string | null; bucket: string | null },
  rerender: () => void,
): HTMLElement {
  const rows = d.ageing.filter((a) => a.as_of === s.asOf);
  const cell = (severity: string, bucket: string | null, text: string, raw: string | number) => {
    const chosen = s.severity === severity && (s.bucket ?? null) === bucket;
    // drilling to employers is detail: only the audit build has it
    const content = ctx.audit
      ? h(
          "button",
          {
            type: "button",
            "data-severity": severity,
            "data-bucket": bucket ?? "",
            onclick: () => {
              setParams({ severity, bucket });
              rerender();
              document.getElementById("drill")?.scrollIntoView();
            },
          },
          text,
        )
      : text;
    return h("td", { class: `num${chosen ? " selected" : ""}`, "data-value": String(raw) }, content);
  };
  const table = h(
    "table",
    { class: "ageing" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", {}, ctx.w("severity")),
        h("th", { class: "num" }, ctx.w("employers")),
        BUCKET_ORDER.map((b) => h("th", { class: "num" }, code(ctx.lang, b))),
        h("th", { class: "num" }, ctx.w("past_due")),
        h("th", { class: "num" }, ctx.w("disputed")),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((r) =>
        h(
          "tr",
          { "data-severity": r.severity },
          h("th", {}, code(ctx.lang, r.severity)),
          cell(r.severity, null, integer(r.employers, ctx.lang, ctx.digits), r.employers),
          BUCKET_ORDER.map((b) =>
            cell(r.severity, b, amount(r[b as keyof SeverityRow] as string, ctx.lang, ctx.digits), r[b as keyof SeverityRow] as string),
          ),
          h("td", { class: "num", "data-value": r.past_due }, amount(r.past_due, ctx.lang, ctx.digits)),
          h("td", { class: "num", "data-value": r.disputed }, amount(r.disputed, ctx.lang, ctx.digits)),
        ),
      ),
    ),
  );
  const drill = h("div", { id: "drill" });
  if (ctx.audit) {
    if (s.severity && SEVERITIES.includes(s.severity)) void fillDrill(ctx, drill, s.asOf, s.severity, s.bucket);
    else drill.append(h("p", { class: "hint" }, ctx.w("ageing.drill.hint")));
  }
  return section(
    "ageing",
    `${ctx.w("ageing.table")} — ${s.asOf}`,
    ageingChart(ctx, rows, ctx.w("overview.ageing")),
    h("div", { class: "table-scroll" }, table),
    drill,
  );
}

async function fillDrill(ctx: Ctx, target: HTMLElement, asOf: string, severity: string, bucket: string | null): Promise<void> {
  const all = (await fetchShard<DrillRow[]>(`ageing/${asOf}/${severity}.json`)) ?? [];
  const rows = bucket ? all.filter((r) => Number(r[bucket] ?? 0) !== 0) : all;
  target.replaceChildren(
    h(
      "h3",
      {},
      `${ctx.w("ageing.drill")}: ${code(ctx.lang, severity)}${bucket ? ` · ${code(ctx.lang, bucket)}` : ""} ` +
        `(${integer(rows.length, ctx.lang, ctx.digits)})`,
    ),
    h("p", { class: "hint" }, ctx.w("ageing.limited")),
    dataTable({
      lang: ctx.lang,
      csv: `arrears-${asOf}-${severity}${bucket ? `-${bucket}` : ""}`,
      columns: [
        { key: "employer_id", label: ctx.w("employer"), show: (r: DrillRow) => employerLink(ctx, r) },
        { key: "region", label: ctx.w("region"), show: (r) => code(ctx.lang, r.region) },
        ...(bucket
          ? [
              {
                key: bucket,
                label: code(ctx.lang, bucket),
                numeric: true,
                show: (r: DrillRow) => amount(r[bucket] as string, ctx.lang, ctx.digits),
              },
            ]
          : []),
        {
          key: "past_due",
          label: ctx.w("past_due"),
          numeric: true,
          show: (r) => amount(r.past_due, ctx.lang, ctx.digits),
        },
        {
          key: "outstanding",
          label: ctx.w("outstanding"),
          numeric: true,
          show: (r) => amount(r.outstanding, ctx.lang, ctx.digits),
        },
        {
          key: "max_days_past_due",
          label: ctx.w("days_past_due"),
          numeric: true,
          show: (r) => integer(r.max_days_past_due, ctx.lang, ctx.digits),
        },
      ],
      rows,
      limit: 50,
    }),
  );
}

function suspensionSection(ctx: Ctx, d: CollectionsData, asOf: string): HTMLElement {
  const summary = d.suspension[asOf];
  const body = h("div");
  if (summary) {
    body.append(
      h(
        "p",
        { class: "lead" },
        `${integer(summary.employers, ctx.lang, ctx.digits)} ${ctx.w("employers")} · ` +
          `${kpiValue(summary.past_due_undisputed, "SAR", ctx.lang, ctx.digits)}`,
      ),
      dataTable({
        lang: ctx.lang,
        csv: `suspension-by-region-${asOf}`,
        columns: [
          {
            key: "region",
            label: ctx.w("region"),
            show: (r: SuspensionSummary["by_region"][number]) => code(ctx.lang, r.region),
          },
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
        rows: summary.by_region,
      }),
    );
    if (ctx.audit && summary.employers > 0)
      void fetchPage<SuspensionRow>(`suspension/${asOf}`).then((first) =>
        body.append(
          pagedTable(ctx, `suspension/${asOf}`, first ?? { total: 0, pages: 1, page: 0, rows: [] }, {
            csv: `suspension-${asOf}`,
            columns: [
              { key: "employer_id", label: ctx.w("employer"), show: (r: SuspensionRow) => employerLink(ctx, r) },
              { key: "region", label: ctx.w("region"), show: (r) => code(ctx.lang, r.region) },
              {
                key: "past_due_undisputed",
                label: ctx.w("past_due"),
                numeric: true,
                show: (r) => amount(r.past_due_undisputed, ctx.lang, ctx.digits),
              },
              { key: "oldest_due_on", label: ctx.w("due_on") },
              {
                key: "days_past_due",
                label: ctx.w("days_past_due"),
                numeric: true,
                show: (r) => integer(r.days_past_due, ctx.lang, ctx.digits),
              },
            ],
          }),
        ),
      );
  }
  return section("suspension", `${ctx.w("overview.suspension")} — ${asOf}`, h("p", { class: "hint" }, ctx.w("suspension.explain")), body);
}
