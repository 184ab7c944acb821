// Data health for analysts: freshness per source, loads and rejections, quarantine reasons, model
// test results, runs and their input files, KPI definitions, the model catalogue with its lineage
// graph, and the data dictionary. ?kpi=, ?model= and ?run= point at a row.
import type { Catalog, CatalogNode } from "../../pipelines/engine/catalog.ts";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { integer } from "./format.js";
import { code, kpiDefinition, kpiLabel, KPI_DEFINITIONS } from "./i18n.js";
import { KPI_MODEL } from "./kpi.js";
import { lineageGraph, nodeById } from "./lineage.js";
import { dataTable } from "./table.js";
import { param, setParams } from "./url.js";
import { fetchPage, pagedTable } from "./paged.js";
import type { PagedList } from "../../pipelines/publish/export/paged.ts";

type Row = Record<string, unknown>;
const str = (r: Row, k: string) => (r[k] === null || r[k] === undefined ? "" : String(r[k]));
const pill = (ctx: Ctx, v: string) => h("span", { class: `pill ${v}` }, code(ctx.lang, v));

export interface HealthData {
  entities: string[];
  freshness: Row[];
  loads: Row[];
  rejections: Row[];
  quarantine: Row[];
  quarantined_rows?: Row[];
  tests: Row[];
  runs: Row[];
  run_inputs: { run_id: string; paged: PagedList };
}

function ageDays(iso: string, builtAt: string): number | null {
  return iso ? Math.floor((Date.parse(builtAt) - Date.parse(iso)) / 86_400_000) : null;
}

export function renderHealth(ctx: Ctx, d: HealthData, catalog: Catalog): HTMLElement {
  const builtAt = ctx.site.stamp.built_at;
  const fresh = new Map(d.freshness.map((f) => [str(f, "entity"), f]));
  const freshness = section(
    "freshness",
    ctx.w("health.freshness"),
    dataTable({
      lang: ctx.lang,
      csv: "freshness",
      columns: [
        { key: "entity", label: ctx.w("entity") },
        { key: "last_delivery_created_at", label: ctx.w("last_delivery") },
        { key: "last_loaded_at", label: ctx.w("last_loaded") },
        {
          key: "age_days",
          label: ctx.w("age_days"),
          numeric: true,
          value: (r: Row) => ageDays(str(r, "last_delivery_created_at"), builtAt),
        },
        { key: "files", label: ctx.w("files"), numeric: true },
        {
          key: "rows_loaded",
          label: ctx.w("rows"),
          numeric: true,
          show: (r: Row) => integer(str(r, "rows_loaded") || null, ctx.lang, ctx.digits),
        },
      ],
      rows: d.entities.map((e) => ({ entity: e, ...(fresh.get(e) ?? {}) })),
    }),
  );
  const loads = section(
    "loads",
    ctx.w("health.loads"),
    dataTable({
      lang: ctx.lang,
      csv: "loads-by-source",
      columns: [
        { key: "entity", label: ctx.w("entity") },
        { key: "files", label: ctx.w("files"), numeric: true },
        { key: "loaded_files", label: ctx.w("loaded"), numeric: true },
        { key: "rejected_files", label: ctx.w("rejected"), numeric: true },
        { key: "duplicate_files", label: ctx.w("duplicates"), numeric: true },
        { key: "rows", label: ctx.w("rows"), numeric: true },
        { key: "loaded", label: ctx.w("loaded"), numeric: true },
        { key: "skipped", label: ctx.w("skipped"), numeric: true },
        { key: "quarantined", label: ctx.w("quarantined"), numeric: true },
      ],
      rows: d.loads,
    }),
    h("h3", {}, ctx.w("health.rejections")),
    dataTable({
      lang: ctx.lang,
      csv: "rejections",
      columns: [
        { key: "delivery_id", label: ctx.w("last_delivery") },
        { key: "file_name", label: ctx.w("file") },
        { key: "reason", label: ctx.w("reason") },
        { key: "happened_at", label: ctx.w("last_loaded") },
      ],
      rows: d.rejections,
    }),
  );
  const quarantine = section(
    "quarantine",
    ctx.w("health.quarantine"),
    dataTable({
      lang: ctx.lang,
      csv: "quarantine-reasons",
      columns: [
        { key: "entity", label: ctx.w("entity") },
        { key: "rule", label: ctx.w("rule") },
        { key: "rows", label: ctx.w("rows"), numeric: true },
      ],
      rows: d.quarantine,
    }),
    d.quarantined_rows
      ? h(
          "div",
          {},
          h("h3", {}, ctx.w("health.quarantined_rows")),
          dataTable({
            lang: ctx.lang,
            csv: "quarantined-rows",
            columns: [
              { key: "file_name", label: ctx.w("file") },
              { key: "line", label: ctx.w("line"), numeric: true },
              {
                key: "reasons",
                label: ctx.w("reason"),
                show: (r: Row) => (Array.isArray(r.reasons) ? r.reasons.join("; ") : str(r, "reasons")),
              },
              { key: "raw", label: ctx.w("raw"), show: (r: Row) => h("pre", { class: "raw" }, str(r, "raw")) },
            ],
            rows: d.quarantined_rows,
            limit: 30,
          }),
        )
      : "",
  );
  const tests = section(
    "tests",
    ctx.w("health.tests"),
    dataTable({
      lang: ctx.lang,
      csv: "model-tests",
      columns: [
        { key: "model", label: ctx.w("model") },
        { key: "test", label: ctx.w("test") },
        { key: "severity", label: ctx.w("severity") },
        { key: "status", label: ctx.w("result"), show: (r: Row) => pill(ctx, str(r, "status")) },
        { key: "failing_rows", label: ctx.w("failing_rows"), numeric: true },
        { key: "run_id", label: ctx.w("stamp.run") },
      ],
      rows: d.tests,
      limit: 200,
    }),
  );
  const runId = param("run") ?? ctx.site.stamp.run_id;
  const inputs = h("div", { id: "run-inputs" });
  void fetchPage<Row>(d.run_inputs.paged.base).then((first) =>
    inputs.replaceChildren(
      pagedTable(ctx, d.run_inputs.paged.base, first ?? { total: 0, pages: 1, page: 0, rows: [] }, {
        csv: `inputs-${d.run_inputs.run_id}`,
        columns: [
          { key: "file", label: ctx.w("file") },
          { key: "sha256", label: "sha256", show: (r: Row) => h("code", {}, str(r, "sha256")) },
        ],
        limit: 20,
      }),
    ),
  );
  const runs = section(
    "runs",
    ctx.w("health.runs"),
    dataTable({
      lang: ctx.lang,
      csv: "runs",
      columns: [
        { key: "run_id", label: ctx.w("stamp.run"), show: (r: Row) => h("code", {}, str(r, "run_id")) },
        { key: "job", label: ctx.w("job") },
        { key: "started_at", label: ctx.w("started_at") },
        { key: "status", label: ctx.w("status"), show: (r: Row) => pill(ctx, str(r, "status")) },
        { key: "as_of", label: ctx.w("as_of") },
        { key: "steps", label: ctx.w("steps"), show: (r: Row) => (Array.isArray(r.steps) ? r.steps.join(" · ") : "") },
        { key: "inputs", label: ctx.w("inputs"), numeric: true },
        { key: "git_sha", label: "git", show: (r: Row) => str(r, "git_sha").slice(0, 10) },
      ],
      rows: d.runs,
      highlight: (r) => r.run_id === runId,
      rowAttrs: (r) => ({ "data-run": str(r, "run_id") }),
    }),
    h("h3", {}, `${ctx.w("health.inputs")} ${d.run_inputs.run_id}`),
    inputs,
  );
  const kpiNode = nodeById(catalog, KPI_MODEL);
  const chosenKpi = param("kpi");
  const kpis = section(
    "kpis",
    ctx.w("health.kpis"),
    dataTable({
      lang: ctx.lang,
      csv: "kpi-definitions",
      columns: [
        { key: "kpi", label: ctx.w("kpi"), show: (r: { kpi: string }) => kpiLabel(ctx.lang, r.kpi) },
        { key: "definition", label: ctx.w("definition"), value: (r) => kpiDefinition(ctx.lang, r.kpi) },
        { key: "model", label: ctx.w("model"), value: () => KPI_MODEL },
        { key: "sources", label: ctx.w("sources"), value: () => upstreamSources(catalog, KPI_MODEL).join(", ") },
        {
          key: "last_built",
          label: ctx.w("last_built"),
          value: () => (kpiNode?.last_built ? `${kpiNode.last_built.at} (${kpiNode.last_built.run_id})` : ""),
        },
      ],
      rows: Object.keys(KPI_DEFINITIONS).map((kpi) => ({ kpi })),
      highlight: (r) => r.kpi === chosenKpi,
      rowAttrs: (r) => ({ id: `kpi-${r.kpi}`, "data-kpi": r.kpi }),
    }),
  );
  return h(
    "div",
    { class: "tahseel-page", "data-page": "health" },
    h("h1", {}, ctx.w("page.health")),
    freshness,
    loads,
    quarantine,
    tests,
    runs,
    kpis,
    catalogueSection(ctx, catalog),
  );
}

/** Every raw table a model reads, however indirectly. */
function upstreamSources(catalog: Catalog, id: string): string[] {
  const seen = new Set<string>();
  const visit = (n: string) => {
    for (const u of nodeById(catalog, n)?.upstream ?? []) {
      if (seen.has(u)) continue;
      seen.add(u);
      visit(u.replace(/_current$/, ""));
    }
  };
  visit(id);
  return [...seen].filter((s) => s.startsWith("raw.")).sort();
}

function catalogueSection(ctx: Ctx, catalog: Catalog): HTMLElement {
  const detail = h("div", { class: "node-detail" });
  const graph = h("div", { class: "lineage", dir: "ltr" });
  const draw = () => {
    const chosen = nodeById(catalog, param("model")) ?? nodeById(catalog, KPI_MODEL) ?? catalog.nodes[0];
    graph.replaceChildren(
      lineageGraph(catalog, chosen?.id ?? null, (id) => {
        setParams({ model: id });
        draw();
      }),
    );
    detail.replaceChildren(chosen ? nodeDetail(ctx, chosen) : "");
  };
  draw();
  const dictionary = catalog.nodes.flatMap((n) =>
    n.columns.map((c) => ({ table: n.id, column: c.name, type: c.type, description: c.description })),
  );
  return h(
    "div",
    {},
    section("catalogue", ctx.w("health.catalogue"), graph, detail),
    section(
      "dictionary",
      ctx.w("health.dictionary"),
      dataTable({
        lang: ctx.lang,
        csv: "data-dictionary",
        columns: [
          { key: "table", label: ctx.w("model") },
          { key: "column", label: ctx.w("column") },
          { key: "type", label: ctx.w("type") },
          { key: "description", label: ctx.w("description") },
        ],
        rows: dictionary,
        limit: 60,
      }),
    ),
  );
}

function nodeDetail(ctx: Ctx, n: CatalogNode): HTMLElement {
  return h(
    "div",
    { class: "card", "data-model": n.id },
    h("h3", {}, n.id),
    h("p", {}, n.description),
    n.grain ? h("p", {}, h("b", {}, `${ctx.w("grain")}: `), n.grain) : "",
    h("p", {}, h("b", {}, `${ctx.w("upstream")}: `), n.upstream.join(", ") || "—"),
    h("p", {}, h("b", {}, `${ctx.w("downstream")}: `), n.downstream.join(", ") || "—"),
    n.last_built ? h("p", {}, h("b", {}, `${ctx.w("last_built")}: `), `${n.last_built.at} · ${n.last_built.run_id}`) : "",
    dataTable({
      lang: ctx.lang,
      csv: `columns-${n.id}`,
      columns: [
        { key: "name", label: ctx.w("column") },
        { key: "type", label: ctx.w("type") },
        { key: "description", label: ctx.w("description") },
      ],
      rows: n.columns,
      limit: 60,
    }),
    n.tests.length
      ? dataTable({
          lang: ctx.lang,
          csv: `tests-${n.id}`,
          columns: [
            { key: "name", label: ctx.w("test") },
            { key: "severity", label: ctx.w("severity") },
            {
              key: "status",
              label: ctx.w("result"),
              value: (t: CatalogNode["tests"][number]) => t.last_result?.status ?? "",
              show: (t) => pill(ctx, t.last_result?.status ?? "—"),
            },
          ],
          rows: n.tests,
        })
      : "",
  );
}
