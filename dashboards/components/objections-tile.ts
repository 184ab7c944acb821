// The Overview's objection tile: the objections open at the report month's end, what they contest, the
// change on last month (coloured by the catalogue: fewer is better) and the month's SLA breach rate,
// linking to the Objections page.
import type { OverviewData } from "../../pipelines/publish/page-data/overview.ts";
import type { Ctx } from "./context.js";
import { figure, h } from "./dom.js";
import { changeBetween, month, percent, sar } from "./format.js";
import { changeCell } from "./kpi.js";
import { kpiLabel } from "./i18n.js";
import { OBJECTION_NOUN } from "./objection-noun.js";
import { plural } from "./plural.js";
import { pageHref } from "./url.js";

export function objectionsTile(ctx: Ctx, o: OverviewData): HTMLElement | string {
  const t = o.objections;
  if (!t) return "";
  const link = (text: string) =>
    ctx.has("objections") ? h("a", { href: pageHref("objections", {}, "backlog"), "data-link": "objections" }, text) : text;
  return h(
    "div",
    { class: "card", id: "objections", "data-figure": "objections" },
    h("h3", {}, ctx.w("objections.tile")),
    h(
      "p",
      { class: "lead" },
      figure(plural(t.open, OBJECTION_NOUN, ctx.lang, ctx.digits), t.open, { "data-figure": "objections-open" }),
      " · ",
      figure(sar(t.open_amount, ctx.lang, ctx.digits), t.open_amount, { "data-figure": "objections-open-amount" }),
      ` — ${month(t.period, ctx.lang, ctx.digits)}`,
    ),
    h(
      "p",
      {},
      changeCell(
        ctx,
        "objection_backlog",
        changeBetween(String(t.open), t.previous_open === null ? null : String(t.previous_open)),
        "count",
      ),
      ` ${ctx.w("vs.previous")}`,
    ),
    h(
      "p",
      {},
      `${kpiLabel(ctx.lang, "objection_sla_breach_rate")}: `,
      figure(percent(t.sla_breach_rate, ctx.lang, ctx.digits), t.sla_breach_rate, { "data-figure": "objections-sla-rate" }),
    ),
    h("p", { class: "more-link" }, link(`${ctx.w("details")} ${ctx.lang === "ar" ? "←" : "→"}`)),
  );
}
