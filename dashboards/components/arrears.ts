// The arrears half of the collections page: the ageing table at a month-end, with (audit build) the
// drill-down to the employers of a cell, and the suspension candidates of that date.
import type { ArrearsEmployerRow } from "../../pipelines/publish/page-data/collections.ts";
import type { Bucket, SeverityRow, SuspensionRow, SuspensionSummary } from "../../pipelines/publish/page-data/overview.ts";
import { ageingChart, BUCKET_ORDER } from "./charts.js";
import type { Ctx } from "./context.js";
import { figure, h, section } from "./dom.js";
import { amount, gregorian, integer, sar, shortDate } from "./format.js";
import { code } from "./i18n.js";
import { employerLink } from "./links.js";
import { fetchPage, pagedTable } from "./paged.js";
import { NOUNS, plural } from "./plural.js";
import { dataTable } from "./table.js";
import { fetchShard, setParams } from "./url.js";

type DrillRow = ArrearsEmployerRow;

const SEVERITIES = ["critical", "high", "medium", "low", "none"];

export function ageingSection(
  ctx: Ctx,
  ageing: SeverityRow[],
  s: { asOf: string; severity: string | null; bucket: string | null },
  rerender: () => void,
): HTMLElement {
  const rows = ageing.filter((a) => a.as_of === s.asOf);
  const cell = (severity: string, bucket: string | null, text: string, raw: string | number) => {
    const chosen = s.severity === severity && (s.bucket ?? null) === bucket;
    // drilling to employers is detail: only the audit build has it
    const content = ctx.audit
      ? h(
          "button",
          {
            type: "button",
            "data-severity": severity,
            "data-bucket": bucket ?? "",
            onclick: () => {
              setParams({ severity, bucket });
              rerender();
              document.getElementById("drill")?.scrollIntoView();
            },
          },
          text,
        )
      : text;
    return h("td", { class: `num${chosen ? " selected" : ""}`, "data-value": String(raw) }, content);
  };
  const table = h(
    "table",
    { class: "ageing" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", {}, ctx.w("severity")),
        h("th", { class: "num" }, ctx.w("employers")),
        BUCKET_ORDER.map((b) => h("th", { class: "num" }, code(ctx.lang, b))),
        h("th", { class: "num" }, ctx.w("past_due")),
        h("th", { class: "num" }, ctx.w("disputed")),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((r) =>
        h(
          "tr",
          { "data-severity": r.severity },
          h("th", {}, code(ctx.lang, r.severity)),
          cell(r.severity, null, integer(r.employers, ctx.lang, ctx.digits), r.employers),
          BUCKET_ORDER.map((b) => cell(r.severity, b, amount(r[b], ctx.lang, ctx.digits), r[b])),
          h("td", { class: "num", "data-value": r.past_due }, amount(r.past_due, ctx.lang, ctx.digits)),
          h("td", { class: "num", "data-value": r.disputed }, amount(r.disputed, ctx.lang, ctx.digits)),
        ),
      ),
    ),
  );
  const drill = h("div", { id: "drill" });
  if (ctx.audit) {
    if (s.severity && SEVERITIES.includes(s.severity)) {
      const bucket = BUCKET_ORDER.find((b) => b === s.bucket) ?? null;
      void fillDrill(ctx, drill, s.asOf, s.severity, bucket);
    } else drill.append(h("p", { class: "hint" }, ctx.w("ageing.drill.hint")));
  }
  return section(
    "ageing",
    `${ctx.w("ageing.table")} — ${gregorian(s.asOf, ctx.lang, ctx.digits)}`,
    ageingChart(ctx, rows, ctx.w("overview.ageing")),
    h("div", { class: "table-scroll" }, table),
    drill,
  );
}

async function fillDrill(ctx: Ctx, target: HTMLElement, asOf: string, severity: string, bucket: Bucket | null): Promise<void> {
  const all = (await fetchShard<DrillRow[]>(`ageing/${asOf}/${severity}.json`)) ?? [];
  const rows = bucket ? all.filter((r) => Number(r[bucket]) !== 0) : all;
  const picked = `${code(ctx.lang, severity)}${bucket ? ` · ${code(ctx.lang, bucket)}` : ""}`;
  target.replaceChildren(
    h("h3", {}, `${ctx.w("ageing.drill")}: ${picked} (${integer(rows.length, ctx.lang, ctx.digits)})`),
    h("p", { class: "hint" }, ctx.w("ageing.limited")),
    dataTable({
      lang: ctx.lang,
      csv: `arrears-${asOf}-${severity}${bucket ? `-${bucket}` : ""}`,
      columns: [
        { key: "employer_id", label: ctx.w("employer"), show: (r: DrillRow) => employerLink(ctx, r) },
        { key: "region", label: ctx.w("region"), show: (r) => code(ctx.lang, r.region) },
        ...(bucket
          ? [
              {
                key: bucket,
                label: code(ctx.lang, bucket),
                numeric: true,
                show: (r: DrillRow) => amount(r[bucket], ctx.lang, ctx.digits),
              },
            ]
          : []),
        {
          key: "past_due",
          label: ctx.w("past_due"),
          numeric: true,
          show: (r) => amount(r.past_due, ctx.lang, ctx.digits),
        },
        {
          key: "outstanding",
          label: ctx.w("outstanding"),
          numeric: true,
          show: (r) => amount(r.outstanding, ctx.lang, ctx.digits),
        },
        {
          key: "max_days_past_due",
          label: ctx.w("days_past_due"),
          numeric: true,
          show: (r) => integer(r.max_days_past_due, ctx.lang, ctx.digits),
        },
      ],
      rows,
      limit: 50,
    }),
  );
}

export function suspensionSection(ctx: Ctx, byDate: Record<string, SuspensionSummary>, asOf: string): HTMLElement {
  const summary = byDate[asOf];
  const body = h("div");
  if (summary) {
    body.append(
      h(
        "p",
        { class: "lead" },
        figure(plural(summary.employers, NOUNS.employer, ctx.lang, ctx.digits), summary.employers),
        " · ",
        figure(sar(summary.past_due_undisputed, ctx.lang, ctx.digits), summary.past_due_undisputed),
      ),
      dataTable({
        lang: ctx.lang,
        csv: `suspension-by-region-${asOf}`,
        columns: [
          {
            key: "region",
            label: ctx.w("region"),
            show: (r: SuspensionSummary["by_region"][number]) => code(ctx.lang, r.region),
          },
          {
            key: "employers",
            label: ctx.w("employers"),
            numeric: true,
            show: (r) => integer(r.employers, ctx.lang, ctx.digits),
          },
          {
            key: "past_due_undisputed",
            label: ctx.w("past_due"),
            numeric: true,
            show: (r) => amount(r.past_due_undisputed, ctx.lang, ctx.digits),
          },
        ],
        rows: summary.by_region,
      }),
    );
    if (ctx.audit && summary.employers > 0)
      void fetchPage<SuspensionRow>(`suspension/${asOf}`).then((first) =>
        body.append(
          pagedTable(ctx, `suspension/${asOf}`, first ?? { total: 0, pages: 1, page: 0, rows: [] }, {
            csv: `suspension-${asOf}`,
            columns: [
              { key: "employer_id", label: ctx.w("employer"), show: (r: SuspensionRow) => employerLink(ctx, r) },
              { key: "region", label: ctx.w("region"), show: (r) => code(ctx.lang, r.region) },
              {
                key: "past_due_undisputed",
                label: ctx.w("past_due"),
                numeric: true,
                show: (r) => amount(r.past_due_undisputed, ctx.lang, ctx.digits),
              },
              { key: "oldest_due_on", label: ctx.w("due_on"), show: (r) => shortDate(r.oldest_due_on, ctx.lang) },
              {
                key: "days_past_due",
                label: ctx.w("days_past_due"),
                numeric: true,
                show: (r) => integer(r.days_past_due, ctx.lang, ctx.digits),
              },
            ],
          }),
        ),
      );
  }
  return section(
    "suspension",
    `${ctx.w("overview.suspension")} — ${gregorian(asOf, ctx.lang, ctx.digits)}`,
    h("p", { class: "hint" }, ctx.w("suspension.explain")),
    body,
  );
}
