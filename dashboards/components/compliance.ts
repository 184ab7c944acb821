// The Compliance page (rules.md §5): the compliance, declared-on-time and paid-by-due rates over time;
// by region, sector, size class and legal form; in the audit build, the least compliant employers and,
// for one employer (?id=), its months × criteria calendar. The management build shows aggregates only.
import type { ComplianceData } from "../../pipelines/publish/page-data/compliance.ts";
import type { EmployerShard } from "../../pipelines/publish/page-data/employer.ts";
import { linesOverTime } from "./charts.js";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { complianceCalendar } from "./employer-compliance.js";
import { known } from "./employer.js";
import { changeBetween, integer, kpiValue, month, percent } from "./format.js";
import { code, kpiLabel } from "./i18n.js";
import { changeCell, kpiLinks } from "./kpi.js";
import { employerLink } from "./links.js";
import { dataTable } from "./table.js";
import { fetchShard, pageHref, param, setParams } from "./url.js";

export type { ComplianceData };

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

function leastSection(ctx: Ctx, d: ComplianceData): HTMLElement {
  const rows = d.least ?? [];
  return section(
    "least",
    ctx.w("compliance.least"),
    h("p", { class: "hint" }, ctx.w("compliance.least.hint")),
    rows.length
      ? dataTable({
          lang: ctx.lang,
          csv: "least-compliant-employers",
          columns: [
            { key: "employer_id", label: ctx.w("employer"), show: (r) => employerLink(ctx, r) },
            { key: "region", label: ctx.w("region"), show: (r) => code(ctx.lang, r.region) },
            { key: "months", label: ctx.w("compliance.months"), numeric: true, show: (r) => integer(r.months, ctx.lang, ctx.digits) },
            {
              key: "compliant_months",
              label: ctx.w("compliance.compliant_months"),
              numeric: true,
              show: (r) => integer(r.compliant_months, ctx.lang, ctx.digits),
            },
            { key: "rate", label: ctx.w("compliance.rate"), numeric: true, show: (r) => percent(r.rate, ctx.lang, ctx.digits) },
            {
              key: "not_declared_on_time",
              label: ctx.w("compliance.not_declared_on_time"),
              numeric: true,
              show: (r) => integer(r.not_declared_on_time, ctx.lang, ctx.digits),
            },
            {
              key: "not_paid_by_due",
              label: ctx.w("compliance.not_paid_by_due"),
              numeric: true,
              show: (r) => integer(r.not_paid_by_due, ctx.lang, ctx.digits),
            },
            {
              key: "max_days_late",
              label: ctx.w("compliance.max_days_late"),
              numeric: true,
              show: (r) => (r.max_days_late === null ? "—" : integer(r.max_days_late, ctx.lang, ctx.digits)),
            },
            {
              key: "calendar",
              label: ctx.w("compliance.calendar"),
              value: () => null,
              show: (r) =>
                h(
                  "a",
                  { href: pageHref("compliance", { id: r.employer_id }, "calendar"), "data-calendar": r.employer_id },
                  ctx.w("compliance.calendar.show"),
                ),
            },
          ],
          rows,
          rowAttrs: (r) => ({ "data-least": r.employer_id }),
          limit: 20,
        })
      : h("p", { class: "hint" }, ctx.w("compliance.none_least")),
  );
}

/** The calendar of the employer named by ?id= (audit build): its shard's `compliance` part. */
function calendarSection(ctx: Ctx, d: ComplianceData): HTMLElement {
  const body = h("div", { id: "calendar-body" }, h("p", { class: "hint" }, ctx.w("compliance.calendar.pick")));
  const input = h("input", { type: "search", name: "id", value: param("id") ?? "", size: 12, placeholder: ctx.w("employer_id") });
  const show = async (id: string) => {
    if (!/^\d{9}$/.test(id) || !d.search) return;
    setParams({ id });
    const shard = (await known(d.search, id)) ? await fetchShard<EmployerShard>(`employers/${id}.json`) : null;
    if (!shard) {
      body.replaceChildren(h("p", { class: "hint", "data-no-employer": id }, ctx.w("search.unknown")));
      return;
    }
    body.replaceChildren(
      h("p", { "data-calendar-of": id }, `${ctx.w("compliance.calendar.of")}: `, employerLink(ctx, shard.employer), ` (${id})`),
      complianceCalendar(ctx, id, shard.compliance ?? []),
    );
  };
  const form = h(
    "form",
    {
      class: "filters",
      onsubmit: (e: Event) => {
        e.preventDefault();
        void show(input.value.trim());
      },
    },
    h("label", {}, ctx.w("employer_id"), input),
    h("button", { type: "submit" }, ctx.w("compliance.calendar.show")),
  );
  const start = param("id");
  if (start) void show(start);
  return section("calendar", ctx.w("compliance.calendar"), form, body);
}

export function renderCompliance(ctx: Ctx, d: ComplianceData): HTMLElement {
  const value = new Map(d.rows.map(([p, k, dim, dv, v]) => [`${p}|${k}|${dim}|${dv}`, v]));
  const get = (p: string, k: string, dim = "all", dv = "all") => value.get(`${p}|${k}|${dim}|${dv}`) ?? null;
  // months with a rate: the as-of month (and a month not yet judged for payment) has none for some
  const periods = [...new Set(d.rows.filter((r) => r[2] === "all" && r[4] !== null).map((r) => r[0]))].sort();
  const root = h("div", { class: "tahseel-page", "data-page": "compliance" });
  const fmt = (v: string | null) => kpiValue(v, "ratio", ctx.lang, ctx.digits);

  const render = () => {
    const period = periods.includes(param("month") ?? "") ? param("month")! : (d.latest ?? periods.at(-1) ?? "");
    const dimension = DIMENSIONS.includes(param("dimension") ?? "") ? param("dimension")! : "region";
    const previous = periods[periods.indexOf(period) - 1];
    const filters = h(
      "div",
      { class: "filters" },
      select(
        ctx.w("compliance.month"),
        "month",
        periods.map((p) => [p, month(p, ctx.lang, ctx.digits)]),
        period,
        (v) => {
          setParams({ month: v });
          render();
        },
      ),
      select(
        ctx.w("breakdown.by"),
        "dimension",
        DIMENSIONS.map((x) => [x, code(ctx.lang, x)]),
        dimension,
        (v) => {
          setParams({ dimension: v });
          render();
        },
      ),
    );
    const rates = section(
      "rates",
      ctx.w("compliance.rates"),
      kpiLinks(ctx, "compliance_rate"),
      linesOverTime(
        ctx,
        d.kpis.flatMap((k) => periods.map((p) => ({ period: p, series: kpiLabel(ctx.lang, k), value: get(p, k) }))),
        { label: ctx.w("compliance.rates"), percent: true },
      ),
      dataTable({
        lang: ctx.lang,
        csv: "compliance-by-month",
        columns: [
          { key: "period", label: ctx.w("month"), show: (r: { period: string }) => month(r.period, ctx.lang, ctx.digits) },
          ...d.kpis.map((k) => ({
            key: k,
            label: kpiLabel(ctx.lang, k),
            numeric: true,
            value: (r: { period: string }) => get(r.period, k),
            show: (r: { period: string }) => fmt(get(r.period, k)),
          })),
        ],
        rows: periods.map((p) => ({ period: p })).reverse(),
        highlight: (r) => r.period === period,
        rowAttrs: (r) => ({ "data-period": r.period }),
        limit: 24,
      }),
    );
    const groups = [...new Set(d.rows.filter((r) => r[2] === dimension).map((r) => r[3]))].sort();
    const breakdown = section(
      "breakdown",
      `${kpiLabel(ctx.lang, "compliance_rate")} — ${ctx.w("breakdown.by")} ${code(ctx.lang, dimension)}`,
      linesOverTime(
        ctx,
        groups.flatMap((g) =>
          periods.map((p) => ({ period: p, series: code(ctx.lang, g, dimension), value: get(p, "compliance_rate", dimension, g) })),
        ),
        { label: code(ctx.lang, dimension), percent: true, height: 320 },
      ),
      dataTable({
        lang: ctx.lang,
        csv: `compliance-by-${dimension}-${period}`,
        columns: [
          { key: "group", label: code(ctx.lang, dimension), show: (r: { group: string }) => code(ctx.lang, r.group, dimension) },
          ...d.kpis.map((k) => ({
            key: k,
            label: kpiLabel(ctx.lang, k),
            numeric: true,
            value: (r: { group: string }) => get(period, k, dimension, r.group),
            show: (r: { group: string }) => fmt(get(period, k, dimension, r.group)),
          })),
          {
            key: "change",
            label: `${ctx.w("report.change")} (${kpiLabel(ctx.lang, "compliance_rate")})`,
            numeric: true,
            value: (r) =>
              changeBetween(
                get(period, "compliance_rate", dimension, r.group),
                previous ? get(previous, "compliance_rate", dimension, r.group) : null,
              )?.delta,
            show: (r) =>
              changeCell(
                ctx,
                "compliance_rate",
                changeBetween(
                  get(period, "compliance_rate", dimension, r.group),
                  previous ? get(previous, "compliance_rate", dimension, r.group) : null,
                ),
                "ratio",
              ),
          },
        ],
        rows: groups.map((g) => ({ group: g })),
        rowAttrs: (r) => ({ "data-group": `${dimension}:${r.group}` }),
        limit: 30,
      }),
    );
    root.replaceChildren(
      h("h1", {}, `${ctx.w("page.compliance")} — ${period ? month(period, ctx.lang, ctx.digits) : ""}`),
      h("p", { class: "hint" }, ctx.w("compliance.explain")),
      filters,
      rates,
      breakdown,
      ctx.audit ? leastSection(ctx, d) : h("p", { class: "hint", "data-aggregates-only": "" }, ctx.w("compliance.calendar.management")),
      ctx.audit ? calendarSection(ctx, d) : "",
    );
  };
  render();
  return root;
}
