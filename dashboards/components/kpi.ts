// A KPI card: the value, its change against last month and the same month last year, and links to
// its definition, the model computing it and the run behind it. The card itself links to the page
// that explains the figure. A change is coloured by what it means for the fund (the catalogue says
// which way is better), never by its sign alone.
import type { HeadlineKpi } from "../../pipelines/publish/export/kpis.ts";
import type { Ctx } from "./context.js";
import { h, figure } from "./dom.js";
import { kpiValue, movement, type Change, type Unit } from "./format.js";
import { kpiDefinition, kpiEntry, kpiLabel, tone } from "./kpi-catalogue.js";
import { pageHref } from "./url.js";

/** The model behind a KPI, from the catalogue. */
export const kpiModel = (kpi: string): string => kpiEntry(kpi)?.model ?? "marts.kpi_monthly";
export const KPI_MODEL = "marts.kpi_monthly";

export function kpiLinks(ctx: Ctx, kpi: string): HTMLElement {
  return h(
    "p",
    { class: "kpi-links" },
    h("a", { href: pageHref("health", { kpi }, "kpis"), "data-link": "definition" }, ctx.w("definition")),
    " · ",
    h("a", { href: pageHref("health", { model: kpiModel(kpi) }, "catalogue"), "data-link": "model" }, ctx.w("model")),
    " · ",
    h("a", { href: pageHref("health", { run: ctx.site.stamp.run_id }, "runs"), "data-link": "run" }, ctx.w("stamp.run")),
  );
}

/** A signed change, classed by its meaning: `change good|bad|neutral|flat`; "—" when the other month has no value. */
export function changeCell(ctx: Ctx, kpi: string, change: Change | null, unit: Unit): HTMLElement | string {
  const m = movement(change, unit, ctx.lang, ctx.digits, ctx.w("points"));
  if (!m) return "—";
  return h("span", { class: `change ${tone(kpi, m.way)}`, "data-way": m.way, "data-delta": change?.delta ?? null }, m.signed);
}

function changeLine(ctx: Ctx, k: HeadlineKpi, which: "vs_previous" | "vs_year_ago"): HTMLElement {
  const m = movement(k[which], k.unit, ctx.lang, ctx.digits, ctx.w("points"));
  return h(
    "div",
    {
      class: `change ${m ? tone(k.kpi, m.way) : "none"}`,
      "data-change": which,
      "data-way": m?.way ?? null,
      "data-delta": k[which]?.delta ?? null,
    },
    m ? h("b", {}, m.signed) : ctx.w(which === "vs_previous" ? "no.comparison" : "no.year_ago"),
    " ",
    m ? ctx.w(which === "vs_previous" ? "vs.previous" : "vs.year_ago") : "",
    m?.absolute ? ` (${ctx.w("from.zero")})` : "",
  );
}

export function kpiCard(ctx: Ctx, k: HeadlineKpi, explainedBy: string): HTMLElement {
  return h(
    "div",
    { class: "card kpi", "data-kpi": k.kpi, title: kpiDefinition(ctx.lang, k.kpi) ?? null },
    h("h3", {}, h("a", { href: explainedBy, "data-link": "explain" }, kpiLabel(ctx.lang, k.kpi))),
    h("div", { class: "big" }, figure(kpiValue(k.value, k.unit, ctx.lang, ctx.digits), k.value, { "data-unit": k.unit })),
    changeLine(ctx, k, "vs_previous"),
    changeLine(ctx, k, "vs_year_ago"),
    kpiLinks(ctx, k.kpi),
  );
}
