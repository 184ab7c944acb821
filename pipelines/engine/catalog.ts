// The model catalogue as data: every model and every extract table, with descriptions, columns,
// tests and their last result, and the edges between them — what the dashboards draw as a lineage
// graph and list as a data dictionary. Extract columns come from the contracts, never re-listed.
import type { DuckDBConnection } from "@duckdb/node-api";
import { columnsOf, ENTITIES } from "../contracts/index.ts";
import { queryRows } from "../lib/duckdb.ts";
import type { Project } from "./graph.ts";
import { columnDocs } from "./header.ts";

export interface CatalogColumn {
  name: string;
  description: string;
  /** The description in Arabic (the header's `description_ar`), null where none is written. */
  description_ar: string | null;
  type: string | null;
  key?: boolean;
  nullable?: boolean;
}

export interface CatalogTest {
  name: string;
  kind: string;
  severity: string;
  last_result: { status: string; failing_rows: number; checked_at: string; run_id: string } | null;
}

export interface CatalogNode {
  id: string;
  kind: "model" | "source";
  layer: string;
  name: string;
  description: string;
  /** The model's description in Arabic (the header's `description_ar`), null where none is written. */
  description_ar: string | null;
  grain: string | null;
  materialized: string | null;
  file: string | null;
  columns: CatalogColumn[];
  tests: CatalogTest[];
  params: string[];
  upstream: string[];
  downstream: string[];
  last_built: { at: string; run_id: string; rows: number | null } | null;
}

export interface Catalog {
  generated_at: string;
  nodes: CatalogNode[];
  edges: { from: string; to: string }[];
}

export async function buildCatalog(project: Project, connection: DuckDBConnection | undefined, now: Date): Promise<Catalog> {
  const facts = connection ? await warehouseFacts(connection) : { types: new Map(), tests: new Map(), builds: new Map() };
  const nodes: CatalogNode[] = [];
  const sourceDownstream = new Map<string, string[]>();
  for (const id of project.order) {
    const m = project.models.get(id)!;
    for (const s of m.sources) sourceDownstream.set(s, [...(sourceDownstream.get(s) ?? []), id]);
    nodes.push({
      id,
      kind: "model",
      layer: m.layer,
      name: m.name,
      description: m.header.description,
      description_ar: m.header.description_ar ?? null,
      grain: m.header.grain,
      materialized: m.header.materialized,
      file: m.file,
      columns: columnDocs(m.header).map((c) => ({
        name: c.name,
        description: c.description,
        description_ar: c.description_ar ?? null,
        type: facts.types.get(`${id}.${c.name}`) ?? c.type ?? null,
      })),
      tests: m.tests.map((t) => ({
        name: t.name,
        kind: t.kind,
        severity: t.severity,
        last_result: facts.tests.get(`${id}|${t.name}`) ?? null,
      })),
      params: Object.keys(m.params),
      upstream: [...m.upstream, ...m.sources].sort(),
      downstream: project.downstream.get(id) ?? [],
      last_built: facts.builds.get(id) ?? null,
    });
  }
  for (const entity of ENTITIES) {
    const id = `raw.${entity.name}`;
    const downstream = [...(sourceDownstream.get(id) ?? []), ...(sourceDownstream.get(`${id}_current`) ?? [])];
    nodes.push({
      id,
      kind: "source",
      layer: "raw",
      name: entity.name,
      description: entity.doc,
      description_ar: null,
      grain: entity.kind === "snapshot" ? "one row per version of a key (_valid_to NULL = current)" : "one row per event",
      materialized: null,
      file: null,
      columns: columnsOf(entity).map((c) => ({
        name: c.name,
        description: c.doc,
        description_ar: null,
        type: c.duckdbType,
        key: c.key ?? false,
        nullable: c.nullable,
      })),
      tests: [],
      params: [],
      upstream: [],
      downstream: [...new Set(downstream)].sort(),
      last_built: null,
    });
  }
  const listed = new Set(nodes.map((n) => n.id));
  for (const [id, downstream] of sourceDownstream) {
    const table = id.replace(/_current$/, "");
    if (listed.has(table)) continue;
    listed.add(table);
    const [layer, name] = table.split(".") as [string, string];
    nodes.push({
      id: table,
      kind: "source",
      layer,
      name,
      description: `${layer} table written by the pipeline`,
      description_ar: `جدول في المخطط ${layer} يكتبه خط المعالجة`,
      grain: null,
      materialized: null,
      file: null,
      columns: [],
      tests: [],
      params: [],
      upstream: [],
      downstream,
      last_built: null,
    });
  }
  const edges = nodes.flatMap((n) =>
    n.kind === "model" ? n.upstream.map((from) => ({ from: from.replace(/_current$/, ""), to: n.id })) : [],
  );
  return { generated_at: now.toISOString(), nodes, edges };
}

async function warehouseFacts(connection: DuckDBConnection) {
  const types = new Map<string, string>();
  for (const r of await queryRows<{ id: string; type: string }>(
    connection,
    "SELECT schema_name || '.' || table_name || '.' || column_name AS id, data_type AS type FROM duckdb_columns() WHERE database_name = " +
      "current_database() AND schema_name IN ('staging', 'core', 'marts')",
  ))
    types.set(r.id, r.type);
  const tests = new Map<string, CatalogTest["last_result"]>();
  const builds = new Map<string, CatalogNode["last_built"]>();
  const present = new Set(
    (await queryRows<{ t: string }>(connection, "SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'audit'")).map((r) => r.t),
  );
  if (present.has("test_results"))
    for (const r of await queryRows<{
      model: string;
      test: string;
      status: string;
      failing_rows: number;
      checked_at: string;
      run_id: string;
    }>(
      connection,
      "SELECT model, test, status, failing_rows, checked_at, run_id FROM audit.test_results QUALIFY row_number() OVER (PARTITION BY " +
        "model, test ORDER BY checked_at DESC) = 1",
    ))
      tests.set(`${r.model}|${r.test}`, {
        status: r.status,
        failing_rows: r.failing_rows,
        checked_at: r.checked_at,
        run_id: r.run_id,
      });
  if (present.has("model_state"))
    for (const r of await queryRows<{ model: string; built_at: string; run_id: string; rows: number | null }>(
      connection,
      "SELECT model, built_at, run_id, rows FROM audit.model_state",
    ))
      builds.set(r.model, { at: r.built_at, run_id: r.run_id, rows: r.rows });
  return { types, tests, builds };
}
