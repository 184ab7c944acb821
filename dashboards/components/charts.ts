// Charts with Observable Plot (bundled from node_modules). Plot draws with floats, which is fine for
// a picture; every number shown as text comes from the exact strings instead. Charts are kept
// left-to-right (time runs that way in both languages); their labels are in the page's language.
import * as Plot from "@observablehq/plot";
import type { Bucket, SeverityRow } from "../../pipelines/publish/page-data/overview.ts";
import type { Ctx } from "./context.js";
import { h } from "./dom.js";
import { monthShort } from "./format.js";
import { code } from "./i18n.js";

export const BUCKET_ORDER: Bucket[] = ["not_due", "d1_30", "d31_60", "d61_90", "d91_180", "d181_365", "over_365"];
export const SEVERITY_ORDER = ["critical", "high", "medium", "low", "none"];
const SEVERITY_COLORS = ["#8e0b0b", "#d9480f", "#f08c00", "#f5d76e", "#c5d6cc"];

const periodDate = (period: string) => new Date(`${period}-01T00:00:00Z`);
const num = (v: string | number | null | undefined) => (v === null || v === undefined ? NaN : Number(v));

function frame(chart: Element, label: string): HTMLElement {
  return h("div", { class: "chart", dir: "ltr", role: "img", "aria-label": label, "data-chart": label }, chart);
}

/**
 * Month ticks every 1, 2, 3, 4, 6 or 12 months, the closest that leaves a month's name (about 60 px,
 * more in Arabic) room beside the next: a narrow chart over a year gets fewer ticks, never crowded ones.
 */
function monthTicks(periods: string[], plotWidth: number): string {
  const months = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));
  const sorted = [...periods].sort();
  const span = sorted.length ? months(sorted.at(-1)!) - months(sorted[0]!) + 1 : 1;
  const fit = Math.max(2, Math.min(6, Math.floor(plotWidth / 70)));
  const every = [1, 2, 3, 4, 6, 12].find((n) => Math.ceil(span / n) <= fit) ?? 12;
  return every === 1 ? "month" : `${every} months`;
}

export interface Line {
  period: string;
  series: string;
  value: string | null;
}

/** Lines over months, one per series (e.g. billed and collected). */
export function linesOverTime(
  ctx: Ctx,
  lines: Line[],
  o: { label: string; percent?: boolean; height?: number; width?: number },
): HTMLElement {
  const data = lines
    .filter((l) => l.value !== null)
    .map((l) => ({ date: periodDate(l.period), period: l.period, series: l.series, value: num(l.value) }));
  const width = o.width ?? 1150;
  const chart = Plot.plot({
    width,
    height: o.height ?? 260,
    marginLeft: 70,
    x: {
      type: "utc",
      label: null,
      ticks: monthTicks(
        data.map((d) => d.period),
        width - 70,
      ),
      tickFormat: (d: Date) => monthShort(d.toISOString().slice(0, 7), ctx.lang, ctx.digits),
    },
    y: { grid: true, label: null, percent: o.percent ?? false, tickFormat: o.percent ? undefined : "~s" },
    color: { legend: true },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(data, { x: "date", y: "value", stroke: "series", strokeWidth: 2 }),
      Plot.dot(data, {
        x: "date",
        y: "value",
        fill: "series",
        r: 2.5,
        title: (d: { period: string; series: string; value: number }) => `${d.series} ${d.period}: ${d.value.toLocaleString()}`,
      }),
    ],
  });
  return frame(chart, o.label);
}

/** Arrears stacked by severity in each ageing bucket. */
export function ageingChart(ctx: Ctx, rows: SeverityRow[], label: string, width = 1150): HTMLElement {
  const data = rows.flatMap((r) =>
    BUCKET_ORDER.filter((b) => b !== "not_due").map((b) => ({
      bucket: code(ctx.lang, b),
      severity: code(ctx.lang, r.severity),
      value: num(r[b]),
    })),
  );
  const chart = Plot.plot({
    width,
    height: 260,
    marginLeft: 70,
    x: { domain: BUCKET_ORDER.filter((b) => b !== "not_due").map((b) => code(ctx.lang, b)), label: null },
    y: { grid: true, label: null, tickFormat: "~s" },
    color: { domain: SEVERITY_ORDER.map((s) => code(ctx.lang, s)), range: SEVERITY_COLORS, legend: true },
    marks: [Plot.barY(data, { x: "bucket", y: "value", fill: "severity" }), Plot.ruleY([0])],
  });
  return frame(chart, label);
}

/** Horizontal bars, one per category. */
export function bars(rows: { label: string; value: string | number | null }[], label: string, width = 560): HTMLElement {
  const data = rows.map((r) => ({ label: r.label, value: num(r.value) }));
  const chart = Plot.plot({
    width,
    height: Math.max(80, 26 * data.length + 40),
    marginLeft: 160,
    x: { grid: true, label: null, tickFormat: "~s" },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [Plot.barX(data, { y: "label", x: "value", fill: "#0b5d3b" }), Plot.ruleX([0])],
  });
  return frame(chart, label);
}
