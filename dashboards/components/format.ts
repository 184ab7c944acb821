// Numbers as a reader expects them: SAR with thousands grouping from the exact decimal strings the
// warehouse exports (Intl formats a numeric string without going through a float), Arabic or Latin
// digits; a KPI's change computed once, so the words and the signed figure agree. Dates are in
// dates.ts (re-exported here).
import { Decimal } from "decimal.js";
import type { Digits } from "./dates.js";
import type { Lang } from "./i18n.js";
import type { Unit } from "./kpi-catalogue.js";

export type { Digits, Unit };
export { dateWithHijri, gregorian, hijri, month, monthShort, riyadhTime, shortDate } from "./dates.js";

/** Intl accepts numeric strings and formats them exactly (ES2023); the cast only satisfies the typings. */
type Numeric = string | number;
const exact = (value: Numeric) => value as unknown as number;

export function numberLocale(lang: Lang, digits: Digits = "latn"): string {
  return lang === "ar" ? `ar-SA-u-nu-${digits}` : "en-GB";
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** An amount with two decimals and grouping, no currency sign (for tables whose header names SAR). */
export function amount(value: Numeric | null | undefined, lang: Lang, digits: Digits = "latn"): string {
  if (value === null || value === undefined) return "—";
  return nf(numberLocale(lang, digits), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(exact(value));
}

/** An amount with its currency: "SAR 1,234.50" / "1,234.50 ر.س.". */
export function sar(value: Numeric | null | undefined, lang: Lang, digits: Digits = "latn"): string {
  if (value === null || value === undefined) return "—";
  return nf(numberLocale(lang, digits), {
    style: "currency",
    currency: "SAR",
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(exact(value));
}

export function integer(value: Numeric | null | undefined, lang: Lang, digits: Digits = "latn"): string {
  if (value === null || value === undefined) return "—";
  return nf(numberLocale(lang, digits), { maximumFractionDigits: 0 }).format(exact(value));
}

export function percent(ratio: Numeric | null | undefined, lang: Lang, digits: Digits = "latn"): string {
  if (ratio === null || ratio === undefined) return "—";
  return nf(numberLocale(lang, digits), {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(exact(ratio));
}

export function decimal1(value: Numeric | null | undefined, lang: Lang, digits: Digits = "latn"): string {
  if (value === null || value === undefined) return "—";
  return nf(numberLocale(lang, digits), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(exact(value));
}

/** A KPI value in its unit. */
export function kpiValue(value: Numeric | null | undefined, unit: Unit, lang: Lang, digits: Digits = "latn"): string {
  switch (unit) {
    case "SAR":
      return sar(value, lang, digits);
    case "ratio":
      return percent(value, lang, digits);
    case "days":
    case "per_1000":
      return decimal1(value, lang, digits);
    default:
      return integer(value, lang, digits);
  }
}

export interface Change {
  /** value − other, exact. */
  delta: string;
  /** delta ÷ |other|; null when other is zero. */
  relative: string | null;
}

/** A value against an earlier one, in exact decimals; null when either is missing (zero is a value). */
export function changeBetween(value: string | null, other: string | null): Change | null {
  if (value === null || other === null) return null;
  const delta = new Decimal(value).minus(other);
  const base = new Decimal(other).abs();
  return { delta: delta.toString(), relative: base.isZero() ? null : delta.div(base).toSignificantDigits(8).toString() };
}

/** Which way a figure moved, as shown: a change too small to show at one decimal did not move. */
export type Way = "up" | "down" | "flat";

export interface Movement {
  way: Way;
  /** The change with its sign, as a table shows it: "−29.0%", "+0.3 pts", "+SAR 1,200.00". */
  signed: string;
  /** The same figure without its sign, for a sentence whose verb says which way. */
  size: string;
  /** True when the change is in the KPI's own unit because the earlier value was zero. */
  absolute: boolean;
}

/**
 * A KPI's change, computed once: ratios in percentage points, other units in per cent of the earlier
 * value, or — when the earlier value was zero, which is data too — in the unit itself. The way is read
 * from the rounded figure that is shown, so a verb never contradicts its number. Null only when the
 * other month has no value at all.
 */
export function movement(change: Change | null, unit: Unit, lang: Lang, digits: Digits = "latn", pointsWord = "pts"): Movement | null {
  if (!change) return null;
  const locale = numberLocale(lang, digits);
  const signed = { signDisplay: "exceptZero" } as const;
  let shown: Decimal;
  let format: (v: string, o?: Intl.NumberFormatOptions) => string;
  let absolute = false;
  if (unit === "ratio") {
    shown = new Decimal(shiftDecimal(change.delta, 2)).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
    format = (v, o) => `${nf(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, ...o }).format(exact(v))} ${pointsWord}`;
  } else if (change.relative !== null) {
    shown = new Decimal(change.relative).toDecimalPlaces(3, Decimal.ROUND_HALF_UP);
    format = (v, o) => nf(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, ...o }).format(exact(v));
  } else {
    absolute = true;
    shown = new Decimal(change.delta).toDecimalPlaces(
      unit === "count" ? 0 : unit === "days" || unit === "per_1000" ? 1 : 2,
      Decimal.ROUND_HALF_UP,
    );
    format = (v, o) => unitNumber(v, unit, locale, o);
  }
  const way: Way = shown.isZero() ? "flat" : shown.isNegative() ? "down" : "up";
  return { way, signed: format(shown.toFixed(), signed), size: format(shown.abs().toFixed()), absolute };
}

function unitNumber(v: string, unit: Unit, locale: string, o: Intl.NumberFormatOptions = {}): string {
  const places = unit === "count" ? 0 : unit === "days" || unit === "per_1000" ? 1 : 2;
  const style: Intl.NumberFormatOptions = unit === "SAR" ? { style: "currency", currency: "SAR" } : {};
  return nf(locale, { ...style, minimumFractionDigits: places, maximumFractionDigits: places, ...o }).format(exact(v));
}

/** The signed change of a KPI, as a table shows it (see movement). */
export function kpiChange(change: Change | null, unit: Unit, lang: Lang, digits: Digits = "latn", pointsWord = "pts"): string | null {
  return movement(change, unit, lang, digits, pointsWord)?.signed ?? null;
}

/** Multiplies a decimal string by 10^places without a float (for percentage points). */
export function shiftDecimal(value: string, places: number): string {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = value.replace(/^[-+]/, "").split(".");
  const padded = fraction.padEnd(places, "0");
  const digits = (whole + padded.slice(0, places)).replace(/^0+(?=\d)/, "");
  const rest = padded.slice(places);
  return `${negative ? "-" : ""}${digits}${rest ? `.${rest}` : ""}`;
}
