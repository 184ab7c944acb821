// The Luhn check over a 10-digit national ID or iqama, in TypeScript and in DuckDB SQL.
// Both must agree; tests/contracts.test.ts proves it on random IDs.

export function luhnValid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === digits.at(-1);
}

/** luhnValid over `bytes[start, end)`, digits already checked by their pattern (the ingest's scan). */
export function luhnValidBytes(bytes: Uint8Array, start: number, end: number): boolean {
  let sum = 0;
  for (let i = end - 1, doubled = false; i >= start; i--, doubled = !doubled) {
    let d = bytes[i]! - 48;
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return end - start >= 2 && sum % 10 === 0;
}

/** The digit that makes `body` (all but the last digit) pass the Luhn check, in one pass (the generator's hot path). */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Counting from the right of the full id, the body's last digit is second: it is doubled.
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * SQL over a 10-digit text read as a number `{n}`: TRUE when its Luhn sum is a multiple of 10. The digits
 * are taken from the number by integer division, in one arithmetic expression: a list and a lambda per
 * row cost more than reading the whole row, and ten substrings per row cost 2.8 times the arithmetic. A
 * text that is no number fails (its format rule reports it too).
 */
const digitAt = (i: number) => `({n} // ${10 ** (9 - i)} % 10)`;
/** A doubled digit's Luhn value: 2d, less 9 once it has two digits. */
const doubled = (d: string) => `(2 * ${d} - 9 * CAST(${d} >= 5 AS INTEGER))`;
export const LUHN_SQL = `(${Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? doubled(digitAt(i)) : digitAt(i))).join(" + ")}) % 10 = 0`;
