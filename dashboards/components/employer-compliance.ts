// One employer's compliance calendar (rules.md §5): a row per month of obligation, a column per
// criterion — declared, declared on time, paid in full by the due date, days late, compliant — from
// the `compliance` part of its shard. Shown on the employer profile and on the Compliance page.
import type { ComplianceMonth } from "../../pipelines/publish/page-data/compliance.ts";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { integer, month } from "./format.js";
import { sortPart } from "./order.js";
import { dataTable } from "./table.js";

/** A yes/no criterion as a mark a reader can scan down a column, with the exact value beside for tests and the CSV. */
function mark(ctx: Ctx, ok: boolean, extra?: string): HTMLElement {
  return h(
    "span",
    { class: `mark ${ok ? "good" : "bad"}`, "data-ok": String(ok) },
    `${ok ? "✓" : "✗"} ${ctx.w(ok ? "compliance.yes" : "compliance.no")}${extra ? ` (${extra})` : ""}`,
  );
}

function daysLate(ctx: Ctx, r: ComplianceMonth): string {
  if (r.days_late !== null) return integer(r.days_late, ctx.lang, ctx.digits);
  if (r.invoice_id === null) return ctx.w("compliance.no_invoice");
  return ctx.w(r.due_passed === false ? "compliance.not_due" : "compliance.open");
}

/** The calendar's table, newest month first. */
export function complianceCalendar(ctx: Ctx, id: string, months: ComplianceMonth[]): HTMLElement {
  if (!months.length) return h("p", { class: "hint" }, ctx.w("compliance.nothing"));
  const rows = (sortPart("compliance", [...months] as unknown as Record<string, unknown>[]) as unknown as ComplianceMonth[]).reverse();
  return dataTable<ComplianceMonth>({
    lang: ctx.lang,
    csv: `employer-${id}-compliance`,
    columns: [
      { key: "period", label: ctx.w("month"), show: (r) => month(r.period, ctx.lang, ctx.digits) },
      {
        key: "contributors_engaged",
        label: ctx.w("compliance.engaged"),
        numeric: true,
        show: (r) => integer(r.contributors_engaged, ctx.lang, ctx.digits),
      },
      {
        key: "wages_declared",
        label: ctx.w("compliance.declared"),
        show: (r) => mark(ctx, r.wages_declared, r.wages_declared ? undefined : integer(r.contributors_not_declared, ctx.lang, ctx.digits)),
      },
      {
        key: "declared_on_time",
        label: ctx.w("compliance.declared_on_time"),
        show: (r) =>
          mark(
            ctx,
            r.declared_on_time,
            r.contributors_declared_late ? integer(r.contributors_declared_late, ctx.lang, ctx.digits) : undefined,
          ),
      },
      { key: "paid_in_full_by_due", label: ctx.w("compliance.paid_by_due"), show: (r) => mark(ctx, r.paid_in_full_by_due) },
      { key: "days_late", label: ctx.w("compliance.days_late"), numeric: true, show: (r) => daysLate(ctx, r) },
      { key: "compliant", label: ctx.w("compliance.compliant"), show: (r) => mark(ctx, r.compliant) },
    ],
    rows,
    rowAttrs: (r) => ({ "data-compliance-month": r.period, "data-compliant": String(r.compliant) }),
    limit: 24,
  });
}

/** The employer profile's section. */
export function employerComplianceSection(ctx: Ctx, id: string, months: ComplianceMonth[] | undefined): HTMLElement {
  return section("compliance", ctx.w("compliance.calendar"), complianceCalendar(ctx, id, months ?? []));
}
