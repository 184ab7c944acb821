// The model graph: every reference resolved to a model or a source table, declared dependencies
// checked against what the SQL really reads, cycles refused, and a build order.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ENTITIES } from "../contracts/index.ts";
import { UserError } from "../lib/errors.ts";
import { didYouMean } from "./located-yaml.ts";
import { LAYERS, SOURCE_SCHEMAS, type Model, type Reference, type ResolvedModel } from "./model.ts";
import { parseSqlTexts, type ParsedSql, type SqlText } from "./references.ts";
import { testReferences } from "./test-spec.ts";
import { expandDependsOn, refuseAnswerKey } from "./wildcards.ts";

export interface Project {
  models: Map<string, ResolvedModel>;
  /** Every model, each after everything it needs. */
  order: string[];
  downstream: Map<string, string[]>;
  warnings: string[];
}

type Role = "body" | "periods" | "test";
type Parsed = { text: SqlText; role: Role; sql: ParsedSql };

/** The ingest's tables, and the views of their current snapshot versions. */
const RAW_TABLES = ENTITIES.flatMap((e) => (e.kind === "snapshot" ? [`raw.${e.name}`, `raw.${e.name}_current`] : [`raw.${e.name}`]));
/** Variables the engine sets itself for some models, so they need no declaration. */
const BUILT_IN_VARIABLES = { incremental: ["period"] };

export async function resolveProject(models: readonly Model[], connection: DuckDBConnection): Promise<Project> {
  const ids = new Set(models.map((m) => m.id));
  const texts: { model: Model; text: SqlText; role: Role }[] = [];
  for (const m of models) {
    if (m.language === "sql") texts.push({ model: m, role: "body", text: { text: m.text, file: m.file, firstLine: 1 } });
    const periods = m.header.incremental?.periods;
    if (periods)
      texts.push({
        model: m,
        role: "periods",
        text: { text: periods, file: m.file, firstLine: m.located.lineAt(["incremental", "periods"]) },
      });
    for (const t of m.tests)
      if (t.kind === "custom") texts.push({ model: m, role: "test", text: { text: t.sql, file: t.file, firstLine: 1 } });
  }
  const parsed = await parseSqlTexts(
    connection,
    texts.map((t) => t.text),
  );
  const byModel = new Map<string, Parsed[]>();
  for (const [i, t] of texts.entries()) {
    byModel.set(t.model.id, [...(byModel.get(t.model.id) ?? []), { text: t.text, role: t.role, sql: parsed[i]! }]);
  }

  const warnings: string[] = [];
  const resolved = new Map<string, ResolvedModel>();
  for (const m of models) resolved.set(m.id, resolveModel(m, byModel.get(m.id) ?? [], ids, warnings));
  const order = buildOrder(resolved);
  const downstream = new Map<string, string[]>(order.map((id) => [id, []]));
  for (const id of order) for (const up of resolved.get(id)!.upstream) downstream.get(up)!.push(id);
  return { models: resolved, order, downstream, warnings };
}

function checkTarget(id: string, ids: Set<string>, at: { file: string; line: number }, what: string): "model" | "source" {
  const [schema, table, extra] = id.split(".");
  if (!schema || !table || extra !== undefined)
    throw new UserError(`${what} "${id}" must be written schema.table, e.g. staging.stg_employers or raw.employers`, {
      at,
    });
  refuseAnswerKey(schema, at);
  if ((LAYERS as readonly string[]).includes(schema)) {
    if (ids.has(id)) return "model";
    throw new UserError(`${what} unknown model ${id}${didYouMean(id, [...ids])}; create models/${schema}/${table}.sql or fix the name`, {
      at,
    });
  }
  if (schema === "raw") {
    if (RAW_TABLES.includes(id)) return "source";
    throw new UserError(
      `${what} ${id} is not an extract table${didYouMean(id, RAW_TABLES)}; raw tables are raw.<entity> for ` +
        `${ENTITIES.map((e) => e.name).join(", ")}`,
      { at },
    );
  }
  if ((SOURCE_SCHEMAS as readonly string[]).includes(schema)) return "source";
  throw new UserError(
    `${what} ${id}: unknown schema "${schema}"${didYouMean(schema, [...LAYERS, ...SOURCE_SCHEMAS])}; models read ` +
      `${[...LAYERS, ...SOURCE_SCHEMAS].join(", ")}`,
    { at },
  );
}

function resolveModel(m: Model, texts: Parsed[], ids: Set<string>, warnings: string[]): ResolvedModel {
  const inferred: Reference[] = [];
  const variables: Reference[] = [];
  const periodVariables: Reference[] = [];
  for (const { text, sql, role } of texts) {
    for (const t of sql.tables) {
      const at = { file: text.file, line: t.line };
      if (!t.schema) {
        if (sql.ctes.has(t.table)) continue;
        throw new UserError(`unqualified table "${t.table}": write it with its schema, e.g. staging.${t.table} or raw.${t.table}`, { at });
      }
      if (t.catalog)
        throw new UserError(`"${t.catalog}.${t.schema}.${t.table}": read tables of this warehouse as schema.table`, {
          at,
        });
      const id = `${t.schema}.${t.table}`;
      if (id === m.id && role === "test") continue;
      if (id === m.id) throw new UserError(`${m.id} reads itself; a model cannot depend on its own output`, { at });
      checkTarget(id, ids, at, "reads");
      inferred.push({ id, ...at });
    }
    for (const v of sql.variables) (role === "periods" ? periodVariables : variables).push({ id: v.name, file: text.file, line: v.line });
  }
  const declared = expandDependsOn(m, ids);
  for (const d of declared) checkTarget(d.id, ids, d, "depends_on lists");
  if (m.header.depends_on && m.language === "sql") {
    const listed = new Set(declared.map((d) => d.id));
    const missing = inferred.find((r) => !listed.has(r.id));
    if (missing)
      throw new UserError(
        `reads ${missing.id} but depends_on does not list it; add "${missing.id}" to depends_on (${m.file} line ` +
          `${m.located.lineAt(["depends_on"])}) or drop depends_on to use what the SQL reads`,
        { at: missing },
      );
    const found = new Set(inferred.map((r) => r.id));
    for (const d of declared)
      if (!found.has(d.id)) warnings.push(`${d.file} line ${d.line}: depends_on lists ${d.id} but the SQL does not read it`);
  }
  const fromTests: Reference[] = m.tests.flatMap((t) => testReferences(t).map((id) => ({ id, file: t.file, line: t.line })));
  for (const r of fromTests) checkTarget(r.id, ids, r, "test reads");
  checkVariables(m, [...variables, ...periodVariables], warnings);
  const all = [...declared, ...inferred, ...fromTests].map((r) => r.id).filter((id) => id !== m.id);
  const upstream = [...new Set(all.filter((id) => ids.has(id)))].sort();
  const sources = [...new Set(all.filter((id) => !ids.has(id)))].sort();
  return {
    ...m,
    inferred,
    variables,
    periodVariables: [...new Set(periodVariables.map((v) => v.id))],
    upstream,
    sources,
  };
}

function checkVariables(m: Model, variables: Reference[], warnings: string[]): void {
  const builtIn: string[] = m.header.materialized === "incremental" ? BUILT_IN_VARIABLES.incremental : [];
  for (const v of variables) {
    if (m.header.materialized === "view")
      throw new UserError(
        `a view reads getvariable('${v.id}') when it is queried, in the reader's session where it is not set; make this model ` +
          `materialized: table`,
        { at: v },
      );
    if (!(v.id in m.params) && !builtIn.includes(v.id))
      throw new UserError(
        `getvariable('${v.id}') is not declared; add "${v.id}: <type>" under params: in the header (types: date, decimal, integer, ` +
          `varchar, boolean)`,
        { at: v },
      );
  }
  const used = new Set(variables.map((v) => v.id));
  for (const name of Object.keys(m.params))
    if (!used.has(name) && m.language === "sql")
      warnings.push(`${m.file} line ${m.located.lineAt(["params", name])}: param ${name} is declared but never read`);
}

/** Depth-first order; a reference back into the current path is a cycle, reported at the line that closes it. */
function buildOrder(models: Map<string, ResolvedModel>): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (id: string) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      const cycle = [...path.slice(path.indexOf(id)), id];
      const closer = models.get(path[path.length - 1]!)!;
      throw new UserError(`dependency cycle ${cycle.join(" → ")}; one of these models must stop reading the next`, {
        at: referenceTo(closer, id),
      });
    }
    state.set(id, "visiting");
    path.push(id);
    for (const up of models.get(id)!.upstream) visit(up);
    path.pop();
    state.set(id, "done");
    order.push(id);
  };
  for (const id of [...models.keys()].sort()) visit(id);
  return order;
}

function referenceTo(m: ResolvedModel, target: string): { file: string; line: number } {
  const ref = m.inferred.find((r) => r.id === target);
  if (ref) return ref;
  const i = (m.header.depends_on ?? []).indexOf(target);
  if (i >= 0) return { file: m.file, line: m.located.lineAt(["depends_on", i]) };
  const test = m.tests.find((t) => testReferences(t).includes(target));
  return test ? { file: test.file, line: test.line } : { file: m.file, line: m.block.firstLine };
}
