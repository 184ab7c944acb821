// The Risk page: employers by risk tier at a chosen date (?as_of=, the as-of date by default) and over
// time, the month-to-month migration matrix, each driver's average points by tier, the validation of
// the score, and — audit build — the top movers and one employer's score history and drivers
// (?employer=). The management build shows aggregates only.
import { RISK_TIERS } from "./risk-codes.js";
import type { RiskData } from "../../pipelines/publish/page-data/risk.ts";
import type { Ctx } from "./context.js";
import { figure, h, section } from "./dom.js";
import { dateWithHijri, integer, shortDate } from "./format.js";
import { driversTable, migrationMatrix, moversTable, validationSection } from "./risk-tables.js";
import { renderRiskEmployer } from "./risk-employer.js";
import { tiersChart } from "./risk-charts.js";
import { dataTable } from "./table.js";
import { param, setParams } from "./url.js";

export const tierCount = (d: RiskData, asOf: string | undefined, tier: string) =>
  d.tiers.find((t) => t.as_of === asOf && t.tier === tier)?.employers ?? 0;

/** The date before `asOf` among the month-ends the migration compares with. */
export const previousOf = (d: RiskData, asOf: string) => d.migration.find((m) => m.as_of === asOf)?.previous_as_of ?? null;

function summary(ctx: Ctx, d: RiskData, asOf: string): HTMLElement {
  const before = previousOf(d, asOf);
  return h(
    "div",
    { class: "grid-kpis", "data-figure": "risk-tiers-now" },
    [...RISK_TIERS].reverse().map((tier) => {
      const n = tierCount(d, asOf, tier);
      const was = before ? tierCount(d, before, tier) : null;
      return h(
        "div",
        { class: `card risk-tier ${tier}`, "data-tier": tier },
        h("h3", {}, ctx.w(`risk_tier.${tier}`)),
        h("div", { class: "lead" }, figure(integer(n, ctx.lang, ctx.digits), n, { "data-figure": `tier-${tier}` })),
        was === null
          ? ""
          : h(
              "p",
              { class: "change" },
              `${ctx.w("risk.previous")} (${shortDate(before, ctx.lang)}): ${integer(was, ctx.lang, ctx.digits)}`,
            ),
      );
    }),
  );
}

function overTime(ctx: Ctx, d: RiskData): HTMLElement {
  const rows = d.dates.map((as_of) => ({ as_of, ...Object.fromEntries(RISK_TIERS.map((t) => [t, tierCount(d, as_of, t)])) })) as ({
    as_of: string;
  } & Record<(typeof RISK_TIERS)[number], number>)[];
  return section(
    "tiers",
    ctx.w("risk.tiers"),
    tiersChart(ctx, d.tiers, d.dates, ctx.w("risk.tiers")),
    dataTable({
      lang: ctx.lang,
      csv: "risk-tiers",
      limit: 12,
      columns: [
        { key: "as_of", label: ctx.w("as_of"), show: (r) => h("span", { class: "num" }, shortDate(r.as_of, ctx.lang)) },
        ...RISK_TIERS.map((t) => ({
          key: t,
          label: ctx.w(`risk_tier.${t}`),
          numeric: true,
          show: (r: (typeof rows)[number]) => integer(r[t], ctx.lang, ctx.digits),
        })),
      ],
      rows: [...rows].reverse(),
      rowAttrs: (r) => ({ "data-tiers-at": r.as_of }),
    }),
  );
}

function dateChooser(ctx: Ctx, d: RiskData, asOf: string): HTMLElement {
  return h(
    "label",
    { class: "filters" },
    `${ctx.w("risk.at")} `,
    h(
      "select",
      {
        name: "as_of",
        onchange: (e: Event) => {
          setParams({ as_of: (e.target as HTMLSelectElement).value });
          location.reload();
        },
      },
      [...d.dates]
        .reverse()
        .map((date) => h("option", { value: date, selected: date === asOf }, dateWithHijri(date, ctx.lang, ctx.digits))),
    ),
  );
}

export async function renderRisk(ctx: Ctx, d: RiskData): Promise<HTMLElement> {
  const root = h("div", { class: "tahseel-page", "data-page": "risk" }, h("h1", {}, ctx.w("risk.title")));
  if (!d.dates.length) {
    root.append(h("p", { class: "hint", "data-risk": "none" }, ctx.w("risk.none")));
    return root;
  }
  const wanted = param("as_of");
  const asOf = wanted && d.dates.includes(wanted) ? wanted : d.dates.at(-1)!;
  root.append(
    dateChooser(ctx, d, asOf),
    d.rules_version ? h("p", { class: "hint" }, `${ctx.w("risk.version")}: ${d.rules_version}`) : "",
    section("summary", `${ctx.w("risk.summary")} — ${dateWithHijri(asOf, ctx.lang, ctx.digits)}`, summary(ctx, d, asOf)),
    overTime(ctx, d),
    section("migration", ctx.w("risk.migration"), h("p", { class: "hint" }, ctx.w("risk.migration.hint")), migrationMatrix(ctx, d, asOf)),
    section("drivers", ctx.w("risk.drivers"), h("p", { class: "hint" }, ctx.w("risk.drivers.hint")), driversTable(ctx, d, asOf)),
    validationSection(ctx, d),
  );
  if (ctx.audit && d.movers) {
    const employer = h("div", { "data-risk-employer-holder": "" });
    const show = (id: string) => {
      setParams({ employer: id });
      void renderRiskEmployer(ctx, id, asOf, employer);
    };
    root.append(
      section("movers", ctx.w("risk.movers"), h("p", { class: "hint" }, ctx.w("risk.movers.hint")), moversTable(ctx, d, asOf, show)),
      section("employer", ctx.w("risk.employer"), employer),
    );
    await renderRiskEmployer(ctx, param("employer"), asOf, employer);
  }
  return root;
}
