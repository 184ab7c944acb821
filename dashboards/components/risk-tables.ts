// The Risk page's tables: the migration matrix of a date, each driver's average points by tier, the
// top movers (audit build) and the score's validation.
import { Decimal } from "decimal.js";
import { RISK_DRIVERS, RISK_TIERS } from "./risk-codes.js";
import type { RiskData, RiskMover } from "../../pipelines/publish/page-data/risk.ts";
import type { Ctx } from "./context.js";
import { figure, h, section } from "./dom.js";
import { decimal1, integer, numberLocale, percent, shortDate } from "./format.js";
import { nameOf } from "./links.js";
import { driverLabel } from "./risk-charts.js";
import { dataTable } from "./table.js";
import { pageHref } from "./url.js";

const FROM = ["new", ...RISK_TIERS] as const;
/** A day in a table cell, kept on one line. */
const day = (ctx: Ctx, iso: string) => h("span", { class: "num" }, shortDate(iso, ctx.lang));

/** Rows: the tier at the month-end before; columns: the tier at the date; a cell counts the employers. */
export function migrationMatrix(ctx: Ctx, d: RiskData, asOf: string): HTMLElement {
  const cells = d.migration.filter((m) => m.as_of === asOf);
  const n = (from: string, to: string) => cells.find((c) => c.from_tier === from && c.to_tier === to)?.employers ?? 0;
  const rows = FROM.filter((from) => from !== "new" || cells.some((c) => c.from_tier === "new")).map((from) => ({
    from_tier: from,
    ...Object.fromEntries(RISK_TIERS.map((to) => [to, n(from, to)])),
  })) as ({ from_tier: string } & Record<(typeof RISK_TIERS)[number], number>)[];
  const before = cells[0]?.previous_as_of;
  return h(
    "div",
    { class: "migration", "data-migration": asOf },
    before ? h("p", {}, `${ctx.w("risk.from")} ${shortDate(before, ctx.lang)} ${ctx.w("risk.to")} ${shortDate(asOf, ctx.lang)}`) : "",
    dataTable({
      lang: ctx.lang,
      csv: `risk-migration-${asOf}`,
      columns: [
        {
          key: "from_tier",
          label: `${ctx.w("risk.from")} \\ ${ctx.w("risk.to")}`,
          show: (r) => h("b", {}, ctx.w(`risk_tier.${r.from_tier}`)),
        },
        ...RISK_TIERS.map((to) => ({
          key: to,
          label: ctx.w(`risk_tier.${to}`),
          numeric: true,
          show: (r: (typeof rows)[number]) =>
            h("span", { class: r.from_tier === to ? "diagonal" : r[to] ? "moved" : "" }, integer(r[to], ctx.lang, ctx.digits)),
        })),
      ],
      rows,
      rowAttrs: (r) => ({ "data-from": r.from_tier }),
    }),
  );
}

/** Each driver's average points per employer of each tier at the date. */
export function driversTable(ctx: Ctx, d: RiskData, asOf: string): HTMLElement {
  const at = d.drivers.filter((x) => x.as_of === asOf);
  const employers = (tier: string) => d.tiers.find((t) => t.as_of === asOf && t.tier === tier)?.employers ?? 0;
  const average = (driver: string, tier: string) => {
    const cell = at.find((x) => x.driver === driver && x.tier === tier);
    const n = employers(tier);
    return cell && n ? new Decimal(cell.points).div(n).toDecimalPlaces(1).toString() : null;
  };
  const rows = RISK_DRIVERS.map((driver) => ({ driver, ...Object.fromEntries(RISK_TIERS.map((t) => [t, average(driver, t)])) })) as ({
    driver: string;
  } & Record<(typeof RISK_TIERS)[number], string | null>)[];
  return dataTable({
    lang: ctx.lang,
    csv: `risk-drivers-${asOf}`,
    columns: [
      { key: "driver", label: ctx.w("risk.drivers"), show: (r) => driverLabel(ctx, r.driver) },
      ...RISK_TIERS.map((t) => ({
        key: t,
        label: ctx.w(`risk_tier.${t}`),
        numeric: true,
        show: (r: (typeof rows)[number]) => decimal1(r[t], ctx.lang, ctx.digits),
      })),
    ],
    rows,
    rowAttrs: (r) => ({ "data-driver": r.driver }),
  });
}

const signed = (ctx: Ctx, v: string) => `${Number(v) > 0 ? "+" : ""}${decimal1(v, ctx.lang, ctx.digits)}`;
const arrow = (ctx: Ctx) => (ctx.lang === "ar" ? " ← " : " → ");

export function moversTable(ctx: Ctx, d: RiskData, asOf: string, show: (id: string) => void): HTMLElement {
  const rows = (d.movers ?? []).filter((m) => m.as_of === asOf);
  if (!rows.length) return h("p", { class: "hint" }, ctx.w("employer.nothing"));
  return dataTable({
    lang: ctx.lang,
    csv: `risk-movers-${asOf}`,
    limit: 20,
    columns: [
      { key: "mover_rank", label: ctx.w("risk.rank"), numeric: true },
      {
        key: "employer_id",
        label: ctx.w("employer"),
        show: (r) =>
          h(
            "span",
            {},
            h(
              "a",
              {
                href: pageHref("risk", { as_of: asOf, employer: r.employer_id }, "employer"),
                "data-risk-employer": r.employer_id,
                onclick: (e: Event) => {
                  e.preventDefault();
                  show(r.employer_id);
                  document.getElementById("employer")?.scrollIntoView();
                },
              },
              nameOf(ctx, r) ?? r.employer_id,
            ),
            " · ",
            h(
              "a",
              { href: pageHref("employer", { id: r.employer_id }), "data-employer": r.employer_id, class: "hint" },
              ctx.w("page.employer"),
            ),
          ),
      },
      {
        key: "risk_tier",
        label: ctx.w("risk.tier"),
        value: (r) => `${r.previous_tier ?? "new"}>${r.risk_tier}`,
        show: (r) => `${ctx.w(`risk_tier.${r.previous_tier ?? "new"}`)}${arrow(ctx)}${ctx.w(`risk_tier.${r.risk_tier}`)}`,
      },
      {
        key: "previous_score",
        label: ctx.w("risk.previous"),
        numeric: true,
        show: (r) => decimal1(r.previous_score, ctx.lang, ctx.digits),
      },
      { key: "risk_score", label: ctx.w("risk.score"), numeric: true, show: (r) => decimal1(r.risk_score, ctx.lang, ctx.digits) },
      { key: "score_delta", label: ctx.w("risk.delta"), numeric: true, show: (r) => signed(ctx, r.score_delta) },
      {
        key: "drivers_moved",
        label: ctx.w("risk.drivers_moved"),
        value: (r: RiskMover) => r.drivers_moved.map((m) => `${m.driver} ${m.delta}`),
        show: (r) =>
          r.drivers_moved.map((m) => `${driverLabel(ctx, m.driver)} ${signed(ctx, m.delta)}`).join(ctx.lang === "ar" ? "، " : ", "),
      },
    ],
    rows,
    rowAttrs: (r) => ({ "data-mover": r.employer_id }),
  });
}

export function validationSection(ctx: Ctx, d: RiskData): HTMLElement {
  const v = d.validation;
  const latest = [...v].reverse().find((r) => r.population === "all" && r.auc !== null);
  return section(
    "validation",
    ctx.w("risk.validation"),
    h("p", { class: "hint" }, ctx.w("risk.validation.hint")),
    latest
      ? h(
          "p",
          { class: "risk-validation-lead" },
          `${shortDate(latest.as_of, ctx.lang)} → ${shortDate(latest.outcome_as_of, ctx.lang)}: ${ctx.w("risk.auc")} `,
          figure(decimal3(latest.auc, ctx), latest.auc, { "data-figure": "risk-auc" }),
          ` · ${ctx.w("risk.top_share")} `,
          figure(percent(latest.top_tier_share, ctx.lang, ctx.digits), latest.top_tier_share, { "data-figure": "risk-top-share" }),
        )
      : "",
    v.length
      ? dataTable({
          lang: ctx.lang,
          csv: "risk-validation",
          limit: 12,
          columns: [
            { key: "as_of", label: ctx.w("as_of"), show: (r) => day(ctx, r.as_of) },
            { key: "outcome_as_of", label: ctx.w("risk.outcome"), show: (r) => day(ctx, r.outcome_as_of) },
            { key: "population", label: ctx.w("risk.population"), show: (r) => ctx.w(`risk.population.${r.population}`) },
            { key: "employers", label: ctx.w("risk.scored"), numeric: true, show: (r) => integer(r.employers, ctx.lang, ctx.digits) },
            { key: "serious", label: ctx.w("risk.serious"), numeric: true, show: (r) => integer(r.serious, ctx.lang, ctx.digits) },
            { key: "auc", label: ctx.w("risk.auc"), numeric: true, show: (r) => decimal3(r.auc, ctx) },
            {
              key: "top_tier_share",
              label: ctx.w("risk.top_share"),
              numeric: true,
              show: (r) => percent(r.top_tier_share, ctx.lang, ctx.digits),
            },
            {
              key: "high_or_critical_share",
              label: ctx.w("risk.high_share"),
              numeric: true,
              show: (r) => percent(r.high_or_critical_share, ctx.lang, ctx.digits),
            },
          ],
          rows: [...v].reverse(),
          rowAttrs: (r) => ({ "data-validation": `${r.as_of}:${r.population}` }),
        })
      : h("p", { "data-validation": "none" }, ctx.w("risk.validation.none")),
  );
}

const decimal3 = (v: string | null, ctx: Ctx) =>
  v === null ? "—" : new Intl.NumberFormat(numberLocale(ctx.lang, ctx.digits), { minimumFractionDigits: 3 }).format(Number(v));
