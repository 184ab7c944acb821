// Wage levels as §7 describes them: Saudis bunched at the quota thresholds (4,000 SAR now, 3,000
// historically) with a long tail averaging about 9,600 SAR; most residents at or below 1,500 SAR.
// Amounts are halalas; wages are whole riyals (round 50s and 100s, as payrolls are).
import type { Rng } from "./prng.ts";
import { weighted } from "./prng.ts";
import type { SizeClass } from "./model.ts";

const SAR = 100;
const LOW_RESIDENT = weighted<number>([
  [800, 10],
  [1000, 25],
  [1200, 15],
  [1500, 50],
]);

export function initialWage(rng: Rng, saudi: boolean, size: SizeClass): number {
  const u = rng.float();
  const bigger = size === "large" || size === "giant" ? 1.15 : 1;
  if (saudi) {
    if (u < 0.3) return 4000 * SAR;
    if (u < 0.38) return 3000 * SAR;
    if (u < 0.42) return rng.int(30, 39) * 50 * SAR;
    return Math.min(120_000, Math.max(4000, Math.round(rng.lognormal(7600 * bigger, 0.6) / 50) * 50)) * SAR;
  }
  if (u < 0.55) return rng.weighted(LOW_RESIDENT) * SAR;
  if (u < 0.85) return rng.int(16, 40) * 100 * SAR;
  return Math.min(80_000, Math.max(4000, Math.round(rng.lognormal(6500 * bigger, 0.7) / 100) * 100)) * SAR;
}

/** Housing allowance as a share of the total: 20% (a quarter of basic) for most, none for some. */
export function housingPercent(rng: Rng): number {
  const u = rng.float();
  return u < 0.6 ? 20 : u < 0.9 ? 0 : 10;
}

/** Splits a contributory wage into basic and housing, basic in whole riyals. */
export function splitWage(wage: number, housingPercent: number): [basic: number, housing: number] {
  if (housingPercent === 0) return [wage, 0];
  const basic = Math.round((wage * (100 - housingPercent)) / 100 / SAR) * SAR;
  return [basic, wage - basic];
}

/** A yearly raise in January for about a third of contributors: 3–10%, to whole riyals. */
export function yearlyRaise(rng: Rng, wage: number): number {
  if (!rng.chance(0.35)) return wage;
  return Math.round((wage * (1.03 + 0.07 * rng.float())) / SAR) * SAR;
}
