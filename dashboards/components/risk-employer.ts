// One employer on the Risk page (audit build, ?employer=): its score at every date and the drivers of
// its score at the chosen date as a waterfall, with the reasons — read from the employer's own shard
// (its `risk` part), the same file the employer profile reads.
import type { EmployerShard } from "../../pipelines/publish/page-data/employer.ts";
import { RISK_DRIVERS } from "./risk-codes.js";
import type { EmployerRiskRow } from "../../pipelines/publish/page-data/risk.ts";
import type { Ctx } from "./context.js";
import { figure, h } from "./dom.js";
import { decimal1, shortDate } from "./format.js";
import { nameOf } from "./links.js";
import { driverLabel, scoreHistory, waterfall } from "./risk-charts.js";
import { dataTable } from "./table.js";
import { fetchShard, pageHref, setParams } from "./url.js";

const EMPLOYER_ID = /^\d{9}$/;

export const riskRows = (shard: Pick<EmployerShard, "risk">): EmployerRiskRow[] =>
  [...(shard.risk ?? [])].sort((a, b) => a.as_of.localeCompare(b.as_of));

/** The reasons in the page's language (the other language's when this one has none). */
export const reasonsOf = (ctx: Ctx, r: EmployerRiskRow | undefined) =>
  (ctx.lang === "ar" ? (r?.reasons_ar ?? r?.reasons_en) : (r?.reasons_en ?? r?.reasons_ar)) ?? [];

function picker(ctx: Ctx, id: string | null, holder: HTMLElement, asOf: string): HTMLElement {
  const input = h("input", {
    type: "search",
    name: "employer",
    value: id ?? "",
    placeholder: ctx.w("employer_id"),
    size: 14,
  }) as HTMLInputElement;
  return h(
    "form",
    {
      class: "filters",
      onsubmit: (e: Event) => {
        e.preventDefault();
        setParams({ employer: input.value.trim() });
        void renderRiskEmployer(ctx, input.value.trim(), asOf, holder);
      },
    },
    input,
    h("button", { type: "submit" }, ctx.w("risk.show")),
  );
}

export async function renderRiskEmployer(ctx: Ctx, id: string | null, asOf: string, holder: HTMLElement): Promise<void> {
  const form = picker(ctx, id, holder, asOf);
  if (!id || !EMPLOYER_ID.test(id)) {
    holder.replaceChildren(form, h("p", { class: "hint" }, ctx.w("risk.employer.pick")));
    return;
  }
  const shard = await fetchShard<EmployerShard>(`employers/${id}.json`);
  const rows = shard ? riskRows(shard) : [];
  if (!shard || !rows.length) {
    holder.replaceChildren(form, h("p", { class: "hint", "data-risk-employer-none": id }, ctx.w("risk.employer.none")));
    return;
  }
  const at = rows.find((r) => r.as_of === asOf) ?? rows.at(-1)!;
  const reasons = reasonsOf(
    ctx,
    rows.find((r) => r.reasons_en !== null),
  );
  holder.replaceChildren(
    form,
    h(
      "div",
      { "data-risk-employer": id, "data-as-of": at.as_of },
      h(
        "h3",
        {},
        h("a", { href: pageHref("employer", { id }), "data-employer": id }, nameOf(ctx, shard.employer) ?? id),
        ` — ${ctx.w("risk.score")} `,
        figure(decimal1(at.risk_score, ctx.lang, ctx.digits), at.risk_score, { "data-figure": "employer-score" }),
        " · ",
        h("span", { class: `pill ${at.risk_tier}`, "data-tier": at.risk_tier }, ctx.w(`risk_tier.${at.risk_tier}`)),
        ` (${shortDate(at.as_of, ctx.lang)})`,
      ),
      reasons.length
        ? h(
            "ol",
            { class: "risk-reasons" },
            reasons.map((r) => h("li", {}, r)),
          )
        : "",
      h(
        "div",
        { class: "risk-charts" },
        h("div", { class: "card" }, h("h3", {}, ctx.w("risk.history")), scoreHistory(ctx, rows, ctx.w("risk.history"))),
        h(
          "div",
          { class: "card", "data-waterfall": at.as_of },
          h("h3", {}, `${ctx.w("risk.waterfall")} (${shortDate(at.as_of, ctx.lang)})`),
          waterfall(ctx, at.points, at.risk_score, ctx.w("risk.waterfall")),
        ),
      ),
      dataTable({
        lang: ctx.lang,
        csv: `risk-${id}-${at.as_of}`,
        columns: [
          { key: "driver", label: ctx.w("risk.driver"), show: (r) => driverLabel(ctx, r.driver) },
          { key: "points", label: ctx.w("points"), numeric: true, show: (r) => decimal1(r.points, ctx.lang, ctx.digits) },
        ],
        rows: RISK_DRIVERS.map((driver, i) => ({ driver, points: at.points[i] ?? "0" })),
        rowAttrs: (r) => ({ "data-driver-points": r.driver }),
      }),
    ),
  );
}
