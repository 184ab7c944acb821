// When each source system delivers, and which delivery a row available at a given instant lands in.
// Cadence (all Riyadh time):
//   registration-system  1st of each month 01:00: employers, contributors, engagements and wages
//                        registered or declared during the previous month (the first one is the initial load);
//   billing-system       1st and 16th 03:00: invoices (contribution run on the 1st, re-issues and late
//                        bills in between), adjustments and instalment plans since the last delivery;
//   billing-system       daily 02:00: the previous day's payments;
//   objections-system    Sundays 04:00 (and a last one after the horizon): disputes and their events;
//   platform-audit       Sundays 04:30 (and a last one): the activity log.
import { dayText, firstDay, instant, weekday, type Day, type Instant, type Month } from "./calendar.ts";

export type Source = "registration" | "billing" | "payments" | "objections" | "platform";

export const SOURCE_SYSTEM: Record<Source, string> = {
  registration: "registration-system",
  billing: "billing-system",
  payments: "billing-system",
  objections: "objections-system",
  platform: "platform-audit",
};

/** The months generated and the last day whose events are delivered. */
export interface Window {
  first: Month;
  last: Month;
  start: Day;
  /** The 22nd of the month after `last`: late payments of the last invoice are visible. */
  horizon: Day;
}

export function makeWindow(last: Month, months: number): Window {
  const first = last - months + 1;
  return { first, last, start: firstDay(first), horizon: firstDay(last + 1) + 21 };
}

export interface Slot {
  source: Source;
  /** Position within its source's schedule. */
  index: number;
  id: string;
  createdAt: Instant;
  /** Rows available strictly before this instant (and after the previous slot's cutoff) belong here. */
  cutoff: Instant;
  /** The previous slot's cutoff (−Infinity for the first): rows at or after it and before `cutoff` land here. */
  from: Instant;
  /** The date in the file names. */
  fileDay: Day;
}

function slot(source: Source, index: number, createdDay: Day, createdSecond: number, cutoff: Instant, fileDay: Day): Slot {
  const twoDigits = (n: number) => String(n).padStart(2, "0");
  const hhmm = `${twoDigits(Math.floor(createdSecond / 3600))}${twoDigits(Math.floor(createdSecond / 60) % 60)}`;
  return {
    source,
    index,
    id: `${dayText(createdDay)}T${hhmm}`,
    createdAt: instant(createdDay, createdSecond),
    cutoff,
    from: -Infinity,
    fileDay,
  };
}

function weekly(source: Source, window: Window, second: number): Slot[] {
  const slots: Slot[] = [];
  let day = window.start + 1;
  while (weekday(day) !== 0) day++;
  for (; day <= window.horizon; day += 7) slots.push(slot(source, slots.length, day, second, instant(day, 0), day - 1));
  const last = window.horizon + 1;
  if (weekday(last) !== 0) slots.push(slot(source, slots.length, last, second, instant(last, 0), window.horizon));
  return slots;
}

export function buildSchedule(window: Window): Record<Source, Slot[]> {
  const registration: Slot[] = [];
  for (let m = window.first; m <= window.last + 1; m++) {
    const day = firstDay(m);
    registration.push(slot("registration", registration.length, day, 3600, instant(day, 0), day - 1));
  }
  const billing: Slot[] = [];
  for (let m = window.first + 1; m <= window.last + 1; m++)
    for (const date of [1, 16]) {
      const day = firstDay(m) + date - 1;
      if (day <= window.horizon + 1) billing.push(slot("billing", billing.length, day, 3 * 3600, instant(day, 3 * 3600), day));
    }
  const payments: Slot[] = [];
  for (let day = window.start; day <= window.horizon; day++)
    payments.push(slot("payments", payments.length, day + 1, 2 * 3600, instant(day + 1, 0), day));
  const schedule = {
    registration,
    billing,
    payments,
    objections: weekly("objections", window, 4 * 3600),
    platform: weekly("platform", window, 4 * 3600 + 1800),
  };
  for (const slots of Object.values(schedule)) {
    for (const [i, s] of slots.entries()) s.from = i === 0 ? -Infinity : slots[i - 1]!.cutoff;
  }
  return schedule;
}

/** The slot a row available at `at` belongs to, or null when it falls after the last delivery. */
export function slotFor(slots: readonly Slot[], at: Instant): Slot | null {
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (slots[mid]!.cutoff > at) hi = mid;
    else lo = mid + 1;
  }
  return slots[lo] ?? null;
}
