// Riyadh calendar arithmetic on integers: a day is a count of days since 1970-01-01, a month is
// year × 12 + month − 1, an instant is Riyadh wall-clock seconds (day × 86400 + seconds of day).
// Riyadh keeps UTC+03:00 all year, so wall-clock arithmetic is exact. Strings come from caches.

export type Day = number;
export type Month = number;
export type Instant = number;

export const SECONDS_PER_DAY = 86_400;
export const OFFSET = "+03:00";

/** Day number of a civil date, in integer arithmetic (Hinnant's days_from_civil). */
export function dayOf(year: number, month: number, date: number): Day {
  const y = month <= 2 ? year - 1 : year;
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
const dayCache: (string | undefined)[] = new Array<string | undefined>(CACHED_DAYS).fill(undefined);
/** `YYYY-MM-DDT` of each day, the first half of a timestamp. */
const stampDayCache: (string | undefined)[] = new Array<string | undefined>(CACHED_DAYS).fill(undefined);

/** `YYYY-MM-DD`. */
export function dayText(day: Day): string {
  const i = day - DAY_BASE;
  let s = i >= 0 && i < CACHED_DAYS ? dayCache[i] : undefined;
  if (s === undefined) {
    const [y, m, d] = civil(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    if (i >= 0 && i < CACHED_DAYS) dayCache[i] = s;
  }
  return s;
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

let clockCache: string[] | undefined;

/** `HH:MM:SS+03:00` for a second of the day: the second half of a timestamp, so one is a single concatenation. */
function clock(second: number): string {
  if (!clockCache) {
    clockCache = new Array<string>(SECONDS_PER_DAY);
    for (let s = 0; s < SECONDS_PER_DAY; s++) clockCache[s] = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}${OFFSET}`;
  }
  return clockCache[second]!;
}

export const instant = (day: Day, secondOfDay: number): Instant => day * SECONDS_PER_DAY + secondOfDay;
export const dayOfInstant = (at: Instant): Day => Math.floor(at / SECONDS_PER_DAY);

/** ISO 8601 with the Riyadh offset: `2026-11-22T14:03:11+03:00`. */
export function timestampText(at: Instant): string {
  const day = Math.floor(at / SECONDS_PER_DAY);
  return stampDay(day) + clock(at - day * SECONDS_PER_DAY);
}

/** The day `years` whole years after `day`, clamped to the month's end (29 Feb → 28 Feb), as the contracts count ages. */
export function addYears(day: Day, years: number): Day {
  const [y, m, d] = civil(day);
  const month = monthOf(y + years, m);
  return firstDay(month) + Math.min(d, daysIn(month)) - 1;
}
