// SAR amounts as integer halalas (1 SAR = 100 halalas). Every amount and every sum the generator
// and the ledger oracle form stays far below Number.MAX_SAFE_INTEGER (9e15 halalas is 90 trillion
// SAR, more than a century of national contributions), so plain numbers are exact and fast where
// decimal.js would be a hundred times slower in the hot path. Floats never hold a SAR value.

export type Halalas = number;

const SAR = /^(-?)(\d{1,16})(?:\.(\d{1,2}))?$/;

/** `"1234.5"` → 123450; null when the text is not a SAR amount with at most two decimals. */
export function tryParseSar(text: string): Halalas | null {
  const m = SAR.exec(text);
  if (!m) return null;
  const whole = Number(m[2]);
  const cents = m[3] === undefined ? 0 : Number(m[3].length === 1 ? `${m[3]}0` : m[3]);
  const value = whole * 100 + cents;
  if (!Number.isSafeInteger(value)) return null;
  return m[1] === "-" && value !== 0 ? -value : value;
}

export function parseSar(text: string): Halalas {
  const value = tryParseSar(text);
  if (value === null) throw new Error(`not a SAR amount: "${text}"`);
  return value;
}

/** `.00` … `.99`: the generator formats amounts per row, and a cached tail saves a number-to-text and two concatenations. */
const HALALA_TEXTS = Array.from({ length: 100 }, (_, cents) => `.${cents < 10 ? "0" : ""}${cents}`);

/** 123450 → `"1234.50"`: always two decimals, no separators. */
export function formatSar(halalas: Halalas): string {
  if (!Number.isSafeInteger(halalas)) throw new Error(`amount is not a whole number of halalas: ${halalas}`);
  const negative = halalas < 0;
  const abs = negative ? -halalas : halalas;
  const cents = abs % 100;
  const text = String((abs - cents) / 100) + HALALA_TEXTS[cents]!;
  return negative ? `-${text}` : text;
}

/**
 * `numerator / denominator` rounded half away from zero (half-up on magnitudes, as DuckDB's ROUND).
 * Both must be safe integers and the denominator positive; the result is exact, not a float guess.
 */
export function divHalfUp(numerator: number, denominator: number): number {
  if (numerator < 0) return -divHalfUp(-numerator, denominator);
  let q = Math.floor(numerator / denominator);
  // The float division can land one off for large operands: settle it with exact integer products.
  if (q * denominator > numerator) q -= 1;
  else if ((q + 1) * denominator <= numerator) q += 1;
  const remainder = numerator - q * denominator;
  return remainder * 2 >= denominator ? q + 1 : q;
}

/** A rate written as a decimal string (`"0.0075"`) in parts per million: exact for up to 6 decimals. */
export function rateToPpm(text: string): number {
  const m = /^(\d)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) throw new Error(`not a rate with at most 6 decimals: "${text}"`);
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? "").padEnd(6, "0"));
}

/** `amount × ppm / 1e6`, half-up to the halala. */
export function applyRate(amount: Halalas, ppm: number): Halalas {
  return divHalfUp(amount * ppm, 1_000_000);
}
