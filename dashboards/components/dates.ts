// Dates as a reader expects them, one style per context, defined here and nowhere else:
//   prose, headings, filters and select options — a day in words: gregorian() "22 November 2026",
//     with the Umm al-Qura date beside it where the day matters: dateWithHijri();
//   table cells — the numeric day: shortDate() "2026-11-22" (kept left to right inside Arabic);
//   a month anywhere it is named — month() "October 2026" / "أكتوبر 2026"; chart ticks — monthShort();
//   a moment (a run, a build) — riyadhTime() in Riyadh time.
import type { Lang } from "./i18n.js";

export type Digits = "latn" | "arab";

/** ar-SA's default calendar is the Hijri one; Gregorian dates ask for it by name. */
const gregorianLocale = (lang: Lang, digits: Digits) => (lang === "ar" ? `ar-SA-u-ca-gregory-nu-${digits}` : "en-GB");
const hijriLocale = (lang: Lang, digits: Digits) =>
  lang === "ar" ? `ar-SA-u-ca-islamic-umalqura-nu-${digits}` : "en-GB-u-ca-islamic-umalqura";

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

/**
 * A date in a table cell: numeric, 2026-10-31 in both languages, sortable and unambiguous. In Arabic
 * it is isolated left to right, or the right-to-left line would show it as 31-10-2026.
 */
export function shortDate(iso: string | null | undefined, lang: Lang = "en"): string {
  if (!iso) return "—";
  return lang === "ar" ? `\u2066${iso.slice(0, 10)}\u2069` : iso.slice(0, 10);
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
export function riyadhTime(iso: string | null | undefined, lang: Lang, digits: Digits = "latn"): string {
  if (!iso) return "—";
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
