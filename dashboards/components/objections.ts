// The Objections page: the open objections by state and age band, the objection KPIs (the report month's
// cards, their months, and by region, sector, size class and legal form), outcomes and conceded amounts by
// category, service-level breaches and the settlement control counted by problem. The audit build adds the
// breaches and the mismatches listed (each objection opening its timeline) and one objection's timeline
// (?objection=<id>). The management build shows aggregates only.
import { Decimal } from "decimal.js";
import type { ObjectionsData } from "../../pipelines/publish/page-data/objections.ts";
import { linesOverTime } from "./charts.js";
import type { Ctx } from "./context.js";
import { figure, h, section } from "./dom.js";
import { amount, integer, kpiValue, sar } from "./format.js";
import { code, kpiLabel } from "./i18n.js";
import { kpiCard } from "./kpi.js";
import { breachList, mismatchList } from "./objections-lists.js";
import { timelineSection } from "./objections-timeline.js";
import { OBJECTION_NOUN } from "./objection-noun.js";
import { plural } from "./plural.js";
import { dataTable } from "./table.js";
import { pageHref, param, setParams } from "./url.js";

const STATES = ["submitted", "under_review", "info_requested", "escalated_legal", "committee"];
const OUTCOMES = ["accepted", "partially_accepted", "rejected", "withdrawn", "closed"];
const DIMENSIONS = ["region", "sector", "size_class", "legal_form"];
/** An exact sum of amounts given as decimal text. */
const sumText = <R>(rows: R[], k: keyof R) => rows.reduce((a, r) => a.plus(String(r[k])), new Decimal(0)).toFixed(2);
const card = (title: string, ...children: (Node | string)[]) => h("div", { class: "card" }, h("h3", {}, title), ...children);

function summary(ctx: Ctx, d: ObjectionsData): HTMLElement {
  const t = d.totals;
  const n = (v: number, key: string) => figure(integer(v, ctx.lang, ctx.digits), v, { "data-figure": key });
  return section(
    "summary",
    ctx.w("objections.summary"),
    h(
      "p",
      { class: "lead" },
      figure(plural(t.objections, OBJECTION_NOUN, ctx.lang, ctx.digits), t.objections, { "data-figure": "objections-total" }),
      " · ",
      n(t.open, "objections-open"),
      ` ${ctx.w("objections.open")} (`,
      figure(sar(t.open_amount, ctx.lang, ctx.digits), t.open_amount, { "data-figure": "objections-open-amount" }),
      ") · ",
      n(t.open_breached, "objections-open-breached"),
      ` ${ctx.w("objections.open_breached")} · `,
      n(t.decided, "objections-decided"),
      ` ${ctx.w("objections.decided")}`,
    ),
    h(
      "p",
      {},
      `${ctx.w("objections.conceded")}: `,
      figure(sar(t.conceded, ctx.lang, ctx.digits), t.conceded, { "data-figure": "objections-conceded" }),
    ),
    ctx.audit ? "" : h("p", { class: "note" }, ctx.w("objections.management")),
  );
}

/** States down, age bands across: how many open objections (and, under each count, what they contest). */
function backlog(ctx: Ctx, d: ObjectionsData): HTMLElement {
  const bands = [...new Map(d.backlog.map((b) => [b.band_order, b.age_band])).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  const states = [...new Set([...STATES, ...d.backlog.map((b) => b.status)])].filter((s) => d.backlog.some((b) => b.status === s));
  const cell = (status: string, band: string) => d.backlog.find((b) => b.status === status && b.age_band === band);
  const rows = states.map((status) => ({
    status,
    ...Object.fromEntries(bands.map((band) => [band, cell(status, band)?.objections ?? 0])),
  }));
  return section(
    "backlog",
    ctx.w("objections.backlog"),
    h("p", { class: "hint" }, ctx.w("objections.backlog.explain")),
    d.backlog.length
      ? dataTable<Record<string, unknown>>({
          lang: ctx.lang,
          csv: `objection-backlog-${d.as_of}`,
          columns: [
            { key: "status", label: ctx.w("status"), show: (r) => ctx.w(`state.${r.status}`) },
            ...bands.map((band) => ({
              key: band,
              label: `${ctx.w("age_band")} ${band.replace("over ", "> ")}`,
              numeric: true,
              show: (r: Record<string, unknown>) => {
                const c = cell(String(r.status), band);
                return c
                  ? h(
                      "span",
                      { "data-backlog": `${c.status}|${band}`, "data-value": c.objections, "data-amount": c.disputed_amount },
                      integer(c.objections, ctx.lang, ctx.digits),
                      h("br"),
                      h("small", {}, amount(c.disputed_amount, ctx.lang, ctx.digits)),
                    )
                  : "—";
              },
            })),
            {
              key: "breached",
              label: ctx.w("sla_breached"),
              numeric: true,
              value: (r) => d.backlog.filter((b) => b.status === r.status).reduce((a, b) => a + b.sla_breached, 0),
              show: (r) =>
                integer(
                  d.backlog.filter((b) => b.status === r.status).reduce((a, b) => a + b.sla_breached, 0),
                  ctx.lang,
                  ctx.digits,
                ),
            },
          ],
          rows,
        })
      : h("p", { class: "hint" }, ctx.w("objections.none")),
  );
}

function kpis(ctx: Ctx, d: ObjectionsData): HTMLElement {
  // months up to the report month: the as-of month is not over yet
  const overall = d.rows.filter((r) => r[2] === "all" && r[0] <= d.period);
  const chart = (kpiKeys: string[], percent = false) =>
    linesOverTime(
      ctx,
      overall.filter((r) => kpiKeys.includes(r[1])).map((r) => ({ period: r[0], series: kpiLabel(ctx.lang, r[1]), value: r[4] })),
      { label: kpiKeys.map((k) => kpiLabel(ctx.lang, k)).join(" · "), percent, height: 200, width: 360 },
    );
  const dim = param("dimension") ?? "region";
  const holder = h("div");
  const draw = (dimension: string) => {
    const cut = d.rows.filter((r) => r[0] === d.period && r[2] === dimension);
    const values = [...new Set(cut.map((r) => r[3]))].sort();
    holder.replaceChildren(
      dataTable<{ value: string }>({
        lang: ctx.lang,
        csv: `objection-kpis-${dimension}-${d.period}`,
        columns: [
          { key: "value", label: ctx.w(dimension), show: (r) => code(ctx.lang, r.value, dimension) },
          ...d.kpis.map((kpi) => ({
            key: kpi,
            label: kpiLabel(ctx.lang, kpi),
            numeric: true,
            value: (r: { value: string }) => cut.find((c) => c[1] === kpi && c[3] === r.value)?.[4] ?? null,
            show: (r: { value: string }) =>
              kpiValue(cut.find((c) => c[1] === kpi && c[3] === r.value)?.[4] ?? null, d.units[kpi]!, ctx.lang, ctx.digits),
          })),
        ],
        rows: values.map((value) => ({ value })),
      }),
    );
  };
  const select = h(
    "select",
    {
      name: "dimension",
      onchange: (e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        setParams({ dimension: v });
        draw(v);
      },
    },
    DIMENSIONS.map((x) => h("option", { value: x, selected: x === dim }, ctx.w(x))),
  );
  draw(dim);
  return section(
    "kpis",
    ctx.w("objections.kpis"),
    h(
      "div",
      { class: "grid-kpis" },
      d.cards.map((k) => kpiCard(ctx, k, pageHref("objections", {}, "kpis"))),
    ),
    h(
      "div",
      { class: "grid-figures" },
      card(ctx.w("objections.tile"), chart(["objection_backlog"])),
      card(kpiLabel(ctx.lang, "objection_days_to_decision"), chart(["objection_days_to_decision"])),
      card(kpiLabel(ctx.lang, "objections_per_1000_invoices"), chart(["objections_per_1000_invoices"])),
      card(
        ctx.w("objections.sla"),
        chart(["objection_sla_breach_rate", "objections_favoured_share", "objections_favoured_amount_share"], true),
      ),
    ),
    h("h3", {}, ctx.w("objections.by_dimension")),
    h("div", { class: "filters" }, h("label", {}, `${ctx.w("breakdown.by")} `, select)),
    holder,
  );
}

function outcomes(ctx: Ctx, d: ObjectionsData): HTMLElement {
  const categories = [...new Set(d.outcomes.map((o) => o.category))].sort();
  const outcomesSeen = OUTCOMES.filter((o) => d.outcomes.some((x) => x.outcome === o));
  const of = (c: string) => d.outcomes.filter((o) => o.category === c);
  return section(
    "outcomes",
    ctx.w("objections.outcomes"),
    dataTable<{ category: string }>({
      lang: ctx.lang,
      csv: `objection-outcomes-${d.as_of}`,
      columns: [
        { key: "category", label: ctx.w("category"), show: (r) => code(ctx.lang, r.category) },
        ...outcomesSeen.map((o) => ({
          key: o,
          label: ctx.w(`state.${o}`),
          numeric: true,
          value: (r: { category: string }) => of(r.category).find((x) => x.outcome === o)?.objections ?? 0,
          show: (r: { category: string }) => integer(of(r.category).find((x) => x.outcome === o)?.objections ?? 0, ctx.lang, ctx.digits),
        })),
        {
          key: "disputed_amount",
          label: ctx.w("disputed_amount"),
          numeric: true,
          value: (r) => sumText(of(r.category), "disputed_amount"),
          show: (r) => amount(sumText(of(r.category), "disputed_amount"), ctx.lang, ctx.digits),
        },
        {
          key: "conceded",
          label: ctx.w("conceded"),
          numeric: true,
          value: (r) => sumText(of(r.category), "conceded"),
          show: (r) => h("span", { "data-conceded": r.category }, amount(sumText(of(r.category), "conceded"), ctx.lang, ctx.digits)),
        },
      ],
      rows: categories.map((category) => ({ category })),
    }),
  );
}

function breaches(ctx: Ctx, d: ObjectionsData): HTMLElement {
  return section(
    "sla",
    ctx.w("objections.sla"),
    h("p", { class: "hint" }, ctx.w("objections.sla.explain")),
    dataTable({
      lang: ctx.lang,
      csv: `objection-breaches-${d.as_of}`,
      columns: [
        { key: "is_open", label: ctx.w("is_open"), show: (r) => ctx.w(r.is_open ? "yes" : "no") },
        { key: "status", label: ctx.w("status"), show: (r) => ctx.w(`state.${r.status}`) },
        {
          key: "objections",
          label: ctx.w("objections"),
          numeric: true,
          show: (r) => h("span", { "data-breaches": `${r.is_open}|${r.status}` }, integer(r.objections, ctx.lang, ctx.digits)),
        },
        { key: "escalated", label: ctx.w("escalated"), numeric: true, show: (r) => integer(r.escalated, ctx.lang, ctx.digits) },
        {
          key: "disputed_amount",
          label: ctx.w("disputed_amount"),
          numeric: true,
          show: (r) => amount(r.disputed_amount, ctx.lang, ctx.digits),
        },
      ],
      rows: d.breaches,
    }),
    d.breach_list?.total ? breachList(ctx, d.breach_list) : "",
  );
}

function mismatches(ctx: Ctx, d: ObjectionsData): HTMLElement {
  return section(
    "mismatches",
    ctx.w("objections.mismatches"),
    h("p", { class: "hint" }, ctx.w("objections.mismatches.explain")),
    d.mismatches.length
      ? dataTable({
          lang: ctx.lang,
          csv: `settlement-control-${d.as_of}`,
          columns: [
            { key: "problem", label: ctx.w("problem"), show: (r) => ctx.w(`problem.${r.problem}`) },
            {
              key: "invoices",
              label: ctx.w("invoices"),
              numeric: true,
              show: (r) => h("span", { "data-mismatches": r.problem }, integer(r.invoices, ctx.lang, ctx.digits)),
            },
            { key: "conceded", label: ctx.w("conceded"), numeric: true, show: (r) => amount(r.conceded, ctx.lang, ctx.digits) },
            { key: "settled", label: ctx.w("settled"), numeric: true, show: (r) => amount(r.settled, ctx.lang, ctx.digits) },
            { key: "difference", label: ctx.w("difference"), numeric: true, show: (r) => amount(r.difference, ctx.lang, ctx.digits) },
          ],
          rows: d.mismatches,
        })
      : h("p", { class: "hint" }, ctx.w("objections.none")),
    d.mismatch_list?.total ? mismatchList(ctx, d.mismatch_list) : "",
  );
}

export async function renderObjections(ctx: Ctx, d: ObjectionsData | null): Promise<HTMLElement> {
  const root = h("div", { class: "tahseel-page", "data-page": "objections" }, h("h1", {}, ctx.w("page.objections")));
  if (!d) {
    root.append(h("p", { class: "hint" }, ctx.w("objections.none")));
    return root;
  }
  root.append(summary(ctx, d), backlog(ctx, d), kpis(ctx, d), breaches(ctx, d), outcomes(ctx, d), mismatches(ctx, d));
  if (ctx.audit) root.append(await timelineSection(ctx));
  return root;
}
