// The report's charts as static SVG written at publish time: collections against billing and arrears
// over 13 months, arrears by ageing bucket and severity, and the month's movement as a waterfall. Time
// and age run left to right in both languages (as on the site); the waterfall reads in the page's
// direction. Each mark carries its exact value (data-value) from the warehouse's decimal strings.
import { Decimal } from "decimal.js";
import { integer, monthShort, sar, type Digits } from "../../../dashboards/components/format.ts";
import { code, kpiLabel } from "../../../dashboards/components/i18n.ts";
import { BUCKETS, SEVERITIES, type SeverityRow } from "../export/ageing.ts";
import type { Overview } from "../export/overview.ts";
import type { Lang } from "../types.ts";
import type { Movement } from "./data.ts";
import { esc, fmt, label, legend, linear, signedSar, yGrid } from "./svg.ts";
import { w, type Word } from "./words.ts";

const W = 720;
const COLORS = { billed: "#9cc7b0", collected: "#0b5d3b", arrears: "#b54708" };
const SEVERITY_COLORS: Record<string, string> = {
  critical: "#8e0b0b",
  high: "#d9480f",
  medium: "#f08c00",
  low: "#f5d76e",
  none: "#c5d6cc",
};
const PAST_DUE = BUCKETS.filter((b) => b !== "not_due");
const n = (v: string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));
const rect = (attrs: Record<string, string>, x: number, y: number, width: number, height: number, fill: string) =>
  `<rect ${Object.entries(attrs)
    .map(([k, v]) => `data-${k}="${esc(v)}"`)
    .join(" ")} x="${fmt(x)}" y="${fmt(y)}" width="${fmt(width)}" height="${fmt(Math.max(height, 0.5))}" fill="${fill}"/>`;

const frame = (id: string, title: string, height: number, lang: Lang, body: string) =>
  `<figure class="chart" data-chart="${id}"><figcaption>${esc(title)}</figcaption>` +
  `<svg viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-label="${esc(title)}">` +
  `${label(4, 10, w(lang, "chart.sar"), lang, { anchor: "start", cls: "unit" })}${body}</svg></figure>`;

/** The last 13 months of billed and collected as paired columns. */
export function trendChart(o: Overview, lang: Lang, digits: Digits, height = 230): string {
  const months = o.series.slice(-13);
  const [left, right, top, bottom] = [58, W - 10, 30, height - 22];
  const y = linear(0, Math.max(...months.flatMap((m) => [n(m.billed), n(m.collected)])), bottom, top);
  const slot = (right - left) / Math.max(months.length, 1);
  const bar = Math.min(18, slot * 0.36);
  const bars = months
    .map((m, i) => {
      const cx = left + slot * (i + 0.5);
      const column = (series: "billed" | "collected", x: number) => {
        const v = m[series] ?? "0";
        const [a, b] = [y(n(v)), y(0)];
        return rect({ series, period: m.period, value: v }, x, Math.min(a, b), bar, Math.abs(b - a), COLORS[series]);
      };
      return (
        column("billed", cx - bar - 1) + column("collected", cx + 1) + label(cx, bottom + 14, monthShort(m.period, lang, digits), lang)
      );
    })
    .join("");
  const keys = legend(
    (["billed", "collected"] as const).map((k) => ({ label: kpiLabel(lang, k), color: COLORS[k] })),
    left,
    14,
    lang,
    W,
  );
  return frame("trend", w(lang, "chart.trend"), height, lang, `${yGrid(y, left, right, lang, digits)}${bars}${keys}`);
}

/** Arrears at each of the last 13 month-ends, the report month's column labelled. */
export function arrearsTrendChart(o: Overview, lang: Lang, digits: Digits, height = 200): string {
  const months = o.series.slice(-13);
  const [left, right, top, bottom] = [58, W - 10, 22, height - 22];
  const y = linear(0, Math.max(...months.map((m) => n(m.arrears))), bottom, top, 4);
  const slot = (right - left) / Math.max(months.length, 1);
  const bar = Math.min(26, slot * 0.5);
  const bars = months
    .map((m, i) => {
      const cx = left + slot * (i + 0.5);
      const v = m.arrears ?? "0";
      const [a, b] = [y(n(v)), y(0)];
      const last = i === months.length - 1;
      return (
        rect(
          { series: "arrears", period: m.period, value: v },
          cx - bar / 2,
          Math.min(a, b),
          bar,
          Math.abs(b - a),
          last ? COLORS.arrears : "#e3a47a",
        ) +
        (last ? label(cx, Math.min(a, b) - 4, integer(new Decimal(v).toFixed(0), lang, digits), lang, { cls: "value" }) : "") +
        label(cx, bottom + 14, monthShort(m.period, lang, digits), lang)
      );
    })
    .join("");
  return frame("arrears-trend", w(lang, "chart.arrears_trend"), height, lang, `${yGrid(y, left, right, lang, digits)}${bars}`);
}

/** Past-due arrears at the month's end: a column per ageing bucket, stacked by severity. */
export function ageingChart(rows: SeverityRow[], lang: Lang, digits: Digits): string {
  const H = 240;
  const [left, right, top, bottom] = [58, W - 10, 30, H - 22];
  const total = (b: (typeof PAST_DUE)[number]) => rows.reduce((s, r) => s + n(r[b]), 0);
  const y = linear(0, Math.max(...PAST_DUE.map(total)), bottom, top);
  const slot = (right - left) / PAST_DUE.length;
  const width = slot * 0.56;
  const columns = PAST_DUE.map((b, i) => {
    const x = left + slot * i + (slot - width) / 2;
    let base = 0;
    const stack = SEVERITIES.map((s) => {
      const v = rows.find((r) => r.severity === s)?.[b] ?? "0";
      if (new Decimal(v).isZero()) return "";
      const [y0, y1] = [y(base), y(base + n(v))];
      base += n(v);
      return rect({ bucket: b, severity: s, value: v }, x, y1, width, y0 - y1, SEVERITY_COLORS[s]!);
    }).join("");
    const sum = rows.reduce((s, r) => s.plus(r[b]), new Decimal(0));
    const amount = sum.isZero() ? "" : label(x + width / 2, y(base) - 4, integer(sum.toFixed(0), lang, digits), lang, { cls: "value" });
    return stack + amount + label(x + width / 2, bottom + 14, code(lang, b), lang);
  }).join("");
  const keys = legend(
    SEVERITIES.filter((s) => s !== "none").map((s) => ({ label: code(lang, s), color: SEVERITY_COLORS[s]! })),
    left,
    14,
    lang,
    W,
  );
  return frame("ageing", w(lang, "chart.ageing"), H, lang, `${yGrid(y, left, right, lang, digits)}${columns}${keys}`);
}

/** The steps from the opening to the closing outstanding, as signed amounts (collected taken off). */
export function movementSteps(m: Movement): { key: string; word: Word; value: string; total: boolean }[] {
  return [
    { key: "opening", word: "movement.opening", value: m.opening, total: true },
    { key: "billed", word: "movement.billed", value: m.billed, total: false },
    { key: "collected", word: "movement.collected", value: new Decimal(m.collected).neg().toFixed(2), total: false },
    { key: "adjustments", word: "movement.adjustments", value: m.adjustments, total: false },
    { key: "credit", word: "movement.credit", value: m.credit_change, total: false },
    { key: "closing", word: "movement.closing", value: m.closing, total: true },
  ];
}

/** The month's movement of what employers owe as a waterfall, in the page's reading direction. */
export function movementChart(m: Movement, lang: Lang, digits: Digits): string {
  const H = 250;
  const [left, right, top, bottom] = [58, W - 10, 24, H - 34];
  let running = 0;
  const spans = movementSteps(m).map((s) => {
    const v = n(s.value);
    const from = s.total ? 0 : running;
    running = s.total ? v : running + v;
    return { ...s, from, to: running };
  });
  const ends = spans.flatMap((s) => [s.from, s.to]);
  const y = linear(Math.min(...ends), Math.max(...ends), bottom, top);
  const slot = (right - left) / spans.length;
  const width = slot * 0.5;
  const rtl = lang === "ar";
  const xOf = (i: number) => left + slot * (rtl ? spans.length - 1 - i : i) + (slot - width) / 2;
  const bars = spans
    .map((s, i) => {
      const x = xOf(i);
      const [a, b] = [y(s.from), y(s.to)];
      const color = s.total ? "#0b5d3b" : n(s.value) < 0 ? "#2f7d9b" : "#b54708";
      const next = i < spans.length - 1 ? xOf(i + 1) : 0;
      const connector =
        i < spans.length - 1
          ? `<line class="connector" x1="${fmt(rtl ? x : x + width)}" x2="${fmt(rtl ? next + width : next)}" ` +
            `y1="${fmt(y(s.to))}" y2="${fmt(y(s.to))}"/>`
          : "";
      const figure = s.total ? sar(s.value, lang, digits) : signedSar(s.value, lang, digits);
      const words = w(lang, s.word).split(" ");
      const lines = words.length > 3 ? [words.slice(0, Math.ceil(words.length / 2)), words.slice(Math.ceil(words.length / 2))] : [words];
      return (
        rect({ step: s.key, value: s.value }, x, Math.min(a, b), width, Math.abs(b - a), color) +
        label(x + width / 2, Math.min(a, b) - 4, figure, lang, { cls: "value" }) +
        connector +
        lines.map((l, j) => label(x + width / 2, bottom + 14 + j * 11, l.join(" "), lang)).join("")
      );
    })
    .join("");
  return frame("movement", w(lang, "movement.title"), H, lang, `${yGrid(y, left, right, lang, digits)}${bars}`);
}
