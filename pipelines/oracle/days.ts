// Calendar days as `YYYY-MM-DD` text. Riyadh keeps UTC+03:00 all year (no daylight saving), so the
// Riyadh day of an instant is its UTC time plus three hours, read as a date.
const RIYADH_OFFSET_MS = 3 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** The Riyadh calendar day an ISO 8601 timestamp (any offset) falls on. */
export function riyadhDay(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${timestamp}`);
  return new Date(ms + RIYADH_OFFSET_MS).toISOString().slice(0, 10);
}

const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => fromMs(toMs(day) + n * DAY_MS);

/** `a − b` in days. */
export const daysBetween = (a: string, b: string) => Math.round((toMs(a) - toMs(b)) / DAY_MS);

/** Last day of the month `day` is in. */
export function monthEnd(day: string): string {
  const d = new Date(toMs(day));
  return fromMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
}

/** Every month-end from the month of `first` up to `asOf` (month-ends after `asOf` are not yet reached). */
export function monthEndsBetween(first: string, asOf: string): string[] {
  const out: string[] = [];
  for (let end = monthEnd(first); end <= asOf; end = monthEnd(addDays(end, 1))) out.push(end);
  return out;
}
