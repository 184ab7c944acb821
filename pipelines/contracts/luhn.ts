// The Luhn check over a 10-digit national ID or iqama, in TypeScript and in DuckDB SQL.
// Both must agree; tests/contracts.test.ts proves it on random IDs.

export function luhnValid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === digits.at(-1);
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
 * SQL over a 10-character text `{v}`: TRUE when its Luhn sum is a multiple of 10. Unrolled into one
 * arithmetic expression: a list and a lambda per row cost more than reading the whole row.
 */
export const LUHN_SQL = `(${Array.from({ length: 10 }, (_, i) => {
  const digit = `(ascii(substr({v}, ${i + 1}, 1)) - 48)`;
  return i % 2 === 0 ? `(2 * ${digit}) // 10 + (2 * ${digit}) % 10` : digit;
}).join(" + ")}) % 10 = 0`;
