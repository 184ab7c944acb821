// `tahseel new-model NAME`: a model file with its header filled in with the right shape, plus a
// custom test stub, so an analyst starts from something that builds and edits from there.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../lib/errors.ts";
import { didYouMean } from "./located-yaml.ts";
import { LAYERS, type Layer } from "./model.ts";

export function modelTemplate(_layer: Layer, _name: string): string {
  return `/*
description: TODO say in one sentence what this table holds.
# description_ar: TODO the same sentence in Arabic, for the Arabic pages
grain: one row per employer_id   # TODO what one row is
materialized: table              # view | table | incremental
params:
  as_of: date                    # read below with getvariable('as_of'); remove if unused
columns:
  employer_id: Employer's 9-digit account number.
  status: Account status (active, suspended, closed).
  as_of: The date the table is computed as of.
tests:
  - not_null: employer_id
  - unique: employer_id
  - accepted_values: {column: status, values: [active, suspended, closed]}
  # - relationships: {column: employer_id, to: staging.stg_employers}
  # - expression: outstanding >= 0
  # - reconciles: {sum: billed, equals: {model: staging.stg_invoices, sum: total_amount}}
  # add "severity: warn" to an entry to report it without stopping the models after this one
*/
SELECT
  employer_id,
  status,
  getvariable('as_of') AS as_of
FROM staging.stg_employers
`;
}

export function testTemplate(layer: Layer, name: string): string {
  return `/*
severity: warn
description: TODO what must never happen; this query returns the rows where it does (none = pass).
*/
SELECT *
FROM ${layer}.${name}
WHERE employer_id IS NULL
`;
}

export function scaffoldModel(modelsDir: string, name: string, layer: string): { model: string; test: string } {
  if (!(LAYERS as readonly string[]).includes(layer))
    throw new UserError(`--layer ${layer}: unknown layer${didYouMean(layer, LAYERS)}; layers are ${LAYERS.join(", ")}`);
  if (!/^[a-z][a-z0-9_]*$/.test(name))
    throw new UserError(`model name "${name}" must be lower_snake_case: it becomes the table name (e.g. employer_balance)`);
  const dir = join(modelsDir, layer);
  const model = join(dir, `${name}.sql`);
  const test = join(dir, `${name}.test.sql`);
  for (const existing of [`${name}.sql`, `${name}.ts`])
    if (existsSync(join(dir, existing))) throw new UserError(`${join(dir, existing)} already exists; pick another name or edit that file`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(model, modelTemplate(layer as Layer, name));
  if (!existsSync(test)) writeFileSync(test, testTemplate(layer as Layer, name));
  return { model, test };
}
