// The Benford chart: the share of amounts observed at each leading digit (bars) against Benford's
// expected share (line), with the conformity band — the expected share ± Nigrini's marginal bound on
// the mean absolute deviation: bars all inside it cannot average a deviation beyond that bound.
// Each bar carries its digit and exact share (data-digit, data-observed) for readers and tests.
import * as Plot from "@observablehq/plot";
import type { BenfordChartData } from "../../pipelines/publish/page-data/benford.ts";
import type { Ctx } from "./context.js";
import { h } from "./dom.js";
import { integer, numberLocale } from "./format.js";

export function benfordChart(ctx: Ctx, d: BenfordChartData, marginal: number, width = 1100): HTMLElement {
  const twoDigits = d.test === "first_two";
  const data = d.digits.map((x) => ({ ...x, lo: Math.max(0, x.expected - marginal), hi: x.expected + marginal }));
  const observed = ctx.w("benford.observed");
  const expected = ctx.w("benford.expected");
  const band = ctx.w("benford.band");
  const share = new Intl.NumberFormat(numberLocale(ctx.lang, ctx.digits), { style: "percent", maximumFractionDigits: 1 });
  const chart = Plot.plot({
    width,
    height: 280,
    marginLeft: 56,
    x: {
      label: null,
      domain: [d.digits[0]!.digit - 0.6, d.digits.at(-1)!.digit + 0.6],
      ticks: twoDigits ? d.digits.filter((x) => x.digit % 10 === 0 || x.digit === 99).map((x) => x.digit) : d.digits.map((x) => x.digit),
      tickFormat: (v: number) => integer(v, ctx.lang, ctx.digits),
    },
    y: { grid: true, label: null, tickFormat: (v: number) => share.format(v) },
    color: { domain: [observed, expected, band], range: ["#0b5d3b", "#8e0b0b", "#4a7fb0"], legend: true },
    marks: [
      Plot.rectY(data, {
        x1: (x: { digit: number }) => x.digit - 0.38,
        x2: (x: { digit: number }) => x.digit + 0.38,
        y: "observed",
        fill: () => observed,
        title: (x: { digit: number; observed: number; expected: number; hits: number }) =>
          `${integer(x.digit, ctx.lang, ctx.digits)}: ${share.format(x.observed)} (${integer(x.hits, ctx.lang, ctx.digits)}) · ` +
          `${expected} ${share.format(x.expected)}`,
      }),
      // the band over the bars, translucent, so a bar's top reads inside or outside it
      Plot.areaY(data, { x: "digit", y1: "lo", y2: "hi", fill: () => band, fillOpacity: 0.35, curve: "step" }),
      Plot.lineY(data, { x: "digit", y: "expected", stroke: () => expected, strokeWidth: 2, curve: "linear" }),
      Plot.dot(data, { x: "digit", y: "expected", fill: () => expected, r: twoDigits ? 1.5 : 3 }),
      Plot.ruleY([0]),
    ],
  });
  // Plot draws the bars (its only rect mark here) in the data's order: each is labelled with its digit and exact share
  const bars = Array.from(chart.querySelectorAll('g[aria-label="rect"] rect'));
  bars.forEach((rect, i) => {
    rect.setAttribute("data-digit", String(data[i]!.digit));
    rect.setAttribute("data-observed", String(data[i]!.observed));
  });
  const label = `${ctx.w("findings.benford")}: ${ctx.w(`benford.test.${d.test}`)}`;
  return h(
    "div",
    { class: "chart", dir: "ltr", role: "img", "aria-label": label, "data-chart": "benford", "data-benford": `${d.level}:${d.group_id}` },
    chart,
  );
}
