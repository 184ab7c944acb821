// The employer profile's risk block: the score and tier at the as-of date with the three main reasons
// (from the shard's `risk` part), linking to the employer's score history and drivers on the Risk page.
import type { EmployerShard } from "../../pipelines/publish/page-data/employer.ts";
import type { Ctx } from "./context.js";
import { figure, h } from "./dom.js";
import { decimal1, shortDate } from "./format.js";
import { reasonsOf, riskRows } from "./risk-employer.js";
import { pageHref } from "./url.js";

export function employerRisk(ctx: Ctx, p: EmployerShard): HTMLElement | string {
  const rows = riskRows(p);
  const now = rows.find((r) => r.as_of === p.as_of) ?? rows.at(-1);
  if (!now) return "";
  const id = p.employer.employer_id;
  const reasons = reasonsOf(ctx, now);
  return h(
    "div",
    { class: "card employer-risk", id: "risk", "data-employer-risk": now.risk_tier },
    h(
      "h3",
      {},
      `${ctx.w("risk.score")}: `,
      figure(decimal1(now.risk_score, ctx.lang, ctx.digits), now.risk_score, { "data-figure": "risk-score" }),
      " · ",
      h("span", { class: `pill ${now.risk_tier}`, "data-tier": now.risk_tier }, ctx.w(`risk_tier.${now.risk_tier}`)),
      ` (${shortDate(now.as_of, ctx.lang)})`,
    ),
    reasons.length
      ? h(
          "ol",
          { class: "risk-reasons", "data-reasons": reasons.length },
          reasons.map((r) => h("li", {}, r)),
        )
      : h("p", { class: "hint" }, ctx.w("employer.nothing")),
    ctx.has("risk")
      ? h(
          "p",
          { class: "more-link" },
          h(
            "a",
            { href: pageHref("risk", { employer: id }, "employer"), "data-link": "risk" },
            `${ctx.w("risk.open")} ${ctx.lang === "ar" ? "←" : "→"}`,
          ),
        )
      : "",
  );
}
