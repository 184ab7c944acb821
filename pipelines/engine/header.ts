// The header of a model: a leading block comment holding YAML that says what the model is, what it
// needs and what must hold of its output. Validated with zod; every problem is reported at its line.
import { z } from "zod";
import { UserError } from "../lib/errors.ts";
import { parseLocatedYaml, parseWith, type LocatedYaml } from "./located-yaml.ts";

/** Required text, with what to write when it is missing. */
const text = (what: string) =>
  z.string({ error: (i) => (i.input === undefined ? `required: ${what}` : `must be text: ${what}`) }).min(1, `required: ${what}`);

const Name = z.string().regex(/^[a-z_][a-z0-9_]*$/, "must be lower_snake_case (letters, digits, _)");

export const PARAM_TYPES = ["date", "decimal", "integer", "varchar", "boolean"] as const;
export type ParamType = (typeof PARAM_TYPES)[number];
const ParamTypeSchema = z.enum(PARAM_TYPES, { error: `must be one of ${PARAM_TYPES.join(", ")}` });

const ParamDecl = z.union([
  ParamTypeSchema,
  z.strictObject({
    type: ParamTypeSchema,
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    description: z.string().optional(),
  }),
]);

/** The Arabic text of a description: Arabic script, so the English and Arabic fields cannot be swapped unnoticed. */
const ArabicText = z
  .string({ error: "must be text in Arabic" })
  .min(1, "must be text in Arabic")
  .regex(/[\u0600-\u06FF]/, "must be written in Arabic (it is shown on the Arabic pages)");

export const ColumnDoc = z.union([
  z.string(),
  z.strictObject({
    description: z.string(),
    /** The description in Arabic, for the Arabic pages. */
    description_ar: ArabicText.optional(),
    /** DuckDB type; required for TypeScript models, whose shape DuckDB cannot read before they run. */
    type: z.string().optional(),
  }),
  /** A column carried from another model: its description there, resolved by discovery (column-same-as.ts). */
  z.strictObject({
    same_as: z.string().regex(/^[a-z_]+\.[a-z][a-z0-9_]*$/, "must name a model as layer.name, e.g. core.risk_scores"),
  }),
]);

const Incremental = z.strictObject({
  period_column: Name,
  /** SQL returning one column of `YYYY-MM` periods this model should hold (params may be read with getvariable). */
  periods: z.string().min(1, "give a query listing the periods, e.g. SELECT DISTINCT period FROM raw.wages"),
  /** How many of the latest periods are rebuilt when upstream data changed (older ones are kept). */
  lookback: z.number().int().min(0).default(1),
});

export const HeaderSchema = z
  .strictObject({
    description: text("say in a sentence what the table holds"),
    description_ar: ArabicText.optional(),
    grain: text("say what one row is, e.g. 'one row per employer_id'"),
    materialized: z.enum(["view", "table", "incremental"], {
      error: (i) => (i.input === undefined ? "required: view, table or incremental" : "must be view, table or incremental"),
    }),
    incremental: Incremental.optional(),
    depends_on: z.array(z.string()).optional(),
    tests: z.array(z.unknown()).default([]),
    columns: z.record(z.string(), ColumnDoc).default({}),
    /** `warn` while a model is in draft: columns: that differ from what the SELECT returns are reported, not refused. */
    columns_check: z.enum(["error", "warn"], { error: "must be error (the default) or warn" }).default("error"),
    params: z.record(Name, ParamDecl).default({}),
  })
  .superRefine((h, ctx) => {
    if (h.materialized === "incremental" && !h.incremental)
      ctx.addIssue({
        code: "custom",
        path: ["materialized"],
        message: "an incremental model needs an `incremental:` block with period_column and periods",
      });
    if (h.materialized !== "incremental" && h.incremental)
      ctx.addIssue({
        code: "custom",
        path: ["incremental"],
        message: "only incremental models take an `incremental:` block; remove it or set materialized: incremental",
      });
  });

export type ModelHeader = z.infer<typeof HeaderSchema>;

export interface ParamSpec {
  type: ParamType;
  default?: string | number | boolean;
  description?: string;
}

export function paramSpecs(header: ModelHeader): Record<string, ParamSpec> {
  return Object.fromEntries(Object.entries(header.params).map(([k, v]) => [k, typeof v === "string" ? { type: v } : v]));
}

export interface ColumnDocumentation {
  name: string;
  description: string;
  description_ar?: string;
  type?: string;
}

export function columnDocs(header: ModelHeader): ColumnDocumentation[] {
  return Object.entries(header.columns).map(([name, c]) =>
    typeof c === "string"
      ? { name, description: c }
      : "same_as" in c
        ? // only a header read outside discovery still holds the reference
          { name, description: `As in ${c.same_as}.` }
        : { name, ...c },
  );
}

export interface HeaderBlock {
  /** The YAML text between the comment markers. */
  yaml: string;
  /** File line of the comment's opening `/*`. */
  firstLine: number;
  /** File column of the first character after `/*`. */
  firstColumn: number;
  /** File line of the closing `*\/`. */
  lastLine: number;
}

/** Finds the leading block comment; only blank lines may come before it. */
export function findHeaderBlock(text: string, file: string): HeaderBlock | undefined {
  const start = text.search(/\S/);
  if (start < 0 || !text.startsWith("/*", start)) return undefined;
  const end = text.indexOf("*/", start + 2);
  if (end < 0)
    throw new UserError("the header comment is never closed; end it with */", {
      at: { file, line: lineOf(text, start) },
    });
  const firstColumn = start - text.lastIndexOf("\n", start - 1) + 2;
  return { yaml: text.slice(start + 2, end), firstLine: lineOf(text, start), firstColumn, lastLine: lineOf(text, end) };
}

export const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

export interface ParsedHeader {
  header: ModelHeader;
  located: LocatedYaml;
  block: HeaderBlock;
}

export function parseHeader(text: string, file: string, required = true): ParsedHeader | undefined {
  const block = findHeaderBlock(text, file);
  if (!block) {
    if (!required) return undefined;
    throw new UserError(
      "no header: start the file with a /* ... */ comment holding YAML (description, grain, materialized, columns, tests); `tahseel " +
        "new-model` writes one",
      { at: { file, line: 1 } },
    );
  }
  const place = { file, firstLine: block.firstLine, firstColumn: block.firstColumn };
  const located = parseLocatedYaml(block.yaml, place);
  if (located.value === null || typeof located.value !== "object" || Array.isArray(located.value))
    throw new UserError("the header comment must hold YAML keys (description:, grain:, materialized:, ...)", {
      at: { file, line: block.firstLine },
    });
  const header = parseWith(HeaderSchema, located, place);
  return { header, located, block };
}
