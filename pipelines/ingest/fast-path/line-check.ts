// The format rules of a contract (the rules that are patterns on the text: formats, enums, required
// values), checked by the scan on each line as it passes, with one regular expression for the whole line.
// A line it vouches for is marked in the numbered copy, and DuckDB evaluates only the rules on typed
// values for it (validation-sql.ts): a regular expression per value costs DuckDB about 150 ns, this one
// about as much per line. Lines holding a quote are never vouched for, and a line vouched for wrongly would
// load a bad row, so the expression must accept exactly what the SQL rules accept (tests/line-check.test.ts).
import { columnsOf, type ColumnContract, type EntityContract } from "../../contracts/index.ts";
import type { LineFields } from "./key-code.ts";

/** A field's text as DuckDB reads an unquoted field: anything but a delimiter, a quote or a line break. */
const ANY_TEXT = '[^,"\\r\\n]';

export interface LineCheck {
  /**
   * Where the run of lines starting at `start` in `text` (one character a byte) whose fields all match their
   * columns' patterns ends: `start` itself when the first line does not. One call checks a whole run (a call
   * a line cost V8 half as much again).
   */
  vouchedUntil(text: string, start: number): number;
}

/** The check for a file with this header, or null when the header lacks a contract column (such a file is rejected). */
export function lineCheck(entity: EntityContract, header: readonly string[]): LineCheck | null {
  const columns = new Map(columnsOf(entity).map((c) => [c.name, c]));
  if ([...columns.keys()].some((name) => header.indexOf(name) === -1 || header.indexOf(name) !== header.lastIndexOf(name))) return null;
  const fields = header.map((name) => {
    const column = columns.get(name);
    return column ? fieldPattern(column) : `${ANY_TEXT}*`;
  });
  // Anchored at both ends of the line: a pattern that could take in a comma would leave the line a field
  // short, so each field's pattern sees exactly the text DuckDB reads for it.
  const expression = new RegExp(`(?:${fields.join(",")}\\r?(?:\\n|$))*`, "y");
  return {
    vouchedUntil(text, start) {
      expression.lastIndex = start;
      expression.test(text);
      return expression.lastIndex;
    },
  };
}

/**
 * The rules a line's patterns leave open that have a form for the scan (ColumnRule.scan, RowRule.scan: a
 * check digit, an age), over the line's fields as `LineFields` found them; null when there are none.
 */
export function scanChecks(entity: EntityContract, header: readonly string[]): { last: number; holds(fields: LineFields): boolean } | null {
  const columnChecks = columnsOf(entity).flatMap((c) =>
    c.rules.flatMap((r) => (r.scan ? [{ index: header.indexOf(c.name), check: r.scan }] : [])),
  );
  const rowChecks = entity.rowRules.flatMap((r) =>
    r.scan ? [{ indexes: r.scan.columns.map((name) => header.indexOf(name)), holds: r.scan.holds }] : [],
  );
  if (columnChecks.length + rowChecks.length === 0) return null;
  const at = new Int32Array(2 * Math.max(0, ...rowChecks.map((r) => r.indexes.length)));
  return {
    last: Math.max(...columnChecks.map((c) => c.index), ...rowChecks.flatMap((r) => r.indexes)),
    holds({ buf, starts, ends }) {
      for (const { index, check } of columnChecks) {
        if (starts[index] !== ends[index] && !check(buf, starts[index]!, ends[index]!)) return false;
      }
      for (const { indexes, holds } of rowChecks) {
        for (let k = 0; k < indexes.length; k++) {
          at[2 * k] = starts[indexes[k]!]!;
          at[2 * k + 1] = ends[indexes[k]!]!;
        }
        if (!holds(buf, at)) return false;
      }
      return true;
    },
  };
}

/** Where a field ends: a comma, or the end of its line. */
const FIELD_END = "(?:,|\\r?(?:\\n|$))";

/**
 * The pattern of one field: every pattern of its column's rules at once (all but the last as lookaheads over
 * the whole field), or any text; required columns are never empty (DuckDB reads an empty field as NULL).
 */
export function fieldPattern(column: ColumnContract): string {
  const patterns = column.rules.flatMap((r) => (r.pattern === undefined ? [] : [scanPattern(column.name, r.pattern)]));
  if (patterns.length === 0) return `${ANY_TEXT}${column.nullable ? "*" : "+"}`;
  const last = patterns.pop()!;
  const all = `${patterns.map((p) => `(?=(?:${p})${FIELD_END})`).join("")}(?:${last})`;
  if (column.nullable) return `(?:${all})?`;
  return new RegExp(`^(?:${last})$`).test("") ? `(?!${FIELD_END})${all}` : all;
}

/**
 * The pattern as the scan runs it, groups made non-capturing (capturing cost V8 a third of the match, and
 * the patterns have no back-references). The scan sees UTF-8 bytes one at a time while DuckDB's RE2 sees
 * characters: they agree only on patterns that match ASCII alone, which have no `.`, no negated class and
 * no class escape beyond `\d`.
 */
function scanPattern(column: string, pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const fail = (what: string) => {
      throw new Error(`column ${column}: format pattern ${pattern} ${what} at ${i}; it must match ASCII text alone`);
    };
    if (c.charCodeAt(0) > 0x7e) fail("has a character beyond ASCII");
    if (c === "\\") {
      const next = pattern[++i] ?? "";
      if (/[a-zA-Z0-9]/.test(next) && next !== "d") fail(`has \\${next}`);
      out += c + next;
      continue;
    }
    if (inClass) inClass = c !== "]";
    else if (c === "[") {
      if (pattern[i + 1] === "^") fail("has a negated class");
      inClass = true;
    } else if (c === ".") fail("has an unescaped .");
    out += c === "(" && !inClass && pattern[i + 1] !== "?" ? "(?:" : c;
  }
  return out;
}
