// Billing checks: invoices whose billed amount differs from the recomputed one, by size of the
// difference, posting mode and staff user; in the audit build the invoices themselves, each drilling
// down to the contributors behind it. Coverage gaps (engaged, not declared, so not billed) too.
import type { BillingData, DifferenceCounts, InvoiceRow } from "../../pipelines/publish/page-data/billing.ts";
import type { BillingSummary } from "../../pipelines/publish/page-data/overview.ts";
import { bars, linesOverTime } from "./charts.js";
import type { Ctx } from "./context.js";
import { figure, h, section } from "./dom.js";
import { amount, integer, month, sar } from "./format.js";
import { code } from "./i18n.js";
import { employerLink } from "./links.js";
import { type Column, dataTable } from "./table.js";
import { param, setParams } from "./url.js";
import { fetchPage, pagedTable } from "./paged.js";
import { showEvidence } from "./billing-evidence.js";

/** A field of a row as text (null stays null). */
const s = <R>(r: R, k: keyof R) => (r[k] === null || r[k] === undefined ? null : String(r[k]));

function summaryCards(ctx: Ctx, b: BillingSummary): HTMLElement {
  const card = (label: string, text: string, value: string | number, key: string) =>
    h("div", { class: "card" }, h("h3", {}, label), h("div", { class: "lead" }, figure(text, value, { "data-figure": key })));
  return h(
    "div",
    { class: "grid-kpis" },
    card(ctx.w("invoices"), integer(b.invoices, ctx.lang, ctx.digits), b.invoices, "invoices"),
    card(
      ctx.w("invoices.with_difference"),
      integer(b.active_with_difference, ctx.lang, ctx.digits),
      b.active_with_difference,
      "with-difference",
    ),
    card(ctx.w("difference.abs"), sar(b.abs_difference, ctx.lang, ctx.digits), b.abs_difference, "abs-difference"),
    card(ctx.w("difference.net"), sar(b.net_difference, ctx.lang, ctx.digits), b.net_difference, "net-difference"),
    card(ctx.w("invoices.corrected"), integer(b.cancelled_with_difference, ctx.lang, ctx.digits), b.cancelled_with_difference, "corrected"),
  );
}

const numberColumns = (ctx: Ctx): Column<DifferenceCounts>[] => [
  {
    key: "invoices",
    label: ctx.w("invoices"),
    numeric: true,
    show: (r) => integer(r.invoices, ctx.lang, ctx.digits),
  },
  {
    key: "with_difference",
    label: ctx.w("invoices.with_difference"),
    numeric: true,
    show: (r) => integer(r.with_difference, ctx.lang, ctx.digits),
  },
  {
    key: "abs_difference",
    label: ctx.w("difference.abs"),
    numeric: true,
    show: (r) => amount(r.abs_difference, ctx.lang, ctx.digits),
  },
];

export function renderBilling(ctx: Ctx, b: BillingData): HTMLElement {
  const root = h("div", { class: "tahseel-page", "data-page": "billing" });
  const evidence = h("div", { id: "evidence" });
  const byBand = section(
    "bands",
    ctx.w("difference.band"),
    bars(
      b.by_band.map((r) => ({ label: code(ctx.lang, r.band), value: r.abs_difference })),
      ctx.w("difference.band"),
    ),
    dataTable({
      lang: ctx.lang,
      csv: "differences-by-size",
      columns: [
        { key: "band", label: ctx.w("difference.band"), show: (r) => code(ctx.lang, r.band) },
        {
          key: "invoices",
          label: ctx.w("invoices"),
          numeric: true,
          show: (r) => integer(r.invoices, ctx.lang, ctx.digits),
        },
        {
          key: "abs_difference",
          label: ctx.w("difference.abs"),
          numeric: true,
          show: (r) => amount(r.abs_difference, ctx.lang, ctx.digits),
        },
      ],
      rows: b.by_band,
    }),
  );
  const byPosting = section(
    "posting",
    ctx.w("posting"),
    dataTable({
      lang: ctx.lang,
      csv: "differences-by-posting",
      columns: [{ key: "posting", label: ctx.w("posting"), show: (r) => code(ctx.lang, r.posting) }, ...numberColumns(ctx)],
      rows: b.by_posting,
    }),
  );
  const byUser = section(
    "users",
    ctx.w("posted_by"),
    dataTable({
      lang: ctx.lang,
      csv: "differences-by-user",
      columns: [
        { key: "posted_by", label: ctx.w("posted_by"), show: (r) => code(ctx.lang, r.posted_by) },
        { key: "posting", label: ctx.w("posting"), show: (r) => code(ctx.lang, r.posting) },
        ...numberColumns(ctx),
      ],
      rows: b.by_user,
    }),
  );
  const byPeriod = section(
    "periods",
    ctx.w("period"),
    dataTable({
      lang: ctx.lang,
      csv: "differences-by-period",
      columns: [{ key: "period", label: ctx.w("period"), show: (r) => month(r.period, ctx.lang, ctx.digits) }, ...numberColumns(ctx)],
      rows: [...b.by_period].reverse(),
      limit: 24,
    }),
  );
  const list = h("div", { id: "invoice-list" });
  const invoices = b.invoices ? section("invoices", ctx.w("invoices.with_difference"), list, evidence) : null;
  const chosen = param("invoice");
  if (b.invoices)
    void fetchPage<InvoiceRow>(b.invoices.base).then((first) => {
      const page = first ?? { total: 0, pages: 1, page: 0, rows: [] };
      list.replaceChildren(
        pagedTable(ctx, b.invoices!.base, page, {
          csv: "invoices-with-difference",
          columns: [
            // the contributors behind an invoice are exported for the largest differences (the first page)
            {
              key: "invoice_id",
              label: ctx.w("invoice_id"),
              show: (r) =>
                r.evidence
                  ? h(
                      "button",
                      {
                        type: "button",
                        class: "linkish",
                        "data-invoice": s(r, "invoice_id"),
                        onclick: () => {
                          setParams({ invoice: s(r, "invoice_id") });
                          void showEvidence(ctx, evidence, s(r, "invoice_id")!);
                        },
                      },
                      s(r, "invoice_id"),
                    )
                  : s(r, "invoice_id"),
            },
            { key: "employer_id", label: ctx.w("employer"), show: (r) => employerLink(ctx, r) },
            {
              key: "period",
              label: ctx.w("period"),
              show: (r) => (s(r, "period") ? month(s(r, "period")!, ctx.lang, ctx.digits) : "—"),
            },
            {
              key: "invoice_type",
              label: ctx.w("invoice_type"),
              show: (r) => code(ctx.lang, s(r, "invoice_type")),
            },
            { key: "posting", label: ctx.w("posting"), show: (r) => code(ctx.lang, s(r, "posting")) },
            { key: "posted_by", label: ctx.w("posted_by"), show: (r) => code(ctx.lang, s(r, "posted_by")) },
            {
              key: "billed_amount",
              label: ctx.w("billed"),
              numeric: true,
              show: (r) => amount(s(r, "billed_amount"), ctx.lang, ctx.digits),
            },
            {
              key: "expected_amount",
              label: ctx.w("expected"),
              numeric: true,
              show: (r) => amount(s(r, "expected_amount"), ctx.lang, ctx.digits),
            },
            {
              key: "difference",
              label: ctx.w("difference"),
              numeric: true,
              show: (r) => amount(s(r, "difference"), ctx.lang, ctx.digits),
            },
            { key: "cancelled", label: ctx.w("status"), show: (r) => (r.cancelled ? ctx.w("cancelled") : "") },
          ],
          highlight: (r) => r.invoice_id === param("invoice"),
        }),
      );
      if (chosen && page.rows.some((r) => r.invoice_id === chosen && r.evidence)) void showEvidence(ctx, evidence, chosen);
    });
  const coverage = section(
    "coverage",
    ctx.w("overview.coverage"),
    h("p", { class: "hint" }, ctx.w("coverage.explain")),
    linesOverTime(
      ctx,
      b.coverage.by_period.map((r) => ({
        period: r.period,
        series: ctx.w("overview.coverage"),
        value: String(r.gaps),
      })),
      { label: ctx.w("overview.coverage"), height: 200 },
    ),
    b.coverage.gaps
      ? dataTable({
          lang: ctx.lang,
          csv: "coverage-gaps",
          columns: [
            {
              key: "period",
              label: ctx.w("period"),
              show: (r) => (s(r, "period") ? month(s(r, "period")!, ctx.lang, ctx.digits) : "—"),
            },
            { key: "employer_id", label: ctx.w("employer"), show: (r) => employerLink(ctx, r) },
            { key: "contributor_id", label: ctx.w("contributor_id") },
            { key: "days_covered", label: ctx.w("days_covered"), numeric: true },
          ],
          rows: b.coverage.gaps,
          limit: 30,
        })
      : dataTable({
          lang: ctx.lang,
          csv: "coverage-gaps-by-month",
          columns: [
            {
              key: "period",
              label: ctx.w("period"),
              show: (r) => (s(r, "period") ? month(s(r, "period")!, ctx.lang, ctx.digits) : "—"),
            },
            { key: "gaps", label: ctx.w("count"), numeric: true },
            { key: "employers", label: ctx.w("employers"), numeric: true },
          ],
          rows: [...b.coverage.by_period].reverse(),
        }),
  );
  root.append(
    h("h1", {}, ctx.w("page.billing")),
    h("p", { class: "subtitle" }, ctx.w("billing.explain")),
    summaryCards(ctx, b.summary),
    byBand,
    byPosting,
    byUser,
    byPeriod,
    invoices ?? "",
    coverage,
  );
  return root;
}
