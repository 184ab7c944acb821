// When is a model up to date? Its fingerprint covers its code (file text, tests, parameter values)
// and the versions of everything it reads; if the stored fingerprint matches and the table exists,
// building it again would produce the same table, so the engine skips it.
import { createHash } from "node:crypto";
import { listValue, LIST, VARCHAR, type DuckDBConnection } from "@duckdb/node-api";
import { ident, queryRows } from "../lib/duckdb.ts";
import type { ResolvedModel } from "./model.ts";
import type { BoundParam } from "./params.ts";

/** Bumped when the engine changes how it materializes, so every model is rebuilt once. */
const ENGINE_VERSION = "1";

export const digest = (...parts: unknown[]) => createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);

/**
 * The model's code: its file, tests and the parameters its SQL body reads. For an incremental model
 * the parameters read only by its `periods` query are left out: a new as-of date adds periods, it
 * does not make the built ones wrong.
 */
export function codeFingerprint(model: ResolvedModel, params: readonly BoundParam[]): string {
  const periodOnly = periodOnlyParams(model);
  const used = params.filter((p) => !periodOnly.has(p.name)).map((p) => [p.name, p.type, p.value]);
  return digest(
    ENGINE_VERSION,
    model.language,
    model.text,
    model.tests.map(({ file: _f, line: _l, ...t }) => t),
    used,
  );
}

export function periodOnlyParams(model: ResolvedModel): Set<string> {
  const elsewhere = new Set(model.variables.map((v) => v.id));
  return new Set(model.periodVariables.filter((n) => !elsewhere.has(n)));
}

/** The whole fingerprint: code, period-only parameters, and the version of each table read. */
export function fullFingerprint(
  model: ResolvedModel,
  code: string,
  params: readonly BoundParam[],
  upstreamVersions: Record<string, string>,
): string {
  const periodOnly = periodOnlyParams(model);
  const periodParams = params.filter((p) => periodOnly.has(p.name)).map((p) => [p.name, p.value]);
  const inputs = [...model.upstream, ...model.sources].sort().map((id) => [id, upstreamVersions[id] ?? "unknown"]);
  return digest(code, periodParams, inputs);
}

/**
 * A version for each source table, cheap enough to take on every run: row count, newest load and
 * number of closed snapshot versions. Ingest only appends rows and closes versions, so any load
 * that changed a table changes its version.
 */
export async function sourceVersions(connection: DuckDBConnection, sources: readonly string[]): Promise<Record<string, string>> {
  if (sources.length === 0) return {};
  const reader = await connection.runAndReadAll(
    `SELECT schema_name || '.' || table_name AS id, column_name FROM duckdb_columns()
     WHERE database_name = current_database() AND list_contains($ids, schema_name || '.' || table_name)`,
    { ids: listValue([...sources]) },
    { ids: LIST(VARCHAR) },
  );
  const columns = reader.getRowObjectsJS() as { id: string; column_name: string }[];
  const columnsOf = new Map<string, Set<string>>();
  for (const c of columns) columnsOf.set(c.id, (columnsOf.get(c.id) ?? new Set()).add(c.column_name));
  const versions: Record<string, string> = {};
  const parts: string[] = [];
  for (const id of sources) {
    const cols = columnsOf.get(id);
    if (!cols) {
      versions[id] = "missing";
      continue;
    }
    const [schema, table] = id.split(".") as [string, string];
    const exprs = ["count(*)::VARCHAR"];
    if (cols.has("_load_id")) exprs.push("coalesce(max(_load_id)::VARCHAR, '')");
    if (cols.has("_valid_to")) exprs.push("count(_valid_to)::VARCHAR");
    parts.push(
      `SELECT '${id.replaceAll("'", "''")}' AS id, concat_ws(':', ${exprs.join(", ")}) AS version FROM ${ident(schema)}.${ident(table)}`,
    );
  }
  if (parts.length)
    for (const r of await queryRows<{ id: string; version: string }>(connection, parts.join("\nUNION ALL\n"))) versions[r.id] = r.version;
  return versions;
}
