// Column builders: each returns a zod schema that carries, as metadata, everything the rest of the
// pipeline derives from it (DuckDB type, parse rule, row rules, reference, docs). The zod schema is
// the one definition; SQL, TypeScript types and the reference page are read off it.
import { z } from "zod";

export type ColumnKind = "string" | "enum" | "date" | "timestamp" | "period" | "amount" | "integer" | "boolean";

/** A rule on one column's text, written once as SQL over the raw value `v` and once as a JS check. */
export interface ColumnRule {
  /** Stable code stored in quarantine reasons, e.g. `not_9_digits`. */
  code: string;
  /** Plain-language rule for messages and docs. */
  message: string;
  /**
   * SQL boolean that is TRUE when the rule holds, over `{v}` (the raw text), `{t}` (the typed value) and
   * `{n}` (the text as a BIGINT, NULL when it is no number). The ingest computes `{n}` once per row beside
   * the casts: DuckDB does not share a subexpression repeated inside a conjunction, and the Luhn check
   * names it ten times.
   */
  sql: string;
  /**
   * The rule as a regular expression on the text, where it has one: a text that matches it, and the
   * patterns of its column's other rules, meets the rule. The ingest's scan checks these on each line before
   * DuckDB reads it (ingest/fast-path/line-check.ts). Written in the syntax RE2 and JavaScript share, matching ASCII
   * text only.
   */
  pattern?: string;
  /** Where the rule has no pattern: the rule over the bytes of a text that met its column's patterns, as the scan checks it too. */
  scan?: ByteCheck;
}

/** A rule over `bytes[start, end)`, the text of one field where it lies in its line. */
export type ByteCheck = (bytes: Uint8Array, start: number, end: number) => boolean;

/** The text as a whole number, the value of `{n}`. */
export const numberOf = (v: string) => `TRY_CAST(${v} AS BIGINT)`;

/** A rule's SQL with its placeholders filled; `{n}` defaults to the number computed in place. */
export function ruleSql(rule: ColumnRule, v: string, t: string, n = numberOf(v)): string {
  return rule.sql.replaceAll("{v}", v).replaceAll("{t}", t).replaceAll("{n}", n);
}

/** Whether a rule of the column reads `{n}`. */
export const readsNumber = (meta: ColumnMeta) => meta.rules.some((r) => r.sql.includes("{n}"));

export interface ColumnMeta {
  kind: ColumnKind;
  duckdbType: string;
  nullable: boolean;
  doc: string;
  key?: boolean;
  /** The column whose sum the manifest's control_total carries. */
  control?: boolean;
  values?: readonly string[];
  rules: ColumnRule[];
  /** A reference to another entity's key: checked against rows loaded before this one. */
  references?: { entity: string; column: string };
}

const META = new WeakMap<z.ZodType, ColumnMeta>();

export function columnMeta(schema: z.ZodType): ColumnMeta {
  const meta = META.get(schema);
  if (!meta) throw new Error("column schema was not built with the contract column builders");
  return meta;
}

/** Builder state: a zod schema for the non-null value plus its metadata, finalised by `.nullable()` or `.required()`. */
class Column<T extends z.ZodType> {
  constructor(
    readonly base: T,
    readonly meta: Omit<ColumnMeta, "nullable" | "doc">,
  ) {}

  private with(extra: Partial<Omit<ColumnMeta, "nullable" | "doc">>, base?: z.ZodType): Column<T> {
    return new Column((base ?? this.base) as T, {
      ...this.meta,
      ...extra,
      rules: [...this.meta.rules, ...(extra.rules ?? [])],
    });
  }
  key(): Column<T> {
    return this.with({ key: true });
  }
  control(): Column<T> {
    return this.with({ control: true });
  }
  references(entity: string, column: string): Column<T> {
    return this.with({ references: { entity, column } });
  }
  rule(rule: ColumnRule, check: (value: z.infer<T>) => boolean): Column<T> {
    const refined = this.base.refine((x) => check(x as z.infer<T>), { message: rule.message });
    return this.with({ rules: [rule] }, refined);
  }
  required(doc: string): T {
    return register(this.base, { ...this.meta, nullable: false, doc });
  }
  nullable(doc: string): z.ZodNullable<T> {
    return register(this.base.nullable(), { ...this.meta, nullable: true, doc });
  }
}

function register<S extends z.ZodType>(schema: S, meta: ColumnMeta): S {
  META.set(schema, meta);
  return schema;
}

const re = (pattern: string, code: string, message: string): ColumnRule => ({
  code,
  message,
  sql: `regexp_full_match({v}, '${pattern.replaceAll("'", "''")}')`,
  pattern,
});

/** A regular expression matching exactly the listed texts. */
const oneOf = (values: readonly string[]) => values.map((v) => v.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")).join("|");

export const DATE_PATTERN = "\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])";
export const TIMESTAMP_PATTERN =
  "\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,6})?)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)";
export const PERIOD_PATTERN = "\\d{4}-(0[1-9]|1[0-2])";
/**
 * A day of the proleptic Gregorian calendar, `YYYY-MM-DD`: 29 February only in leap years (every fourth, but not every hundredth unless
 * every four hundredth).
 */
const CALENDAR_DAY =
  "(\\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\\d|3[01])|(0[469]|11)-(0[1-9]|[12]\\d|30)|02-(0[1-9]|1\\d|2[0-8]))" +
  "|(\\d\\d(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29)";
export const AMOUNT_PATTERN = "-?\\d{1,16}(\\.\\d{1,2})?";

const jsRe = (pattern: string) => new RegExp(`^(?:${pattern})$`);

/** Free text, or an identifier with a pattern. */
export function text(pattern?: { regex: string; code: string; message: string }) {
  const base = pattern ? z.string().regex(jsRe(pattern.regex), pattern.message) : z.string().min(1);
  return new Column(base, {
    kind: "string",
    duckdbType: "VARCHAR",
    rules: pattern ? [re(pattern.regex, pattern.code, pattern.message)] : [],
  });
}

export const digits = (n: number) => text({ regex: `\\d{${n}}`, code: `not_${n}_digits`, message: `must be exactly ${n} digits` });

export function enumOf<const V extends readonly [string, ...string[]]>(values: V) {
  const list = values.map((v) => `'${v}'`).join(", ");
  return new Column(z.enum(values), {
    kind: "enum",
    duckdbType: "VARCHAR",
    values,
    rules: [
      {
        code: "bad_enum",
        message: `must be one of ${values.join(", ")}`,
        sql: `{v} IN (${list})`,
        pattern: oneOf(values),
      },
    ],
  });
}

/** Calendar date `YYYY-MM-DD`, parsed to a JS Date at UTC midnight (as DuckDB hands DATEs back). */
export function date() {
  const base = z.string().regex(jsRe(DATE_PATTERN), "must be a date YYYY-MM-DD").refine(isCalendarDay, "not a real calendar date");
  return new Column(base, {
    kind: "date",
    duckdbType: "DATE",
    rules: [
      { ...re(DATE_PATTERN, "bad_date", "must be a date YYYY-MM-DD") },
      { code: "bad_date", message: "not a real calendar date", sql: "{t} IS NOT NULL", pattern: CALENDAR_DAY },
    ],
  });
}

/** Whether `YYYY-MM-DD…` starts with a day of the calendar: JavaScript's Date turns 31 November into 1 December. */
export function isCalendarDay(text: string): boolean {
  const [y, m, d] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** An ISO 8601 timestamp with offset that names a real point in time. */
export const isRealTimestamp = (s: string) => jsRe(TIMESTAMP_PATTERN).test(s) && isCalendarDay(s) && !Number.isNaN(Date.parse(s));

export function timestamp() {
  const base = z
    .string()
    .regex(jsRe(TIMESTAMP_PATTERN), "must be an ISO 8601 timestamp with offset")
    .refine(isRealTimestamp, "not a real point in time");
  return new Column(base, {
    kind: "timestamp",
    duckdbType: "TIMESTAMPTZ",
    rules: [
      re(TIMESTAMP_PATTERN, "bad_timestamp", "must be an ISO 8601 timestamp with offset"),
      {
        code: "bad_timestamp",
        message: "not a real point in time",
        sql: "{t} IS NOT NULL",
        pattern: `${CALENDAR_DAY}T[0-9:.Z+-]*`,
      },
    ],
  });
}

export function period() {
  return new Column(z.string().regex(jsRe(PERIOD_PATTERN), "must be a period YYYY-MM"), {
    kind: "period",
    duckdbType: "VARCHAR",
    rules: [re(PERIOD_PATTERN, "bad_period", "must be a period YYYY-MM")],
  });
}

/** SAR as a decimal string with at most two decimals; `sign` says which values are allowed. */
export function amount(sign: "signed" | "non_negative" | "positive") {
  const base = z.string().regex(jsRe(AMOUNT_PATTERN), "must be a SAR amount with at most two decimals");
  const col = new Column(base, {
    kind: "amount",
    duckdbType: "DECIMAL(18,2)",
    rules: [re(AMOUNT_PATTERN, "bad_amount", "must be a SAR amount with at most two decimals")],
  });
  // As patterns over an amount's text: no minus sign, or only zeros behind one; a digit other than 0 somewhere, and no sign.
  if (sign === "non_negative")
    return col.rule({ code: "negative_amount", message: "must be ≥ 0", sql: "{t} >= 0", pattern: "[0-9.]+|-[0.]+" }, (v) => Number(v) >= 0);
  if (sign === "positive")
    return col.rule(
      { code: "not_positive_amount", message: "must be > 0", sql: "{t} > 0", pattern: "[0.]*[1-9][0-9.]*" },
      (v) => Number(v) > 0,
    );
  return col;
}

export function integer(min: number, max: number) {
  const base = z.string().regex(/^-?\d{1,9}$/, "must be a whole number");
  return new Column(base, {
    kind: "integer",
    duckdbType: "INTEGER",
    rules: [re("-?\\d{1,9}", "bad_integer", "must be a whole number")],
  }).rule({ code: "out_of_range", message: `must be between ${min} and ${max}`, sql: `{t} BETWEEN ${min} AND ${max}` }, (v) => {
    const n = Number(v);
    return n >= min && n <= max;
  });
}

export function boolean() {
  return new Column(z.enum(["true", "false"]), {
    kind: "boolean",
    duckdbType: "BOOLEAN",
    values: ["true", "false"],
    rules: [
      {
        code: "bad_boolean",
        message: "must be true or false",
        sql: "{v} IN ('true', 'false')",
        pattern: oneOf(["true", "false"]),
      },
    ],
  });
}

/** SQL that turns the raw text `{v}` into the typed value, once every rule of the kind has held. */
export function typedExpression(meta: ColumnMeta, raw: string): string {
  switch (meta.kind) {
    case "date":
      return `try_cast(${raw} AS DATE)`;
    case "timestamp":
      // DuckDB reads no timestamp without seconds (`2026-11-23T10:00+03:00`), which ISO 8601 allows: those
      // are given ":00" (only for the rows the first cast leaves NULL).
      return `coalesce(try_cast(${raw} AS TIMESTAMPTZ), try_cast(regexp_replace(${raw}, '^(.{16})([Z+-])', '\\1:00\\2') AS TIMESTAMPTZ))`;
    case "amount":
      return `try_cast(${raw} AS DECIMAL(18,2))`;
    case "integer":
      return `try_cast(${raw} AS INTEGER)`;
    case "boolean":
      return `(${raw} = 'true')`;
    default:
      return raw;
  }
}
