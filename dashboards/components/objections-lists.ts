// The Objections page's lists (audit build): the objections past their service level and the invoices the
// settlement control flags, each a paged list whose objections open their timeline (?objection=<id>).
import type { MismatchRow, ObjectionRow } from "../../pipelines/publish/page-data/objections.ts";
import type { PagedList } from "../../pipelines/publish/page-data/paged.ts";
import type { Ctx } from "./context.js";
import { h, type Child } from "./dom.js";
import { amount, integer, shortDate } from "./format.js";
import { code } from "./i18n.js";
import { employerLink } from "./links.js";
import { fetchPage, pagedTable } from "./paged.js";
import { pageHref } from "./url.js";

/** A link that opens an objection's timeline on this page. */
export const objectionLink = (id: string): HTMLElement =>
  h("a", { href: pageHref("objections", { objection: id }, "timeline"), "data-objection": id }, id);

/** A paged list, its first page fetched when the page opens. */
function paged<R>(ctx: Ctx, list: PagedList, csv: string, columns: Parameters<typeof pagedTable<R>>[3]["columns"]): HTMLElement {
  const holder = h("div", { "data-list": csv });
  void fetchPage<R>(list.base).then((first) =>
    holder.replaceChildren(pagedTable(ctx, list.base, first ?? { total: 0, pages: 1, page: 0, rows: [] }, { csv, columns, limit: 25 })),
  );
  return holder;
}

export function breachList(ctx: Ctx, list: PagedList): Child {
  return paged<ObjectionRow>(ctx, list, "objections-past-sla", [
    { key: "dispute_id", label: ctx.w("objection"), show: (r) => objectionLink(r.dispute_id) },
    { key: "employer_id", label: ctx.w("employer"), show: (r) => employerLink(ctx, r) },
    { key: "category", label: ctx.w("category"), show: (r) => code(ctx.lang, r.category) },
    { key: "status", label: ctx.w("status"), show: (r) => ctx.w(`state.${r.status}`) },
    { key: "submitted_on", label: ctx.w("submitted_on"), show: (r) => shortDate(r.submitted_on, ctx.lang) },
    { key: "closed_on", label: ctx.w("closed_on"), show: (r) => shortDate(r.closed_on, ctx.lang) },
    { key: "age_days", label: ctx.w("age_days"), numeric: true, show: (r) => integer(r.age_days, ctx.lang, ctx.digits) },
    { key: "sla_days", label: ctx.w("sla_days"), numeric: true, show: (r) => integer(r.sla_days, ctx.lang, ctx.digits) },
    {
      key: "disputed_amount",
      label: ctx.w("disputed_amount"),
      numeric: true,
      show: (r) => amount(r.disputed_amount, ctx.lang, ctx.digits),
    },
  ]);
}

export function mismatchList(ctx: Ctx, list: PagedList): Child {
  return paged<MismatchRow>(ctx, list, "settlement-mismatches", [
    { key: "invoice_id", label: ctx.w("invoice_id") },
    { key: "employer_id", label: ctx.w("employer"), show: (r) => (r.employer_id ? employerLink(ctx, r) : "—") },
    { key: "problem", label: ctx.w("problem"), show: (r) => ctx.w(`problem.${r.problem}`) },
    {
      key: "dispute_ids",
      label: ctx.w("objections"),
      show: (r) => (r.dispute_ids.length ? r.dispute_ids.flatMap((id, i) => [i ? " " : "", objectionLink(id)]) : "—"),
    },
    { key: "conceded", label: ctx.w("conceded"), numeric: true, show: (r) => amount(r.conceded, ctx.lang, ctx.digits) },
    { key: "adjustment_ids", label: ctx.w("settlements"), show: (r) => r.adjustment_ids.join(" ") || "—" },
    { key: "settled", label: ctx.w("settled"), numeric: true, show: (r) => amount(r.settled, ctx.lang, ctx.digits) },
    { key: "difference", label: ctx.w("difference"), numeric: true, show: (r) => amount(r.difference, ctx.lang, ctx.digits) },
    {
      key: "pending_settlements",
      label: ctx.w("pending_settlements"),
      numeric: true,
      show: (r) => integer(r.pending_settlements, ctx.lang, ctx.digits),
    },
  ]);
}
