// Data health for analysts: freshness per source, loads and rejections, quarantine reasons, model
// test results, runs and their input files, KPI definitions, the model catalogue with its lineage
// graph, and the data dictionary. ?kpi=, ?model= and ?run= point at a row.
import type { Catalog } from "../../pipelines/engine/catalog.ts";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { integer, riyadhTime, shortDate } from "./format.js";
import { code } from "./i18n.js";
import { catalogueSection, ident, kpiSection, pill, testSeverity } from "./health-catalogue.js";
import { objectionIssuesSection } from "./health-objections.js";
import { dataTable } from "./table.js";
import { param } from "./url.js";
import { fetchPage, pagedTable } from "./paged.js";
import type { HealthData, RunInput } from "../../pipelines/publish/page-data/health.ts";

/** A field of a row as text ("" for none). */
const str = <R>(r: R, k: keyof R) => (r[k] === null || r[k] === undefined ? "" : String(r[k]));
/**
 * A message the pipeline wrote (a rejection's reason): written in English by the ingest, so marked
 * as English and laid out left to right on the Arabic page rather than mistranslated.
 */
const pipelineText = (text: string) => h("span", { lang: "en", dir: "ltr" }, text);
/** A moment from the warehouse (UTC ISO) in Riyadh time, the one style for moments. */
const at =
  <R>(ctx: Ctx, k: keyof R) =>
  (r: R) =>
    riyadhTime(str(r, k) || null, ctx.lang, ctx.digits);

export type { HealthData };

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
        { key: "entity", label: ctx.w("entity"), show: (r) => code(ctx.lang, str(r, "entity")) },
        { key: "last_delivery_created_at", label: ctx.w("last_delivery"), show: at(ctx, "last_delivery_created_at") },
        { key: "last_loaded_at", label: ctx.w("last_loaded"), show: at(ctx, "last_loaded_at") },
        {
          key: "age_days",
          label: ctx.w("age_days"),
          numeric: true,
          value: (r) => ageDays(str(r, "last_delivery_created_at"), builtAt),
        },
        { key: "files", label: ctx.w("files"), numeric: true },
        {
          key: "rows_loaded",
          label: ctx.w("rows"),
          numeric: true,
          show: (r) => integer(str(r, "rows_loaded") || null, ctx.lang, ctx.digits),
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
        { key: "entity", label: ctx.w("entity"), show: (r) => code(ctx.lang, str(r, "entity")) },
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
        { key: "reason", label: ctx.w("reason"), show: (r) => pipelineText(str(r, "reason")) },
        { key: "happened_at", label: ctx.w("last_loaded"), show: at(ctx, "happened_at") },
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
        { key: "entity", label: ctx.w("entity"), show: (r) => code(ctx.lang, str(r, "entity")) },
        { key: "rule", label: ctx.w("rule"), show: (r) => ident(str(r, "rule")) },
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
                show: (r) => pipelineText(Array.isArray(r.reasons) ? r.reasons.join("; ") : str(r, "reasons")),
              },
              { key: "raw", label: ctx.w("raw"), show: (r) => h("pre", { class: "raw" }, str(r, "raw")) },
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
        { key: "model", label: ctx.w("model"), show: (r) => ident(str(r, "model")) },
        { key: "test", label: ctx.w("test"), show: (r) => ident(str(r, "test")) },
        { key: "severity", label: ctx.w("severity"), show: (r) => testSeverity(ctx, str(r, "severity")) },
        { key: "status", label: ctx.w("result"), show: (r) => pill(ctx, str(r, "status")) },
        { key: "failing_rows", label: ctx.w("failing_rows"), numeric: true },
        { key: "run_id", label: ctx.w("stamp.run"), show: (r) => ident(str(r, "run_id")) },
      ],
      rows: d.tests,
      limit: 200,
    }),
  );
  const runId = param("run") ?? ctx.site.stamp.run_id;
  const inputs = h("div", { id: "run-inputs" });
  void fetchPage<RunInput>(d.run_inputs.paged.base).then((first) =>
    inputs.replaceChildren(
      pagedTable(ctx, d.run_inputs.paged.base, first ?? { total: 0, pages: 1, page: 0, rows: [] }, {
        csv: `inputs-${d.run_inputs.run_id}`,
        columns: [
          { key: "file", label: ctx.w("file") },
          { key: "sha256", label: "sha256", show: (r) => h("code", {}, str(r, "sha256")) },
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
        { key: "run_id", label: ctx.w("stamp.run"), show: (r) => ident(str(r, "run_id")) },
        { key: "job", label: ctx.w("job") },
        { key: "started_at", label: ctx.w("started_at"), show: at(ctx, "started_at") },
        { key: "status", label: ctx.w("status"), show: (r) => pill(ctx, str(r, "status")) },
        { key: "as_of", label: ctx.w("as_of"), show: (r) => shortDate(str(r, "as_of") || null, ctx.lang) },
        { key: "steps", label: ctx.w("steps"), show: (r) => (Array.isArray(r.steps) ? r.steps.join(" · ") : "") },
        { key: "inputs", label: ctx.w("inputs"), numeric: true },
        { key: "git_sha", label: "git", show: (r) => str(r, "git_sha").slice(0, 10) },
      ],
      rows: d.runs,
      highlight: (r) => r.run_id === runId,
      rowAttrs: (r) => ({ "data-run": str(r, "run_id") }),
    }),
    h("h3", {}, `${ctx.w("health.inputs")} ${d.run_inputs.run_id}`),
    inputs,
  );
  return h(
    "div",
    { class: "tahseel-page", "data-page": "health" },
    h("h1", {}, ctx.w("page.health")),
    freshness,
    loads,
    quarantine,
    objectionIssuesSection(ctx, d.objection_issues),
    tests,
    runs,
    kpiSection(ctx, catalog),
    catalogueSection(ctx, catalog),
  );
}
