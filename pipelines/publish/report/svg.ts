// The little an SVG chart for print needs: a linear scale with round ticks, compact axis numbers and
// escaped text. Geometry uses floats (it is a picture); every figure a reader reads is formatted from
// the exact strings, and each mark carries its exact value in data-value for the tests.
import { numberLocale, type Digits } from "../../../dashboards/components/format.ts";
import type { Lang } from "../types.ts";

export const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export interface Scale {
  (v: number): number;
  ticks: number[];
}

/** Round ticks (1, 2 or 5 × 10ⁿ apart) covering [lo, hi] and always zero, mapped onto [r0, r1]. */
export function linear(lo: number, hi: number, r0: number, r1: number, count = 5): Scale {
  const min = Math.min(0, lo);
  const max = Math.max(0, hi, min + 1);
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(min / step) * step;
  const last = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  const scale = ((v: number) => r0 + ((v - first) / (last - first)) * (r1 - r0)) as Scale;
  scale.ticks = ticks;
  return scale;
}

/** "700K" / "700 ألف": axis numbers in the page's language. */
export function compact(v: number, lang: Lang, digits: Digits): string {
  return new Intl.NumberFormat(numberLocale(lang, digits), { notation: "compact", maximumFractionDigits: 1 }).format(v);
}

export const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

/**
 * A text's own direction: the chart is laid out left to right, but an Arabic label reads right to
 * left (its sign and currency stay in place). `anchor` is where x is, seen on the page (start = the
 * text's left edge); in a right-to-left text SVG's "start" is its right edge, hence the flip.
 */
export function label(
  x: number,
  y: number,
  text: string,
  lang: Lang,
  o: { anchor?: "start" | "middle" | "end"; cls?: string; dy?: string } = {},
): string {
  const rtl = lang === "ar";
  const flip = { start: "end", end: "start", middle: "middle" } as const;
  const anchor = rtl ? flip[o.anchor ?? "middle"] : (o.anchor ?? "middle");
  return (
    `<text${o.cls ? ` class="${o.cls}"` : ""} x="${fmt(x)}" y="${fmt(y)}"${o.dy ? ` dy="${o.dy}"` : ""} text-anchor="${anchor}"` +
    `${rtl ? ' direction="rtl"' : ""}>${esc(text)}</text>`
  );
}

/** Horizontal grid lines with their numbers, on the start side of the plot. */
export function yGrid(y: Scale, x0: number, x1: number, lang: Lang, digits: Digits): string {
  return y.ticks
    .map((t) => {
      const at = fmt(y(t));
      const number = label(x0 - 6, y(t), compact(t, lang, digits), lang, { anchor: "end", dy: "0.32em" });
      return `<line class="${t === 0 ? "zero" : "grid"}" x1="${fmt(x0)}" x2="${fmt(x1)}" y1="${at}" y2="${at}"/>${number}`;
    })
    .join("");
}

/** A legend row of coloured swatches, laid out from the start side (x from the left or the right edge). */
export function legend(items: { label: string; color: string }[], x: number, y: number, lang: Lang, width: number): string {
  const rtl = lang === "ar";
  let at = rtl ? width - x : x;
  return items
    .map((item) => {
      const size = 10 + item.label.length * 5.4;
      const out =
        `<rect x="${fmt(rtl ? at - 10 : at)}" y="${y - 9}" width="10" height="10" rx="2" fill="${item.color}"/>` +
        label(rtl ? at - 14 : at + 14, y, item.label, lang, { anchor: rtl ? "end" : "start" });
      at += (rtl ? -1 : 1) * (size + 22);
      return out;
    })
    .join("");
}

/** A signed amount ("+SAR 1,200.00", "−1,200.00 ر.س."): Intl places the sign right in either language. */
export function signedSar(value: string, lang: Lang, digits: Digits, fraction = 2): string {
  return new Intl.NumberFormat(numberLocale(lang, digits), {
    style: "currency",
    currency: "SAR",
    minimumFractionDigits: fraction,
    maximumFractionDigits: fraction,
    signDisplay: "exceptZero",
  }).format(value as unknown as number);
}

/** A signed count ("+2", "−3"). */
export function signedCount(value: string, lang: Lang, digits: Digits): string {
  return new Intl.NumberFormat(numberLocale(lang, digits), { maximumFractionDigits: 0, signDisplay: "exceptZero" }).format(
    value as unknown as number,
  );
}
