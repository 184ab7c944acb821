// The alerts tile on the data-health page (placed under its title by the page): how many alerts are open, by state and by rule, each count
// linking (audit build) to the Alerts view filtered to it.
import type { AlertsData } from "../../pipelines/publish/page-data/alerts.ts";
import { ALERT_NOUN, alertRuleLabel, alertStateLabel } from "./alerts-labels.js";
import { ALERT_STATES, sumWhere } from "./alerts.js";
import type { Ctx } from "./context.js";
import { figure, h } from "./dom.js";
import { integer } from "./format.js";
import { plural } from "./plural.js";
import { pageHref } from "./url.js";

export function alertsTile(ctx: Ctx, d: AlertsData): HTMLElement {
  const link = (text: string, params: Record<string, string> = {}) =>
    ctx.has("alerts") ? h("a", { href: pageHref("alerts", params, "list"), "data-link": "alerts" }, text) : text;
  const open = sumWhere(d.counts, (c) => c.state !== "closed");
  const openRules = [...new Set(d.counts.filter((c) => c.state !== "closed").map((c) => c.kind))].sort();
  return h(
    "div",
    { class: "card alerts-tile", id: "alerts", "data-figure": "alerts" },
    h("h3", {}, ctx.w("alerts.tile")),
    h(
      "p",
      { class: "lead" },
      `${ctx.w("alerts.open_count")}: `,
      figure(integer(open, ctx.lang, ctx.digits), open, { "data-figure": "alerts-open" }),
      ` (${ctx.w("alerts.of")} `,
      figure(plural(d.total, ALERT_NOUN, ctx.lang, ctx.digits), d.total, { "data-figure": "alerts-total" }),
      ")",
    ),
    h(
      "ul",
      { class: "state-counts" },
      ALERT_STATES.map((s) => {
        const n = sumWhere(d.counts, (c) => c.state === s);
        return h(
          "li",
          { "data-count": `state:${s}`, "data-value": n },
          link(`${alertStateLabel(ctx, s)}: ${integer(n, ctx.lang, ctx.digits)}`, { state: s }),
        );
      }),
    ),
    openRules.length
      ? h(
          "ul",
          { class: "rule-counts" },
          openRules.map((k) => {
            const n = sumWhere(d.counts, (c) => c.kind === k && c.state !== "closed");
            return h(
              "li",
              { "data-count": `open:${k}`, "data-value": n },
              link(`${alertRuleLabel(ctx, k)}: ${integer(n, ctx.lang, ctx.digits)}`, { rule: k, state: "open" }),
            );
          }),
        )
      : "",
    ctx.has("alerts") ? h("p", { class: "more-link" }, link(`${ctx.w("alerts.open_all")} ${ctx.lang === "ar" ? "←" : "→"}`)) : "",
  );
}
