// The employer profile itself, from the employer's own static shard: ledger timeline, open items
// and their ageing, payments, adjustments, invoice differences, objections and coverage gaps.
import type { EmployerPart, EmployerShard } from "../../pipelines/publish/page-data/employer.ts";
import type { PagedList } from "../../pipelines/publish/page-data/paged.ts";
import { linesOverTime } from "./charts.js";
import type { Ctx } from "./context.js";
import { figure, h, section, type Child } from "./dom.js";
import { dateWithHijri, sar } from "./format.js";
import { code } from "./i18n.js";
import { nameOf } from "./links.js";
import { sortPart } from "./order.js";
import { pagedTable } from "./paged.js";
import { partColumns } from "./employer-columns.js";
import { employerObjections } from "./employer-objections.js";
import { employerComplianceSection } from "./employer-compliance.js";
import { employerFindings } from "./employer-findings.js";
import { employerRisk } from "./employer-risk.js";
import { dataTable, type Column } from "./table.js";
import { pageHref } from "./url.js";

type Row = Record<string, unknown>;
const PARTS: EmployerPart[] = [
  "balances",
  "ageing",
  "open_items",
  "invoices",
  "payments",
  "adjustments",
  "objections",
  "suspension",
  "gaps",
];
const PAST_DUE_BUCKETS = ["d1_30", "d31_60", "d61_90", "d91_180", "d181_365", "over_365"] as const;
const isZero = (v: string | null) => v === null || /^-?0*(\.0*)?$/.test(v);
const s = (r: Row | undefined, k: string) => (r?.[k] === null || r?.[k] === undefined ? null : String(r[k]));

/** employers/<id>.json. */
export type Profile = EmployerShard;

/** A part's table; its columns are built for the part's row type (employer-columns.ts). */
function table<R>(
  ctx: Ctx,
  csv: string,
  build: (c: ReturnType<typeof partColumns<R>>) => Column<R>[],
  rows: R[],
  limit = 30,
  paged?: PagedList,
): Child {
  const columns = build(partColumns<R>(ctx));
  if (paged) return pagedTable(ctx, paged.base, { total: paged.total, pages: paged.pages, page: 0, rows }, { csv, columns, limit });
  return rows.length ? dataTable({ lang: ctx.lang, csv, columns, rows, limit }) : h("p", { class: "hint" }, ctx.w("employer.nothing"));
}

/** The shard's lists come unordered; each part is sorted by its own date (then id). */
function sorted(p: Profile): Profile {
  const out = { ...p } as unknown as Record<string, Row[]>;
  for (const part of PARTS) out[part] = sortPart(part, [...((p as unknown as Record<string, Row[]>)[part] ?? [])]);
  return out as unknown as Profile;
}

export function renderProfile(ctx: Ctx, shard: Profile): HTMLElement {
  const p = sorted(shard);
  const e = p.employer;
  const id = s(e, "employer_id")!;
  const now = p.ageing.find((a) => a.as_of === p.as_of);
  const balance = p.balances.find((b) => b.as_of === p.as_of);
  const suspended = p.suspension.find((x) => x.as_of === p.as_of);
  const facts: [string, string][] = [
    [ctx.w("employer_id"), id],
    [ctx.w("region"), code(ctx.lang, s(e, "region"))],
    [ctx.w("sector"), code(ctx.lang, s(e, "sector"), "sector")],
    [ctx.w("size_class"), code(ctx.lang, s(e, "size_class"))],
    [ctx.w("legal_form"), code(ctx.lang, s(e, "legal_form"))],
    [ctx.w("status"), code(ctx.lang, s(e, "status"))],
  ];
  const card = (label: string, value: string | null, key: string) =>
    h(
      "div",
      { class: "card" },
      h("h3", {}, label),
      h("div", { class: "lead" }, figure(sar(value, ctx.lang, ctx.digits), value, { "data-figure": key })),
    );
  return h(
    "div",
    { "data-employer-profile": id },
    h("h2", {}, nameOf(ctx, e) ?? id),
    h("p", { class: "subtitle" }, s(e, ctx.lang === "ar" ? "name_en" : "name_ar") ?? ""),
    h(
      "dl",
      { class: "facts" },
      facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
    ),
    h(
      "p",
      {},
      `${ctx.w("position.at")} ${dateWithHijri(p.as_of, ctx.lang, ctx.digits)} · ${ctx.w("severity")}: `,
      h(
        "span",
        { class: `pill ${s(now, "severity") ?? ""}`, "data-severity": s(now, "severity") },
        code(ctx.lang, s(now, "severity") ?? "none"),
      ),
    ),
    suspended
      ? h(
          "p",
          { class: "card", "data-suspension": "yes" },
          h("b", {}, ctx.w("employer.suspension")),
          ` — ${ctx.w("past_due")}: ${sar(s(suspended, "past_due_undisputed"), ctx.lang, ctx.digits)}`,
        )
      : "",
    h(
      "div",
      { class: "grid-kpis" },
      card(ctx.w("outstanding"), s(balance, "outstanding"), "outstanding"),
      card(ctx.w("past_due"), s(now, "past_due"), "past_due"),
      card(ctx.w("disputed"), s(now, "disputed"), "disputed"),
      card(ctx.w("credit_balance"), s(balance, "credit_balance"), "credit_balance"),
    ),
    employerFindings(ctx, p),
    employerRisk(ctx, p),
    section(
      "timeline",
      ctx.w("employer.timeline"),
      linesOverTime(
        ctx,
        p.balances.flatMap((b) =>
          ["billed", "paid", "outstanding"].map((k) => ({
            period: String(b.as_of).slice(0, 7),
            series: ctx.w(k),
            value: s(b, k),
          })),
        ),
        { label: ctx.w("employer.timeline"), height: 220 },
      ),
      table(
        ctx,
        `employer-${id}-balances`,
        (c) => [
          c.date("as_of"),
          c.money("billed"),
          c.money("adjustments"),
          c.money("paid"),
          c.money("outstanding"),
          c.money("credit_balance"),
        ],
        [...p.balances].reverse(),
      ),
    ),
    section(
      "open-items",
      ctx.w("employer.open_items"),
      table(
        ctx,
        `employer-${id}-open-items`,
        (c) => [
          c.text("invoice_id"),
          c.coded("invoice_type"),
          c.period("period"),
          c.date("due_on"),
          { key: "days_past_due", label: ctx.w("days_past_due"), numeric: true },
          c.money("owed", "billed"),
          c.money("open_amount"),
        ],
        p.open_items,
      ),
    ),
    section(
      "ageing",
      ctx.w("employer.ageing"),
      table(
        ctx,
        `employer-${id}-ageing`,
        (c) => [
          c.date("as_of"),
          c.coded("severity"),
          c.money("past_due"),
          ...PAST_DUE_BUCKETS.map((b) => c.bucket(b)),
          c.money("disputed"),
        ],
        [...p.ageing].reverse(),
      ),
    ),
    section(
      "payments",
      ctx.w("employer.payments"),
      table(
        ctx,
        `employer-${id}-payments`,
        (c) => [
          c.text("payment_id"),
          c.date("paid_on"),
          c.money("amount"),
          c.coded("channel"),
          { key: "named_invoice_id", label: ctx.w("invoice_id") },
          c.date("reversed_on"),
        ],
        [...p.payments].reverse(),
      ),
    ),
    section(
      "adjustments",
      ctx.w("employer.adjustments"),
      table(
        ctx,
        `employer-${id}-adjustments`,
        (c) => [
          c.text("adjustment_id"),
          c.text("invoice_id"),
          c.money("amount"),
          c.coded("reason_code"),
          c.text("created_by"),
          c.text("approved_by"),
          c.date("approved_on"),
        ],
        p.adjustments,
      ),
    ),
    section(
      "invoice-differences",
      ctx.w("employer.invoices"),
      table(
        ctx,
        `employer-${id}-invoice-differences`,
        (c) => [
          {
            key: "invoice_id",
            label: ctx.w("invoice_id"),
            show: (r) =>
              h(
                "a",
                {
                  href: pageHref("billing", { invoice: s(r, "invoice_id") }, "evidence"),
                  "data-invoice": s(r, "invoice_id"),
                },
                s(r, "invoice_id"),
              ),
          },
          c.period("period"),
          c.coded("posting"),
          c.text("posted_by"),
          c.money("billed_amount", "billed"),
          c.money("expected_amount", "expected"),
          c.money("difference"),
        ],
        p.invoices.filter((i) => !isZero(s(i, "difference"))),
      ),
    ),
    employerObjections(ctx, id, p.objections),
    section(
      "gaps",
      ctx.w("employer.gaps"),
      table(
        ctx,
        `employer-${id}-coverage-gaps`,
        (c) => [c.period("period"), c.text("contributor_id"), { key: "days_covered", label: ctx.w("days_covered"), numeric: true }],
        p.gaps,
        30,
        p.paged?.gaps,
      ),
    ),
    employerComplianceSection(ctx, id, shard.compliance),
  );
}
