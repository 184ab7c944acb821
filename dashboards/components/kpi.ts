// A KPI card: the value, its change against last month and the same month last year, and links to
// its definition, the model computing it and the run behind it. The card itself links to the page
// that explains the figure.
import type { HeadlineKpi } from "../../pipelines/publish/export/kpis.ts";
import type { Ctx } from "./context.js";
import { h, figure } from "./dom.js";
import { kpiChange, kpiValue } from "./format.js";
import { kpiDefinition, kpiLabel } from "./i18n.js";
import { pageHref } from "./url.js";

export const KPI_MODEL = "marts.kpi_monthly";

export function kpiLinks(ctx: Ctx, kpi: string): HTMLElement {
  return h(
    "p",
    { class: "kpi-links" },
    h("a", { href: pageHref("health", { kpi }, "kpis"), "data-link": "definition" }, ctx.w("definition")),
    " · ",
    h("a", { href: pageHref("health", { model: KPI_MODEL }, "catalogue"), "data-link": "model" }, ctx.w("model")),
    " · ",
    h("a", { href: pageHref("health", { run: ctx.site.stamp.run_id }, "runs"), "data-link": "run" }, ctx.w("stamp.run")),
  );
}

function changeLine(ctx: Ctx, k: HeadlineKpi, which: "vs_previous" | "vs_year_ago"): HTMLElement {
  const text = kpiChange(k[which], k.unit, ctx.lang, ctx.digits, ctx.w("points"));
  const delta = k[which]?.delta;
  const dir = !delta || /^-?0(\.0*)?$/.test(delta) ? "flat" : delta.startsWith("-") ? "down" : "up";
  return h(
    "div",
    { class: `change ${text ? dir : "none"}`, "data-change": which, "data-delta": delta ?? null },
    text ? h("b", {}, text) : ctx.w("no.comparison"),
    " ",
    text ? ctx.w(which === "vs_previous" ? "vs.previous" : "vs.year_ago") : "",
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
