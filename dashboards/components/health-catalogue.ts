// The data health page's reference half: the KPI definitions (from the KPI catalogue), the model
// catalogue with its lineage graph, and the data dictionary. Descriptions are shown in the page's
// language when the model header gives one (description_ar), else in English, marked as English so
// the browser lays it out left to right.
import type { Catalog, CatalogNode } from "../../pipelines/engine/catalog.ts";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { riyadhTime } from "./format.js";
import { code } from "./i18n.js";
import { KPIS, kpiDefinition, kpiEntry, kpiLabel } from "./kpi-catalogue.js";
import { lineageGraph, nodeById } from "./lineage.js";
import { dataTable } from "./table.js";
import { param, setParams } from "./url.js";

/** A name from the code (a model, a test, a run id): kept left to right inside Arabic text. */
export const ident = (text: string) => h("code", { dir: "ltr" }, text);
/** A test's severity: whether its failure stops the build. */
export const testSeverity = (ctx: Ctx, severity: string) => ctx.w(`test.${severity}`);
export const pill = (ctx: Ctx, v: string) => h("span", { class: `pill ${v}` }, code(ctx.lang, v));

/** A description in the page's language: the Arabic text where the header has one. */
type Described = { description: string; description_ar?: string | null };
function described(ctx: Ctx, d: Described): HTMLElement | string {
  if (ctx.lang === "ar" && d.description_ar) return d.description_ar;
  return ctx.lang === "ar" ? h("span", { lang: "en", dir: "ltr" }, d.description) : d.description;
}
const describedText = (ctx: Ctx, d: Described) => (ctx.lang === "ar" && d.description_ar ? d.description_ar : d.description);
const builtText = (ctx: Ctx, n: CatalogNode | undefined) =>
  n?.last_built ? `${riyadhTime(n.last_built.at, ctx.lang, ctx.digits)} · ${n.last_built.run_id}` : "";

/** Every catalogued KPI with its definition, unit, better direction, model and the raw sources behind it. */
export function kpiSection(ctx: Ctx, catalog: Catalog): HTMLElement {
  const chosenKpi = param("kpi");
  return section(
    "kpis",
    ctx.w("health.kpis"),
    dataTable({
      lang: ctx.lang,
      csv: "kpi-definitions",
      columns: [
        { key: "kpi", label: ctx.w("kpi"), show: (r: { kpi: string }) => kpiLabel(ctx.lang, r.kpi) },
        { key: "definition", label: ctx.w("definition"), value: (r) => kpiDefinition(ctx.lang, r.kpi) },
        { key: "unit", label: ctx.w("unit"), value: (r) => code(ctx.lang, kpiEntry(r.kpi)?.unit) },
        { key: "better", label: ctx.w("better"), value: (r) => ctx.w(`better.${kpiEntry(r.kpi)?.better}`) },
        { key: "model", label: ctx.w("model"), value: (r) => kpiEntry(r.kpi)?.model, show: (r) => ident(kpiEntry(r.kpi)?.model ?? "") },
        { key: "sources", label: ctx.w("sources"), value: (r) => upstreamSources(catalog, kpiEntry(r.kpi)?.model ?? "").join(", ") },
        { key: "last_built", label: ctx.w("last_built"), value: (r) => builtText(ctx, nodeById(catalog, kpiEntry(r.kpi)?.model ?? null)) },
      ],
      rows: KPIS.map((kpi) => ({ kpi })),
      highlight: (r) => r.kpi === chosenKpi,
      rowAttrs: (r) => ({ id: `kpi-${r.kpi}`, "data-kpi": r.kpi }),
    }),
  );
}

/** Every raw table a model reads, however indirectly. */
function upstreamSources(catalog: Catalog, id: string): string[] {
  const seen = new Set<string>();
  const visit = (n: string) => {
    for (const u of nodeById(catalog, n)?.upstream ?? [])
      if (!seen.has(u)) {
        seen.add(u);
        visit(u.replace(/_current$/, ""));
      }
  };
  visit(id);
  return [...seen].filter((s) => s.startsWith("raw.")).sort();
}

export function catalogueSection(ctx: Ctx, catalog: Catalog): HTMLElement {
  const detail = h("div", { class: "node-detail" });
  const graph = h("div", { class: "lineage", dir: "ltr" });
  const draw = () => {
    const chosen = nodeById(catalog, param("model")) ?? nodeById(catalog, "marts.kpi_monthly") ?? catalog.nodes[0];
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
    n.columns.map((c) => ({ table: n.id, column: c.name, type: c.type, description: describedText(ctx, c), source: c as Described })),
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
          { key: "table", label: ctx.w("model"), show: (r) => ident(r.table) },
          { key: "column", label: ctx.w("column") },
          { key: "type", label: ctx.w("type") },
          { key: "description", label: ctx.w("description"), show: (r) => described(ctx, r.source) },
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
    h("p", {}, described(ctx, n as Described)),
    n.grain ? h("p", {}, h("b", {}, `${ctx.w("grain")}: `), n.grain) : "",
    h("p", {}, h("b", {}, `${ctx.w("upstream")}: `), n.upstream.join(", ") || "—"),
    h("p", {}, h("b", {}, `${ctx.w("downstream")}: `), n.downstream.join(", ") || "—"),
    n.last_built ? h("p", {}, h("b", {}, `${ctx.w("last_built")}: `), builtText(ctx, n)) : "",
    dataTable({
      lang: ctx.lang,
      csv: `columns-${n.id}`,
      columns: [
        { key: "name", label: ctx.w("column") },
        { key: "type", label: ctx.w("type") },
        { key: "description", label: ctx.w("description"), value: (c) => describedText(ctx, c), show: (c) => described(ctx, c) },
      ],
      rows: n.columns,
      limit: 60,
    }),
    n.tests.length
      ? dataTable({
          lang: ctx.lang,
          csv: `tests-${n.id}`,
          columns: [
            { key: "name", label: ctx.w("test"), show: (t) => ident(t.name) },
            { key: "severity", label: ctx.w("severity"), show: (t) => testSeverity(ctx, t.severity) },
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
