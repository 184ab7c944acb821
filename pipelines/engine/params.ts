// Parameters reach SQL by name: each value is validated with zod for its declared type, then bound as
// a prepared-statement parameter of `SET VARIABLE name = $value::TYPE`; the model reads it with
// getvariable('name'). No value is ever pasted into SQL text. (DuckDB 1.5 takes no parameters in
// CREATE TABLE AS / CREATE VIEW, but does take them in SET VARIABLE.)
import type { DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { UserError } from "../lib/errors.ts";
import type { ParamSpec, ParamType } from "./header.ts";
import type { Model } from "./model.ts";

export type ParamValues = Record<string, string>;

const realDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

const VALUE: Record<ParamType, z.ZodType<string>> = {
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
    .refine(realDate, "not a real calendar date"),
  decimal: z.string().regex(/^-?\d{1,12}(\.\d{1,6})?$/, "must be a decimal number with at most 6 decimals, e.g. 10.00"),
  integer: z.string().regex(/^-?\d{1,12}$/, "must be a whole number"),
  varchar: z.string(),
  boolean: z.enum(["true", "false"], { error: "must be true or false" }),
};

const SQL_TYPE: Record<ParamType, string> = {
  date: "DATE",
  decimal: "DECIMAL(18,6)",
  integer: "BIGINT",
  varchar: "VARCHAR",
  boolean: "BOOLEAN",
};

export const PERIOD = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a period YYYY-MM");

export function checkParam(name: string, type: ParamType, value: unknown, where: string): string {
  const result = VALUE[type].safeParse(typeof value === "string" ? value : String(value));
  if (!result.success) throw new UserError(`${where}: parameter ${name} = "${String(value)}" ${result.error.issues[0]!.message}`);
  return result.data;
}

export interface BoundParam {
  name: string;
  type: ParamType;
  value: string;
}

/** The values a model's declared params take in this run: the run's value, else the header's default. */
export function resolveParams(model: Model, run: ParamValues): BoundParam[] {
  return Object.entries(model.params).map(([name, spec]: [string, ParamSpec]) => {
    const given = run[name] ?? (spec.default === undefined ? undefined : String(spec.default));
    if (given === undefined)
      throw new UserError(
        `${model.file}: parameter ${name} has no value; ` +
          `${name === "as_of" ? "pass --as-of DATE or load data first" : `pass --param ${name}=... or give it a default in the header`}`,
      );
    return { name, type: spec.type, value: checkParam(name, spec.type, given, model.file) };
  });
}

const NAME = /^[a-z_][a-z0-9_]*$/;

/** Sets each parameter as a session variable of this connection (variables are per connection in DuckDB). */
export async function bindParams(connection: DuckDBConnection, params: readonly BoundParam[]): Promise<void> {
  for (const p of params) {
    // The name comes from a validated header key, never from a run argument's value.
    if (!NAME.test(p.name)) throw new Error(`invalid parameter name ${p.name}`);
    await connection.run(`SET VARIABLE ${p.name} = $value::${SQL_TYPE[p.type]}`, { value: p.value });
  }
}

/** `--param name=value` arguments as a map; values are checked against each model's declared type later. */
export function parseParamArguments(args: readonly string[]): ParamValues {
  const out: ParamValues = {};
  for (const arg of args) {
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : "";
    if (!NAME.test(name)) throw new UserError(`--param ${arg}: write --param name=value with a lower_snake_case name`);
    out[name] = arg.slice(eq + 1);
  }
  return out;
}
