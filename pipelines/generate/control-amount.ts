// The control column's amount of every written row, parsed without a regular expression: the
// generator parses one per row, and `tryParseSar`'s regex (a match array and three substrings per
// call) cost more than formatting the row. Same grammar, same result, same nulls as `tryParseSar`.
import type { Halalas } from "../rules/money.ts";

/** `tryParseSar(text)` exactly: `-?\d{1,16}(\.\d{1,2})?` → halalas; null otherwise or when unsafe. */
export function controlAmount(text: string): Halalas | null {
  const n = text.length;
  let i = 0;
  const negative = n > 0 && text.charCodeAt(0) === 45; // "-"
  if (negative) i = 1;
  let whole = 0;
  const digitsFrom = i;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  const digits = i - digitsFrom;
  if (digits < 1 || digits > 16) return null;
  let cents = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return null; // "."
    const fraction = n - i - 1;
    if (fraction < 1 || fraction > 2) return null;
    const d1 = text.charCodeAt(i + 1) - 48;
    if (d1 < 0 || d1 > 9) return null;
    cents = d1 * 10;
    if (fraction === 2) {
      const d2 = text.charCodeAt(i + 2) - 48;
      if (d2 < 0 || d2 > 9) return null;
      cents += d2;
    }
  }
  // Below 2^53 the digit-by-digit sum is exact; above it the amount is unsafe either way.
  const value = whole * 100 + cents;
  if (!Number.isSafeInteger(value)) return null;
  return negative && value !== 0 ? -value : value;
}
