// The Staff page (audit build): per staff user, what they did — adjustments created and approved, fee
// waivers (how many, how much, on how many employers, how concentrated), wage changes, manual
// postings — beside the active findings that name them, each count linking to the Findings page's
// list filtered to that user (and rule, or disposition).
import type { StaffData, StaffUser } from "../../pipelines/publish/page-data/staff.ts";
import type { Ctx } from "./context.js";
import { figure, h, section } from "./dom.js";
import { ruleLabel } from "./findings-labels.js";
import { integer, percent, sar } from "./format.js";
import { NOUNS, plural, type Counted } from "./plural.js";
import { dataTable, type Column } from "./table.js";
import { pageHref } from "./url.js";

const STAFF_USER: Counted = {
  ar: { zero: "لا مستخدمين", one: "مستخدم واحد", two: "مستخدمان", few: "{n} مستخدمين", many: "{n} مستخدمًا", other: "{n} مستخدم" },
  en: { zero: "no staff users", one: "1 staff user", other: "{n} staff users" },
};
const STATUSES = ["open", "confirmed", "false_positive", "resolved", "exempt"];

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, n) => a + n, 0);

/** A count of findings: a link to the list filtered to the user (and the rule or status); a zero stays plain. */
function findingsCount(ctx: Ctx, u: StaffUser, n: number, filter: { rule?: string; status?: string }, key: string): HTMLElement {
  const text = integer(n, ctx.lang, ctx.digits);
  const attrs = { "data-staff-count": `${u.user_id}:${key}` };
  if (!n) return figure(text, n, attrs);
  return h("a", { href: pageHref("findings", { user: u.user_id, ...filter }, "list") }, figure(text, n, attrs));
}

const count = (ctx: Ctx, key: keyof StaffUser & string, label: string): Column<StaffUser> => ({
  key,
  label,
  numeric: true,
  show: (u) => figure(integer(u[key] as number, ctx.lang, ctx.digits), u[key] as number, { "data-staff-value": `${u.user_id}:${key}` }),
});

const ruleColumn = (ctx: Ctx, rule: string): Column<StaffUser> => ({
  key: `rule:${rule}`,
  label: ruleLabel(ctx, rule),
  numeric: true,
  value: (u) => u.findings[rule] ?? 0,
  show: (u) => findingsCount(ctx, u, u.findings[rule] ?? 0, { rule }, rule),
});

const userColumn = (ctx: Ctx): Column<StaffUser> => ({
  key: "user_id",
  label: ctx.w("user"),
  show: (u) => h("a", { href: pageHref("findings", { user: u.user_id }, "list"), "data-staff-user": u.user_id }, u.user_id),
});

export function renderStaff(ctx: Ctx, d: StaffData): HTMLElement {
  // users that findings name come first, most findings first
  const users = [...d.users].sort((a, b) => total(b.findings) - total(a.findings) || a.user_id.localeCompare(b.user_id));
  const all = users.reduce((a, u) => a + total(u.findings), 0);
  const other = (u: StaffUser) => total(u.findings) - d.rules.reduce((a, r) => a + (u.findings[r] ?? 0), 0);
  const table = (csv: string, columns: Column<StaffUser>[]) =>
    dataTable({ lang: ctx.lang, csv, columns, rows: users, rowAttrs: (u) => ({ "data-staff-row": u.user_id }) });
  return h(
    "div",
    { class: "tahseel-page", "data-page": "staff" },
    h("h1", {}, ctx.w("page.staff")),
    section(
      "summary",
      ctx.w("staff.summary"),
      h(
        "p",
        { class: "lead" },
        figure(plural(users.length, STAFF_USER, ctx.lang, ctx.digits), users.length, { "data-figure": "staff-users" }),
        " · ",
        figure(plural(all, NOUNS.finding, ctx.lang, ctx.digits), all, { "data-figure": "staff-findings" }),
      ),
      h("p", { class: "hint" }, ctx.w("staff.explain")),
    ),
    users.length
      ? [
          section(
            "adjustments",
            ctx.w("staff.adjustments"),
            table("staff-adjustments", [
              userColumn(ctx),
              count(ctx, "adjustments_created", ctx.w("staff.created")),
              count(ctx, "adjustments_approved", ctx.w("staff.approved")),
              ruleColumn(ctx, "self_approved_adjustment"),
              ruleColumn(ctx, "split_credits"),
              count(ctx, "fee_waivers", ctx.w("staff.waivers")),
              {
                key: "fee_waiver_amount",
                label: ctx.w("staff.waiver_amount"),
                numeric: true,
                show: (u) => figure(sar(u.fee_waiver_amount, ctx.lang, ctx.digits), u.fee_waiver_amount),
              },
              count(ctx, "waiver_employers", ctx.w("staff.waiver_employers")),
              {
                key: "waiver_concentration",
                label: ctx.w("staff.concentration"),
                numeric: true,
                show: (u) => (u.waiver_concentration === null ? "—" : percent(String(u.waiver_concentration), ctx.lang, ctx.digits)),
              },
              ruleColumn(ctx, "fee_waiver_concentration"),
            ]),
            h("p", { class: "hint" }, ctx.w("staff.concentration.note")),
          ),
          section(
            "wages",
            ctx.w("staff.wages"),
            table("staff-wages-postings", [
              userColumn(ctx),
              count(ctx, "wage_changes", ctx.w("staff.wage_changes")),
              ruleColumn(ctx, "after_hours_wage_change"),
              ruleColumn(ctx, "backdated_wage_change"),
              count(ctx, "manual_postings", ctx.w("staff.manual_postings")),
              ruleColumn(ctx, "manual_posting_unreviewed"),
            ]),
          ),
          section(
            "findings",
            ctx.w("staff.findings"),
            table("staff-findings", [
              userColumn(ctx),
              ...STATUSES.map(
                (status): Column<StaffUser> => ({
                  key: `status:${status}`,
                  // a column heading: capitalised in English, as the others
                  label: ctx.w(`finding.${status}`).replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
                  numeric: true,
                  value: (u) => u.statuses[status] ?? 0,
                  show: (u) => findingsCount(ctx, u, u.statuses[status] ?? 0, { status }, `status:${status}`),
                }),
              ),
              {
                key: "other",
                label: ctx.w("staff.other"),
                numeric: true,
                value: other,
                show: (u) => figure(integer(other(u), ctx.lang, ctx.digits), other(u), { "data-staff-count": `${u.user_id}:other` }),
              },
              {
                key: "total",
                label: ctx.w("staff.total"),
                numeric: true,
                value: (u) => total(u.findings),
                show: (u) => findingsCount(ctx, u, total(u.findings), {}, "total"),
              },
            ]),
          ),
        ]
      : h("p", { class: "hint" }, ctx.w("staff.none")),
  );
}
