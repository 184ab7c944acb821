// Riyadh calendar arithmetic on integers: a day is a count of days since 1970-01-01, a month is
// year × 12 + month − 1, an instant is Riyadh wall-clock seconds (day × 86400 + seconds of day).
// Riyadh keeps UTC+03:00 all year, so wall-clock arithmetic is exact. Strings come from caches.

export type Day = number;
export type Month = number;
export type Instant = number;

export const SECONDS_PER_DAY = 86_400;
export const OFFSET = "+03:00";

export const dayOf = (year: number, month: number, date: number): Day => Date.UTC(year, month - 1, date) / 86_400_000;
export const monthOf = (year: number, month: number): Month => year * 12 + month - 1;
export const monthOfDay = (day: Day): Month => {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
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
const dayCache: string[] = [];

/** `YYYY-MM-DD`. */
export function dayText(day: Day): string {
  const i = day - DAY_BASE;
  let s = dayCache[i];
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (i >= 0 && i < 80_000) dayCache[i] = s;
  }
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

/** `HH:MM:SS` for a second of the day. */
function clock(second: number): string {
  if (!clockCache) {
    clockCache = new Array<string>(SECONDS_PER_DAY);
    for (let s = 0; s < SECONDS_PER_DAY; s++) clockCache[s] = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  }
  return clockCache[second]!;
}

export const instant = (day: Day, secondOfDay: number): Instant => day * SECONDS_PER_DAY + secondOfDay;
export const dayOfInstant = (at: Instant): Day => Math.floor(at / SECONDS_PER_DAY);

/** ISO 8601 with the Riyadh offset: `2026-11-22T14:03:11+03:00`. */
export function timestampText(at: Instant): string {
  const day = Math.floor(at / SECONDS_PER_DAY);
  return `${dayText(day)}T${clock(at - day * SECONDS_PER_DAY)}${OFFSET}`;
}

/** The day `years` whole years after `day`, clamped to the month's end (29 Feb → 28 Feb), as the contracts count ages. */
export function addYears(day: Day, years: number): Day {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 86_400_000;
}
