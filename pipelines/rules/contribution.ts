// The expected contribution for one contributor-month (rules.md §1): a pure function of the rules,
// used by the generator to bill and by the ledger as its oracle.
import type { Branch, RateRow, Rules } from "./schema.ts";
import { BRANCHES } from "./schema.ts";
import { divHalfUp, parseSar, rateToPpm, type Halalas } from "./money.ts";

/** Who is insured, as far as the rate table cares. */
export interface Insured {
  saudi: boolean;
  scheme: "mandatory" | "optional";
  /** First registered on or after `new_regime_from`. */
  newRegime: boolean;
}

/** Employer + contributor share of each branch, in parts per million of the contributory wage. */
export type BranchRates = Record<Branch, number>;
export type BranchAmounts = Record<Branch, Halalas>;

export interface CompiledRules {
  settings: Rules;
  newRegimeFrom: string;
  ceiling: Halalas;
  floors: Record<Branch, Halalas>;
  dueDay: number;
  lateFeePpm: number;
  approvalThreshold: Halalas;
  /** The rates in force for `period` (YYYY-MM); cached, so the hot path pays one map lookup. */
  ratesAt(period: string, insured: Insured): BranchRates;
}

export function compileRules(settings: Rules): CompiledRules {
  const c = settings.contributions;
  const cache = new Map<string, BranchRates>();
  const floors = {} as Record<Branch, Halalas>;
  for (const b of BRANCHES) floors[b] = parseSar(c.wage_floors[b]);
  return {
    settings,
    newRegimeFrom: c.new_regime_from,
    ceiling: parseSar(c.wage_ceiling),
    floors,
    dueDay: settings.billing.due_day,
    lateFeePpm: rateToPpm(settings.billing.late_fee_rate),
    approvalThreshold: parseSar(settings.billing.approval_threshold),
    ratesAt(period, insured) {
      const key = `${period}|${insured.saudi ? 1 : 0}${insured.scheme === "optional" ? 1 : 0}${insured.newRegime ? 1 : 0}`;
      let rates = cache.get(key);
      if (!rates) {
        rates = { annuities: 0, hazards: 0, unemployment: 0 };
        for (const b of BRANCHES) {
          const row = rowInForce(c.rates, b, period, insured);
          rates[b] = row ? rateToPpm(row.employer) + rateToPpm(row.contributor) : 0;
        }
        cache.set(key, rates);
      }
      return rates;
    },
  };
}

/** The matching row with the latest `from_period` on or before `period`; at equal dates a specific selector beats `any`. */
function rowInForce(rows: readonly RateRow[], branch: Branch, period: string, who: Insured): RateRow | undefined {
  let best: RateRow | undefined;
  let bestRank = -1;
  for (const row of rows) {
    if (row.branch !== branch || row.scheme !== who.scheme || row.from_period > period) continue;
    if (row.nationality !== "any" && (row.nationality === "saudi") !== who.saudi) continue;
    if (row.cohort !== "any" && (row.cohort === "new_regime") !== who.newRegime) continue;
    const rank = (row.cohort === "any" ? 0 : 2) + (row.nationality === "any" ? 0 : 1);
    if (!best || row.from_period > best.from_period || (row.from_period === best.from_period && rank > bestRank)) {
      best = row;
      bestRank = rank;
    }
  }
  return best;
}

export const isNewRegime = (rules: CompiledRules, firstRegisteredOn: string) => firstRegisteredOn >= rules.newRegimeFrom;

const clamp = (wage: Halalas, floor: Halalas, ceiling: Halalas) => (wage < floor ? floor : wage > ceiling ? ceiling : wage);

/**
 * Each branch's amount for one contributor-month: the contributory wage clamped per branch, times the
 * rate, prorated by days covered, rounded half-up to the halala (employer and contributor shares together).
 * Products stay below 2^53: 4.5e6 halalas × 1e6 ppm × 31 days ≈ 1.4e14.
 */
export function branchAmounts(
  rules: CompiledRules,
  rates: BranchRates,
  contributoryWage: Halalas,
  days: number,
  daysInMonth: number,
): BranchAmounts {
  const den = daysInMonth * 1_000_000;
  const { floors, ceiling } = rules;
  return {
    annuities: rates.annuities === 0 ? 0 : divHalfUp(clamp(contributoryWage, floors.annuities, ceiling) * rates.annuities * days, den),
    hazards: rates.hazards === 0 ? 0 : divHalfUp(clamp(contributoryWage, floors.hazards, ceiling) * rates.hazards * days, den),
    unemployment:
      rates.unemployment === 0 ? 0 : divHalfUp(clamp(contributoryWage, floors.unemployment, ceiling) * rates.unemployment * days, den),
  };
}

export interface ContributionInput {
  period: string;
  nationality: string;
  scheme: "mandatory" | "optional";
  firstRegisteredOn: string;
  basicWage: Halalas;
  housingAllowance: Halalas;
  daysCovered: number;
}

/** The expected contribution of one contributor-month, per branch, in halalas. */
export function expectedContribution(rules: CompiledRules, input: ContributionInput): BranchAmounts {
  const rates = rules.ratesAt(input.period, {
    saudi: input.nationality === "SA",
    scheme: input.scheme,
    newRegime: isNewRegime(rules, input.firstRegisteredOn),
  });
  return branchAmounts(rules, rates, input.basicWage + input.housingAllowance, input.daysCovered, daysInPeriod(input.period));
}

export function daysInPeriod(period: string): number {
  return new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).getUTCDate();
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/** Days of `period` between `joinedOn` and `leftOn` (inclusive; null = still engaged). */
export function daysCovered(period: string, joinedOn: string, leftOn: string | null): number {
  const first = dayNumber(`${period}-01`);
  const last = first + daysInPeriod(period) - 1;
  const from = Math.max(first, dayNumber(joinedOn));
  const to = Math.min(last, leftOn === null ? last : dayNumber(leftOn));
  return to >= from ? to - from + 1 : 0;
}
