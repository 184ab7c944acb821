// The Overview's risk tile: how many employers are in the critical and high tiers at the month the
// overview shows (or the latest date scored), against the month-end before, and how many entered
// critical since — linking to the Risk page at that date.
import type { RiskData } from "../../pipelines/publish/page-data/risk.ts";
import type { Ctx } from "./context.js";
import { figure, h } from "./dom.js";
import { integer, shortDate } from "./format.js";
import { previousOf, tierCount } from "./risk.js";
import { pageHref } from "./url.js";

export function riskTile(ctx: Ctx, d: RiskData): HTMLElement | string {
  if (!d.dates.length) return "";
  const end = ctx.site.stamp.period_end;
  const asOf = d.dates.includes(end) ? end : d.dates.at(-1)!;
  const before = previousOf(d, asOf);
  const serious = (date: string | null) => (date ? tierCount(d, date, "critical") + tierCount(d, date, "high") : null);
  const now = serious(asOf)!;
  const was = serious(before);
  const intoCritical = d.migration
    .filter((m) => m.as_of === asOf && m.to_tier === "critical" && m.from_tier !== "critical")
    .reduce((a, m) => a + m.employers, 0);
  const link = (text: string) => h("a", { href: pageHref("risk", { as_of: asOf }, "summary"), "data-link": "risk" }, text);
  return h(
    "div",
    { class: "card risk-tile", id: "risk", "data-figure": "risk" },
    h("h3", {}, `${ctx.w("risk.tile")} — ${shortDate(asOf, ctx.lang)}`),
    h("p", { class: "hint" }, ctx.w("risk.tile.lead")),
    h(
      "p",
      { class: "lead" },
      figure(integer(now, ctx.lang, ctx.digits), now, { "data-figure": "risk-serious" }),
      was === null ? "" : h("span", { class: "change" }, ` (${ctx.w("risk.previous")}: ${integer(was, ctx.lang, ctx.digits)})`),
    ),
    h(
      "ul",
      { class: "state-counts" },
      ["critical", "high"].map((t) =>
        h(
          "li",
          { "data-tier": t, "data-value": tierCount(d, asOf, t) },
          link(`${ctx.w(`risk_tier.${t}`)}: ${integer(tierCount(d, asOf, t), ctx.lang, ctx.digits)}`),
        ),
      ),
      h(
        "li",
        { "data-figure": "risk-into-critical", "data-value": intoCritical },
        `${ctx.w("risk.into_critical")}: ${integer(intoCritical, ctx.lang, ctx.digits)}`,
      ),
    ),
    h("p", { class: "more-link" }, link(`${ctx.w("risk.open")} ${ctx.lang === "ar" ? "←" : "→"}`)),
  );
}
