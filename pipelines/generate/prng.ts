// Seeded randomness: sfc32 (fast, 128-bit state, passes PractRand) seeded through splitmix32, so
// the same seed and options give the same bytes on every machine. Nothing here reads the clock.

/** A 32-bit hash of a seed and a path of integers: independent streams for each employer, purpose, … */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    h = (h + 0x6d2b79f5) >>> 0;
  }
  return h >>> 0;
}

/** `--seed` text → 32-bit seed: a number is used as is, any other text is hashed (FNV-1a). */
export function seedNumber(text: string): number {
  if (/^\d{1,15}$/.test(text)) return Number(text) % 4294967296;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface Weighted<T> {
  values: readonly T[];
  cumulative: Float64Array;
}

/** A table of `[value, weight]` ready for `Rng.weighted`; weights need not sum to 1. */
export function weighted<T>(table: readonly (readonly [T, number])[]): Weighted<T> {
  const cumulative = new Float64Array(table.length);
  let sum = 0;
  for (const [i, [, w]] of table.entries()) {
    sum += w;
    cumulative[i] = sum;
  }
  for (let i = 0; i < cumulative.length; i++) cumulative[i]! /= sum;
  return { values: table.map(([v]) => v), cumulative };
}

const SPLITMIX_STEP = 0x9e3779b9;

/**
 * splitmix32's output for the state `s`. A module-level function, not a closure in the constructor:
 * tsx names every closure it creates (`__name`, a defineProperty), and an Rng is built per employer.
 */
function splitmix(s: number): number {
  let z = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = ((seed >>> 0) + SPLITMIX_STEP) >>> 0;
    this.a = splitmix(s);
    s = (s + SPLITMIX_STEP) >>> 0;
    this.b = splitmix(s);
    s = (s + SPLITMIX_STEP) >>> 0;
    this.c = splitmix(s);
    s = (s + SPLITMIX_STEP) >>> 0;
    this.d = splitmix(s);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.float() * values.length)]!;
  }

  weighted<T>(table: Weighted<T>): T {
    const u = this.float();
    const cum = table.cumulative;
    let i = 0;
    while (i < cum.length - 1 && cum[i]! <= u) i++;
    return table.values[i]!;
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream position simple). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Log-normal with the given median and log-scale sigma. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Geometric-ish count: how many Bernoulli(p) trials until the first failure, capped. */
  poisson(mean: number): number {
    // Knuth's method: small means only (used for per-month event counts).
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit && k < 1000) {
      k++;
      p *= this.float();
    }
    return k;
  }
}
