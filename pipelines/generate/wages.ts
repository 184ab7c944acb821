// Monthly wage declarations and what they bill: every engagement-month gets a wage row (or a
// coverage gap), declared on the employer's usual day, or late in the first days of the next month
// (whole months, or just the month's joiners). Each row's contribution follows rules.md §1.
import type { z } from "zod";
import type { wages } from "../contracts/billing.ts";
import { branchAmounts, type BranchRates } from "../rules/contribution.ts";
import { formatSar } from "../rules/money.ts";
import { daysIn, firstDay, instant, monthOfDay, monthText, timestampText, type Day, type Instant, type Month } from "./calendar.ts";
import { employerUser, logActivity } from "./activity.ts";
import type { Engagement, Employer, World } from "./model.ts";
import { splitWage, yearlyRaise } from "./pay-scales.ts";

type WageRow = z.infer<typeof wages.schema>;

export interface Sums {
  annuities: number;
  hazards: number;
  unemployment: number;
}

export type LateMode = "none" | "joiners" | "all";

/** What one month's declarations bill, split by whether they came in time for the billing run. */
export interface PeriodBill {
  month: Month;
  onTime: Sums;
  late: Sums;
  lateMode: LateMode;
  /** The day the late batch was declared. */
  lateDay: Day | null;
  /** Engagements covering the month. */
  engaged: number;
  /** A declared wage of the month, for staff changes planted on it. */
  sample: { contributorId: string; basic: number } | null;
}

const zero = (): Sums => ({ annuities: 0, hazards: 0, unemployment: 0 });

/** Rates by month and kind of insured, looked up once per employer-month rather than per row. */
class RateBook {
  private readonly cache = new Map<number, BranchRates>();
  constructor(private readonly world: World) {}
  at(month: Month, saudi: boolean, optional: boolean, newRegime: boolean): BranchRates {
    const key = month * 8 + (saudi ? 4 : 0) + (optional ? 2 : 0) + (newRegime ? 1 : 0);
    let rates = this.cache.get(key);
    if (!rates) {
      rates = this.world.rules.ratesAt(monthText(month), {
        saudi,
        scheme: optional ? "optional" : "mandatory",
        newRegime,
      });
      this.cache.set(key, rates);
    }
    return rates;
  }
}

const books = new WeakMap<World, RateBook>();
const newRegimeDay = new WeakMap<World, Day>();

function lateModeOf(e: Employer, month: Month, world: World): LateMode {
  if (month >= world.window.last) return "none"; // late rows for the last month would arrive after the horizon
  const [joiners, all] = e.compliance === "good" ? [0.02, 0.005] : e.compliance === "fair" ? [0.05, 0.02] : [0.1, 0.08];
  const u = e.rng.float();
  return u < all ? "all" : u < all + joiners ? "joiners" : "none";
}

/**
 * Per-engagement working arrays of declareWages, reused from one employer to the next (only the
 * first n entries are read, each written first): three typed arrays per employer cost more to
 * create than the micro employer's wages did to compute.
 */
let scratch = { joinMonth: new Int32Array(64), lastMonth: new Int32Array(64), level: new Float64Array(64) };
function scratchFor(n: number): typeof scratch {
  if (scratch.level.length < n) {
    const size = Math.max(n, scratch.level.length * 2);
    scratch = { joinMonth: new Int32Array(size), lastMonth: new Int32Array(size), level: new Float64Array(size) };
  }
  return scratch;
}

export function declareWages(world: World, e: Employer, engagements: readonly Engagement[]): PeriodBill[] {
  const { window, rules, planter } = world;
  const rng = e.rng;
  let book = books.get(world);
  if (!book) {
    book = new RateBook(world);
    books.set(world, book);
  }
  let regimeDay = newRegimeDay.get(world);
  if (regimeDay === undefined) {
    regimeDay = Date.parse(`${rules.newRegimeFrom}T00:00:00Z`) / 86_400_000;
    newRegimeDay.set(world, regimeDay);
  }
  const gapRate = (e.compliance === "good" ? 0.002 : e.compliance === "fair" ? 0.01 : 0.03) * planter.rates.coverage_gap;
  const declaredBy = e.channel === "portal" ? employerUser(e) : "MUDAD";

  const bills: PeriodBill[] = [];
  const batch: Instant[] = [];
  const late: Instant[] = [];
  for (let m = window.first; m <= window.last; m++) {
    const lateMode = lateModeOf(e, m, world);
    const first = firstDay(m);
    let day = first + Math.min(daysIn(m), e.declareDay + rng.int(-3, 2)) - 1;
    if (e.closed !== null && e.closed >= first && e.closed < day) day = e.closed;
    batch.push(instant(day, rng.int(9 * 3600, 20 * 3600)));
    const lateDay = lateMode === "none" ? null : firstDay(m + 1) + rng.int(1, lateMode === "all" ? 19 : 11);
    late.push(lateDay === null ? 0 : instant(lateDay, rng.int(9 * 3600, 20 * 3600)));
    const silent = planter.rates.coverage_gap > 0 && e.compliance === "poor" && rng.chance(0.02);
    bills.push({
      month: m,
      onTime: zero(),
      late: zero(),
      lateMode: silent ? "none" : lateMode,
      lateDay,
      engaged: 0,
      sample: null,
    });
    if (silent) late[late.length - 1] = -1;
  }

  // Month by month (rows of a month go to the same delivery, one after another).
  const n = engagements.length;
  const { joinMonth, lastMonth, level } = scratchFor(n);
  for (let i = 0; i < n; i++) {
    const eng = engagements[i]!;
    joinMonth[i] = monthOfDay(eng.join);
    lastMonth[i] = eng.leave === null ? window.last : monthOfDay(eng.leave);
    level[i] = eng.wage;
  }
  let k = 0;
  for (let m = window.first; m <= window.last; m++) {
    const bill = bills[m - window.first]!;
    const period = monthText(m);
    const first = firstDay(m);
    const dim = daysIn(m);
    const lateAt = late[m - window.first]!;
    const batchAt = batch[m - window.first]!;
    for (let i = 0; i < n; i++) {
      if (joinMonth[i]! > m || lastMonth[i]! < m) continue;
      const eng = engagements[i]!;
      if (m > window.first && m % 12 === 0 && m > joinMonth[i]!) level[i] = yearlyRaise(rng, level[i]!);
      const days = Math.min(first + dim - 1, eng.leave ?? Infinity) - Math.max(first, eng.join) + 1;
      if (days <= 0) continue;
      const person = eng.person;
      bill.engaged++;
      if (lateAt < 0 || rng.chance(gapRate)) {
        planter.record({
          pattern: "coverage_gap",
          entity: "engagements",
          ids: [eng.id],
          period: m,
          employerId: e.id,
          contributorId: person.id,
        });
        continue;
      }
      const monthly = eng.wageFrom && m >= eng.wageFrom.month ? eng.wageFrom.wage : level[i]!;
      let [basic, housing] = splitWage(monthly, eng.housingPercent);
      if (eng.slip?.month === m) [basic, housing] = eng.slip.kind === "times_ten" ? [basic * 10, housing] : [housing, basic];
      const isLate = bill.lateMode === "all" || (bill.lateMode === "joiners" && joinMonth[i] === m);
      const at = isLate ? lateAt + (k++ % 3600) : Math.max(batchAt + (k++ % 7200), person.registeredAt + 600);
      const rates = book.at(m, person.saudi, eng.scheme === "optional", person.firstRegistered >= regimeDay);
      const amounts = branchAmounts(rules, rates, basic + housing, days, dim);
      const sums = isLate ? bill.late : bill.onTime;
      sums.annuities += amounts.annuities;
      sums.hazards += amounts.hazards;
      sums.unemployment += amounts.unemployment;
      if (bill.sample === null && !isLate) bill.sample = { contributorId: person.id, basic };
      const row: WageRow = {
        period,
        employer_id: e.id,
        contributor_id: person.id,
        basic_wage: formatSar(basic),
        housing_allowance: formatSar(housing),
        declared_at: timestampText(at),
        declared_by: declaredBy,
      };
      if (world.out.emit("registration", "wages", at, row)) world.counts.wages = (world.counts.wages ?? 0) + 1;
      if (e.channel === "portal")
        logActivity(world, e, {
          at,
          actor: declaredBy,
          role: "employer_user",
          action: "create",
          entity: "wage",
          entityId: `${period}|${e.id}|${person.id}`,
          field: null,
          newValue: null,
          channel: "portal",
        });
    }
  }
  for (const bill of bills) if (bill.lateDay !== null && isZero(bill.late)) bill.lateDay = null;
  return bills;
}

export const isZero = (s: Sums) => s.annuities === 0 && s.hazards === 0 && s.unemployment === 0;
export const total = (s: Sums) => s.annuities + s.hazards + s.unemployment;
export const plus = (a: Sums, b: Sums): Sums => ({
  annuities: a.annuities + b.annuities,
  hazards: a.hazards + b.hazards,
  unemployment: a.unemployment + b.unemployment,
});
