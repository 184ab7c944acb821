// A billing check's evidence: the contributors behind one invoice, each one's recomputed
// contribution by branch, and who was engaged in the month but not declared.
import type { InvoiceEvidence } from "../../pipelines/publish/page-data/billing.ts";
import type { Ctx } from "./context.js";
import { h } from "./dom.js";
import { amount, integer } from "./format.js";
import { dataTable } from "./table.js";
import { nameOf } from "./links.js";
import { fetchShard } from "./url.js";

/** The contributors behind an invoice: each one's recomputed contribution, and who was engaged but not declared. */
export async function showEvidence(ctx: Ctx, target: HTMLElement, invoiceId: string): Promise<void> {
  const e = await fetchShard<InvoiceEvidence>(`invoices/${invoiceId}.json`);
  if (!e) return;
  const i = e.invoice;
  const branch = (k: "annuities" | "hazards" | "unemployment") => ({
    branch: ctx.w(k),
    billed: i[`billed_${k}`],
    expected: i[`expected_${k}`],
  });
  target.replaceChildren(
    h("h3", {}, `${ctx.w("invoice_id")} ${invoiceId} — ${ctx.w("contributors")} (${integer(e.contributors_total, ctx.lang, ctx.digits)})`),
    dataTable({
      lang: ctx.lang,
      csv: `invoice-${invoiceId}-branches`,
      columns: [
        { key: "branch", label: ctx.w("type") },
        {
          key: "billed",
          label: ctx.w("billed"),
          numeric: true,
          show: (r: { billed: string | null }) => amount(r.billed, ctx.lang, ctx.digits),
        },
        {
          key: "expected",
          label: ctx.w("expected"),
          numeric: true,
          show: (r: { expected: string | null }) => amount(r.expected, ctx.lang, ctx.digits),
        },
      ],
      rows: [branch("annuities"), branch("hazards"), branch("unemployment")],
    }),
    dataTable({
      lang: ctx.lang,
      csv: `invoice-${invoiceId}-contributors`,
      columns: [
        { key: "contributor_id", label: ctx.w("contributor_id") },
        { key: "name", label: ctx.w("name"), value: (r) => nameOf(ctx, r) },
        {
          key: "contributory_wage",
          label: ctx.w("contributory_wage"),
          numeric: true,
          show: (r) => amount(r.contributory_wage, ctx.lang, ctx.digits),
        },
        { key: "days_covered", label: ctx.w("days_covered"), numeric: true },
        {
          key: "annuities",
          label: ctx.w("annuities"),
          numeric: true,
          show: (r) => amount(r.annuities, ctx.lang, ctx.digits),
        },
        {
          key: "hazards",
          label: ctx.w("hazards"),
          numeric: true,
          show: (r) => amount(r.hazards, ctx.lang, ctx.digits),
        },
        {
          key: "unemployment",
          label: ctx.w("unemployment"),
          numeric: true,
          show: (r) => amount(r.unemployment, ctx.lang, ctx.digits),
        },
        {
          key: "total",
          label: ctx.w("total"),
          numeric: true,
          show: (r) => amount(r.total, ctx.lang, ctx.digits),
        },
      ],
      rows: e.contributors,
      limit: 50,
    }),
    e.coverage_gaps.length
      ? h(
          "div",
          {},
          h("h4", {}, ctx.w("employer.gaps")),
          dataTable({
            lang: ctx.lang,
            csv: `invoice-${invoiceId}-gaps`,
            columns: [
              { key: "contributor_id", label: ctx.w("contributor_id") },
              { key: "name", label: ctx.w("name"), value: (r) => nameOf(ctx, r) },
              { key: "days_covered", label: ctx.w("days_covered"), numeric: true },
            ],
            rows: e.coverage_gaps,
          }),
        )
      : "",
  );
  target.scrollIntoView();
}
