// The Risk page's charts (Observable Plot, bundled): employers by tier at each date stacked, one
// employer's score over time coloured by tier, and its drivers as a waterfall that adds up to the
// score. Pictures only: every number shown as text comes from the exact strings.
import * as Plot from "@observablehq/plot";
import { RISK_DRIVERS, RISK_TIERS } from "./risk-codes.js";
import type { TierCount } from "../../pipelines/publish/page-data/risk.ts";
import type { Ctx } from "./context.js";
import { h } from "./dom.js";
import { decimal1, monthShort } from "./format.js";

export const TIER_COLORS = ["#c5d6cc", "#f5d76e", "#d9480f", "#8e0b0b"];
const tierLabel = (ctx: Ctx, t: string) => ctx.w(`risk_tier.${t}`);
export const driverLabel = (ctx: Ctx, d: string) => ctx.w(`risk_driver.${d}`);

function frame(chart: Element, label: string): HTMLElement {
  return h("div", { class: "chart", dir: "ltr", role: "img", "aria-label": label, "data-chart": label }, chart);
}

/**
 * A date on an axis: its month, as every chart tick is (dates.ts). The as-of date is the only date of its
 * month (the month's end is after it), so its month names it; the bar's title gives the day.
 */
const dateTick = (ctx: Ctx, iso: string) => monthShort(iso.slice(0, 7), ctx.lang, ctx.digits);

/** Only as many date ticks as fit (about 70 px each). */
const everyNth = (dates: string[], width: number) => {
  const n = Math.max(1, Math.ceil(dates.length / Math.max(2, Math.floor(width / 70))));
  return dates.filter((_, i) => (dates.length - 1 - i) % n === 0);
};

/** Employers of each tier at each date, stacked. */
export function tiersChart(ctx: Ctx, rows: TierCount[], dates: string[], label: string, width = 1150): HTMLElement {
  const data = rows.map((r) => ({ as_of: r.as_of, tier: tierLabel(ctx, r.tier), employers: r.employers }));
  const chart = Plot.plot({
    width,
    height: 260,
    marginLeft: 60,
    x: { domain: dates, label: null, ticks: everyNth(dates, width - 60), tickFormat: (d: string) => dateTick(ctx, d) },
    y: { grid: true, label: null },
    color: { domain: RISK_TIERS.map((t) => tierLabel(ctx, t)), range: TIER_COLORS, legend: true },
    marks: [
      Plot.barY(data, {
        x: "as_of",
        y: "employers",
        fill: "tier",
        title: (d: { as_of: string; tier: string; employers: number }) => `${d.as_of} · ${d.tier}: ${d.employers}`,
      }),
      Plot.ruleY([0]),
    ],
  });
  return frame(chart, label);
}

/** One employer's score at each date, the dots coloured by tier. */
export function scoreHistory(ctx: Ctx, rows: { as_of: string; risk_score: string; risk_tier: string }[], label: string): HTMLElement {
  const data = rows.map((r) => ({
    date: new Date(`${r.as_of}T00:00:00Z`),
    as_of: r.as_of,
    score: Number(r.risk_score),
    tier: tierLabel(ctx, r.risk_tier),
  }));
  const width = 560;
  const chart = Plot.plot({
    width,
    height: 240,
    marginLeft: 40,
    x: { type: "utc", label: null, ticks: 4, tickFormat: (d: Date) => monthShort(d.toISOString().slice(0, 7), ctx.lang, ctx.digits) },
    y: { domain: [0, 100], grid: true, label: null },
    color: { domain: RISK_TIERS.map((t) => tierLabel(ctx, t)), range: TIER_COLORS, legend: true },
    marks: [
      Plot.lineY(data, { x: "date", y: "score", stroke: "#888" }),
      Plot.dot(data, {
        x: "date",
        y: "score",
        fill: "tier",
        stroke: "#333",
        strokeWidth: 0.5,
        r: 4,
        title: (d: { as_of: string; score: number }) => `${d.as_of}: ${d.score}`,
      }),
    ],
  });
  return frame(chart, label);
}

/** The drivers' points as a waterfall: each bar starts where the one before ended, the last is the score. */
export function waterfall(ctx: Ctx, points: string[], score: string, label: string): HTMLElement {
  let at = 0;
  const steps = RISK_DRIVERS.map((d, i) => {
    const p = Number(points[i] ?? 0);
    const step = {
      label: driverLabel(ctx, d),
      x1: at,
      x2: at + p,
      points: decimal1(points[i] ?? "0", ctx.lang, ctx.digits),
      kind: "driver",
    };
    at += p;
    return step;
  });
  const total = { label: ctx.w("risk.total"), x1: 0, x2: Number(score), points: decimal1(score, ctx.lang, ctx.digits), kind: "total" };
  const data = [...steps, total];
  const width = 560;
  const chart = Plot.plot({
    width,
    height: 26 * data.length + 50,
    marginLeft: 170,
    marginRight: 40,
    x: { domain: [0, 100], grid: true, label: null },
    y: { domain: data.map((d) => d.label), label: null },
    color: { domain: ["driver", "total"], range: ["#d9480f", "#0b5d3b"] },
    marks: [
      Plot.barX(data, {
        y: "label",
        x1: "x1",
        x2: "x2",
        fill: "kind",
        title: (d: { label: string; points: string }) => `${d.label}: ${d.points}`,
      }),
      Plot.text(data, { y: "label", x: "x2", text: "points", dx: 4, textAnchor: "start", fontSize: 10 }),
      Plot.ruleX([0]),
    ],
  });
  return frame(chart, label);
}
