// The employer profile's objections: each of the employer's objections as of the data date — state,
// decision, what was conceded, its age against its service level, any bad input it carries — linking to
// its timeline on the Objections page.
import type { EmployerParts } from "../../pipelines/publish/page-data/employer.ts";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { amount, integer, shortDate } from "./format.js";
import { code } from "./i18n.js";
import { objectionLink } from "./objections-lists.js";
import { dataTable } from "./table.js";

export function employerObjections(ctx: Ctx, employerId: string, rows: EmployerParts["objections"]): HTMLElement {
  return section(
    "objections",
    ctx.w("employer.objections"),
    rows.length
      ? dataTable({
          lang: ctx.lang,
          csv: `employer-${employerId}-objections`,
          columns: [
            { key: "dispute_id", label: ctx.w("objection"), show: (r) => objectionLink(r.dispute_id) },
            { key: "invoice_id", label: ctx.w("invoice_id") },
            { key: "category", label: ctx.w("category"), show: (r) => code(ctx.lang, r.category) },
            {
              key: "disputed_amount",
              label: ctx.w("disputed_amount"),
              numeric: true,
              show: (r) => amount(r.disputed_amount, ctx.lang, ctx.digits),
            },
            { key: "submitted_on", label: ctx.w("submitted_on"), show: (r) => shortDate(r.submitted_on, ctx.lang) },
            { key: "status", label: ctx.w("status"), show: (r) => ctx.w(`state.${r.status}`) },
            { key: "closed_on", label: ctx.w("closed_on"), show: (r) => shortDate(r.closed_on, ctx.lang) },
            { key: "outcome", label: ctx.w("outcome"), show: (r) => (r.outcome ? ctx.w(`state.${r.outcome}`) : ctx.w("pending")) },
            {
              key: "resolved_amount",
              label: ctx.w("resolved_amount"),
              numeric: true,
              show: (r) => amount(r.resolved_amount, ctx.lang, ctx.digits),
            },
            {
              key: "age_days",
              label: `${ctx.w("age_days")} / ${ctx.w("sla_days")}`,
              numeric: true,
              show: (r) =>
                h(
                  "span",
                  { class: r.sla_breached ? "change bad" : null, "data-sla-breached": String(r.sla_breached) },
                  `${integer(r.age_days, ctx.lang, ctx.digits)} / ${integer(r.sla_days, ctx.lang, ctx.digits)}`,
                ),
            },
            {
              key: "data_issues",
              label: ctx.w("marks"),
              show: (r) => r.data_issues.map((i) => ctx.w(`issue.${i}`)).join(" · "),
            },
          ],
          rows,
          limit: 30,
          rowAttrs: (r) => ({ "data-objection-row": r.dispute_id }),
        })
      : h("p", { class: "hint" }, ctx.w("employer.nothing")),
  );
}
