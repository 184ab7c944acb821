// The Data health page's count of bad objection input: each case of marts.dispute_lifecycle's header
// with its rule in a few words, the objections it applied to and the events it concerns (a zero
// included, so a reader sees the case was checked). The audit build links to the Objections page.
import type { ObjectionIssue } from "../../pipelines/publish/page-data/objections.ts";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { integer } from "./format.js";
import { dataTable } from "./table.js";
import { pageHref } from "./url.js";

export function objectionIssuesSection(ctx: Ctx, issues: ObjectionIssue[] | undefined): HTMLElement | string {
  if (!issues?.length) return "";
  return section(
    "objection-issues",
    ctx.w("health.objections"),
    h("p", { class: "hint" }, ctx.w("health.objections.explain")),
    dataTable({
      lang: ctx.lang,
      csv: "objection-data-issues",
      columns: [
        { key: "issue", label: ctx.w("issue"), show: (r) => ctx.w(`issue.${r.issue}`) },
        { key: "rule", label: ctx.w("rule"), value: (r) => r.issue, show: (r) => ctx.w(`issue_rule.${r.issue}`) },
        {
          key: "objections",
          label: ctx.w("objections"),
          numeric: true,
          show: (r) => integer(r.objections, ctx.lang, ctx.digits),
        },
        { key: "events", label: ctx.w("issue.events"), numeric: true, show: (r) => integer(r.events, ctx.lang, ctx.digits) },
      ],
      rows: issues,
      rowAttrs: (r) => ({ "data-objection-issue": r.issue, "data-value": String(r.objections) }),
    }),
    ctx.has("objections") ? h("p", { class: "more-link" }, h("a", { href: pageHref("objections") }, ctx.w("page.objections"))) : "",
  );
}
