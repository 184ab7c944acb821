// Riyadh calendar arithmetic on integers: a day is a count of days since 1970-01-01, a month is
// year × 12 + month − 1, an instant is Riyadh wall-clock seconds (day × 86400 + seconds of day).
// Riyadh keeps UTC+03:00 all year, so wall-clock arithmetic is exact. Strings come from caches.

export type Day = number;
export type Month = number;
export type Instant = number;

export const SECONDS_PER_DAY = 86_400;
export const OFFSET = "+03:00";

// Hinnant's algorithms divide and floor; for the dates the generator meets (years 0 to 5,000,000)
// every operand is a non-negative 32-bit integer, where `(a / b) | 0` is the same floor and V8
// compiles it to integer arithmetic rather than float divisions: the calendar runs several times
// per row (ages, dates, months). Anything else takes the general formula.

/** Day number of a civil date, in integer arithmetic (Hinnant's days_from_civil). */
export function dayOf(year: number, month: number, date: number): Day {
  const y = month <= 2 ? year - 1 : year;
  if (!(y >= 0 && y < 5_000_000)) return dayOfAnyYear(y, month, date);
  const era = (y / 400) | 0;
  const yoe = y - era * 400;
  const doy = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + date - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146_097 + doe - 719_468;
}

function dayOfAnyYear(y: number, month: number, date: number): Day {
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + date - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export const monthOf = (year: number, month: number): Month => year * 12 + month - 1;

/** Year, month (1–12) and date of a day number, in integer arithmetic (Hinnant's civil_from_days). */
export function civil(day: Day): [year: number, month: number, date: number] {
  const z = day + 719_468;
  if (!(z >= 0 && z < 2 ** 31)) return civilAnyDay(z);
  const era = (z / 146_097) | 0;
  const doe = z - era * 146_097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const date = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, date];
}

function civilAnyDay(z: number): [year: number, month: number, date: number] {
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const date = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, date];
}

export const monthOfDay = (day: Day): Month => {
  const [y, m] = civil(day);
  return y * 12 + m - 1;
};
export const firstDay = (month: Month): Day => dayOf(Math.floor(month / 12), (month % 12) + 1, 1);
export const lastDay = (month: Month): Day => firstDay(month + 1) - 1;
export const daysIn = (month: Month): number => firstDay(month + 1) - firstDay(month);
export const dayOfMonth = (day: Day): number => day - firstDay(monthOfDay(day)) + 1;
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (day: Day): number => (((day + 4) % 7) + 7) % 7;
/** The Saudi working week is Sunday–Thursday. */
export const isWorkday = (day: Day): boolean => weekday(day) <= 4;

const pad2 = (n: number) => (n < 10 ? "0" : "") + n;

const DAY_BASE = dayOf(1900, 1, 1);
const CACHED_DAYS = 80_000;
// Filled with undefined up front: an empty array first written near index 46,000 turns into a
// dictionary, and every lookup of the hottest cache in the generator became a hash probe.
/** `YYYY-MM-DDT` of each day, the first half of a timestamp (timestamps fall in the window: few days, read often). */
const stampDayCache: (string | undefined)[] = new Array<string | undefined>(CACHED_DAYS).fill(undefined);

/**
 * `YYYY-MM-` of each month from 1800 to 2199 and `DD` of each date: a date's text is one of each,
 * joined into a flat ten-character string. A cache of every day's text was read at random (birth
 * and registration dates span decades) and missed the CPU caches more often than this computes.
 */
const FIRST_CACHED_YEAR = 1800;
const MONTH_PREFIXES: readonly string[] = Array.from(
  { length: 400 * 12 },
  (_, i) => `${FIRST_CACHED_YEAR + Math.floor(i / 12)}-${pad2((i % 12) + 1)}-`,
);
const DATE_TEXTS: readonly string[] = Array.from({ length: 32 }, (_, d) => pad2(d));

/** `YYYY-MM-DD`. */
export function dayText(day: Day): string {
  const [y, m, d] = civil(day);
  const i = (y - FIRST_CACHED_YEAR) * 12 + m - 1;
  return i >= 0 && i < MONTH_PREFIXES.length ? MONTH_PREFIXES[i]! + DATE_TEXTS[d]! : `${y}-${pad2(m)}-${pad2(d)}`;
}

function stampDay(day: Day): string {
  const i = day - DAY_BASE;
  if (i < 0 || i >= CACHED_DAYS) return `${dayText(day)}T`;
  let s = stampDayCache[i];
  if (s === undefined) stampDayCache[i] = s = `${dayText(day)}T`;
  return s;
}

/** `YYYYMMDD`, as in file names. */
export const compactDay = (day: Day): string => dayText(day).replaceAll("-", "");

/** `YYYY-MM`. */
export const monthText = (month: Month): string => `${Math.floor(month / 12)}-${pad2((month % 12) + 1)}`;
export const compactMonth = (month: Month): string => `${Math.floor(month / 12)}${pad2((month % 12) + 1)}`;

export function parseMonth(text: string): Month {
  return monthOf(Number(text.slice(0, 4)), Number(text.slice(5, 7)));
}

/**
 * `HH:MM:` of each minute of the day and `SS+03:00` of each second of a minute: a timestamp is its
 * day's `YYYY-MM-DDT` and one of each. A table of all 86,400 clock strings (3.5 MB of strings) was
 * read at random and missed the CPU caches on most rows; these two are 60 KB and stay in them.
 */
const MINUTE_TEXTS: readonly string[] = Array.from({ length: 24 * 60 }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:`);
const SECOND_TEXTS: readonly string[] = Array.from({ length: 60 }, (_, s) => `${pad2(s)}${OFFSET}`);

export const instant = (day: Day, secondOfDay: number): Instant => day * SECONDS_PER_DAY + secondOfDay;
export const dayOfInstant = (at: Instant): Day => Math.floor(at / SECONDS_PER_DAY);

/** ISO 8601 with the Riyadh offset: `2026-11-22T14:03:11+03:00`. */
export function timestampText(at: Instant): string {
  const day = Math.floor(at / SECONDS_PER_DAY);
  const second = at - day * SECONDS_PER_DAY;
  const minute = Math.floor(second / 60);
  return stampDay(day) + MINUTE_TEXTS[minute]! + SECOND_TEXTS[second - minute * 60]!;
}

/** The day `years` whole years after `day`, clamped to the month's end (29 Feb → 28 Feb), as the contracts count ages. */
export function addYears(day: Day, years: number): Day {
  const [y, m, d] = civil(day);
  const month = monthOf(y + years, m);
  return firstDay(month) + Math.min(d, daysIn(month)) - 1;
}
