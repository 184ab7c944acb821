// Numbers and dates as a reader expects them: SAR with thousands grouping from the exact decimal
// strings the warehouse exports (Intl formats a numeric string without going through a float),
// Gregorian dates with the Umm al-Qura Hijri date beside them, Arabic or Latin digits.
import type { Lang } from "./i18n.js";

export type Digits = "latn" | "arab";
export type Unit = "SAR" | "ratio" | "days" | "count";

/** Intl accepts numeric strings and formats them exactly (ES2023); the cast only satisfies the typings. */
type Numeric = string | number;
const exact = (value: Numeric) => value as unknown as number;

export function numberLocale(lang: Lang, digits: Digits = "latn"): string {
  return lang === "ar" ? `ar-SA-u-nu-${digits}` : "en-GB";
}
/** ar-SA's default calendar is the Hijri one; Gregorian dates ask for it by name. */
const gregorianLocale = (lang: Lang, digits: Digits) => (lang === "ar" ? `ar-SA-u-ca-gregory-nu-${digits}` : "en-GB");
const hijriLocale = (lang: Lang, digits: Digits) =>
  lang === "ar" ? `ar-SA-u-ca-islamic-umalqura-nu-${digits}` : "en-GB-u-ca-islamic-umalqura";

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
      return decimal1(value, lang, digits);
    default:
      return integer(value, lang, digits);
  }
}

/** The change of a KPI: ratios in percentage points, everything else in per cent of the earlier value. */
export function kpiChange(
  change: { delta: string; relative: string | null } | null,
  unit: Unit,
  lang: Lang,
  digits: Digits = "latn",
  pointsWord = "pts",
): string | null {
  if (!change) return null;
  if (unit === "ratio") {
    const points = nf(numberLocale(lang, digits), {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: "exceptZero",
    }).format(exact(shiftDecimal(change.delta, 2)));
    return `${points} ${pointsWord}`;
  }
  if (change.relative === null) return null;
  return nf(numberLocale(lang, digits), {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  }).format(exact(change.relative));
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

const noonUtc = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`);

/** A calendar date (YYYY-MM-DD) in the Gregorian calendar. */
export function gregorian(iso: string | null | undefined, lang: Lang, digits: Digits = "latn"): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(gregorianLocale(lang, digits), {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(noonUtc(iso));
}

/** The same date in the Umm al-Qura calendar. */
export function hijri(iso: string | null | undefined, lang: Lang, digits: Digits = "latn"): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(hijriLocale(lang, digits), {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(noonUtc(iso));
}

/** "31 October 2026 (20 Jumada I 1448 AH)". */
export function dateWithHijri(iso: string | null | undefined, lang: Lang, digits: Digits = "latn"): string {
  if (!iso) return "—";
  return `${gregorian(iso, lang, digits)} (${hijri(iso, lang, digits)})`;
}

/** A short numeric date for tables: 2026-10-31 stays sortable and unambiguous in both languages. */
export function shortDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "—";
}

/** A month (YYYY-MM) in words. */
export function month(period: string, lang: Lang, digits: Digits = "latn"): string {
  return new Intl.DateTimeFormat(gregorianLocale(lang, digits), {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(noonUtc(`${period}-15`));
}

/** A moment in Riyadh time. */
export function riyadhTime(iso: string, lang: Lang, digits: Digits = "latn"): string {
  return new Intl.DateTimeFormat(gregorianLocale(lang, digits), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Riyadh",
  }).format(new Date(iso));
}

/** A month for chart ticks: "Oct 26". */
export function monthShort(period: string, lang: Lang, digits: Digits = "latn"): string {
  return new Intl.DateTimeFormat(gregorianLocale(lang, digits), {
    month: "short",
    year: "2-digit",
    timeZone: "UTC",
  }).format(noonUtc(`${period}-15`));
}
