// The Overview's compliance tile: the compliance rate of the latest month whose payments are judged,
// its change on the month before coloured by the catalogue's better direction (a KPI card), and the
// declared-on-time and paid-by-due rates behind it, linking to the Compliance page.
import type { ComplianceTile, HeadlineKpi } from "../../pipelines/publish/page-data/overview.ts";
import type { Ctx } from "./context.js";
import { figure, h } from "./dom.js";
import { kpiValue, month, movement } from "./format.js";
import { kpiLabel } from "./i18n.js";
import { kpiCard } from "./kpi.js";
import { tone } from "./kpi-catalogue.js";
import { pageHref } from "./url.js";

/** A rate's change on last month, classed and coloured as the KPI cards' are (the figure in <b>). */
function change(ctx: Ctx, k: HeadlineKpi): HTMLElement | string {
  const m = movement(k.vs_previous, k.unit, ctx.lang, ctx.digits, ctx.w("points"));
  if (!m) return "";
  return h(
    "span",
    { class: `change ${tone(k.kpi, m.way)}`, "data-way": m.way, "data-delta": k.vs_previous?.delta ?? null },
    h("b", {}, m.signed),
  );
}

export function complianceTile(ctx: Ctx, tile: ComplianceTile | undefined): HTMLElement | string {
  const [rate, ...behind] = tile?.kpis ?? [];
  if (!tile?.period || !rate) return "";
  const href = pageHref("compliance", { month: tile.period }, "rates");
  const card = kpiCard(ctx, rate, href);
  card.id = "compliance";
  card.setAttribute("data-figure", "compliance");
  card.setAttribute("data-period", tile.period);
  card.querySelector("h3")?.after(h("p", { class: "hint" }, month(tile.period, ctx.lang, ctx.digits)));
  card.querySelector(".kpi-links")?.before(
    h(
      "ul",
      { class: "compliance-behind" },
      behind.map((k) =>
        h(
          "li",
          { "data-rate": k.kpi },
          `${kpiLabel(ctx.lang, k.kpi)}: `,
          figure(kpiValue(k.value, k.unit, ctx.lang, ctx.digits), k.value),
          " ",
          change(ctx, k),
        ),
      ),
    ),
  );
  card.append(
    h("p", { class: "more-link" }, h("a", { href, "data-link": "explain" }, `${ctx.w("details")} ${ctx.lang === "ar" ? "←" : "→"}`)),
  );
  return card;
}
