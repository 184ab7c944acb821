// One objection's timeline (audit build, ?objection=<id>): what it is, its days in each state and its
// events in order as a table — time in Riyadh, the state each sets, who acted, the amount conceded, and
// where an event stands (the deciding one, after it, delivered out of order, in the same second,
// dated before the submission). Read from the objection's own shard (objections/detail/<key>.json).
import type { ObjectionDetail } from "../../pipelines/publish/page-data/objections.ts";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { amount, integer, riyadhTime, shortDate } from "./format.js";
import { code } from "./i18n.js";
import { employerLink } from "./links.js";
import { dataTable } from "./table.js";
import { fetchShard, param, setParams } from "./url.js";

/** The detail shard's name for an objection id, as the exporter makes it (KEY in export/objections.ts). */
export const objectionKey = (disputeId: string): string => disputeId.replace(/[^A-Za-z0-9_.-]/g, "_");

const MARKS = ["is_deciding", "after_decision", "arrived_out_of_order", "same_second", "before_submission"] as const;
const MARK_WORDS: Record<(typeof MARKS)[number], string> = {
  is_deciding: "outcome",
  after_decision: "issue.events_after_decision",
  arrived_out_of_order: "issue.events_out_of_order",
  same_second: "issue.same_second_events",
  before_submission: "issue.decided_before_submission",
};

async function show(ctx: Ctx, id: string, into: HTMLElement): Promise<void> {
  const d = await fetchShard<ObjectionDetail>(`objections/detail/${encodeURIComponent(objectionKey(id))}.json`);
  if (!d || d.dispute_id !== id) {
    into.replaceChildren(h("p", { class: "hint", "data-objection-unknown": id }, ctx.w("objections.unknown")));
    return;
  }
  const facts: [string, Node | string][] = [
    [ctx.w("objection"), d.dispute_id],
    [ctx.w("employer"), employerLink(ctx, d)],
    [ctx.w("invoice_id"), d.invoice_id],
    [ctx.w("category"), code(ctx.lang, d.category)],
    [ctx.w("disputed_amount"), amount(d.disputed_amount, ctx.lang, ctx.digits)],
    [ctx.w("documents_complete"), d.documents_complete === null ? "—" : ctx.w(d.documents_complete ? "yes" : "no")],
    [ctx.w("status"), ctx.w(`state.${d.status}`)],
    [ctx.w("submitted_on"), shortDate(d.submitted_on, ctx.lang)],
    [ctx.w("closed_on"), shortDate(d.closed_on, ctx.lang)],
    [ctx.w("outcome"), d.outcome ? ctx.w(`state.${d.outcome}`) : "—"],
    [ctx.w("resolved_amount"), amount(d.resolved_amount, ctx.lang, ctx.digits)],
    [ctx.w("age_days"), integer(d.age_days, ctx.lang, ctx.digits)],
    [ctx.w("sla_days"), `${integer(d.sla_days, ctx.lang, ctx.digits)}${d.escalated ? ` (${ctx.w("escalated")})` : ""}`],
    [ctx.w("sla_breached"), ctx.w(d.sla_breached ? "yes" : "no")],
  ];
  into.replaceChildren(
    h(
      "div",
      { "data-objection-shown": d.dispute_id },
      h(
        "dl",
        { class: "facts" },
        facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
      ),
      d.data_issues.length
        ? h(
            "p",
            { class: "note", "data-objection-issues": d.data_issues.join(" ") },
            d.data_issues.map((i) => ctx.w(`issue.${i}`)).join(" · "),
          )
        : "",
      h("h3", {}, ctx.w("objections.days_in_state")),
      dataTable({
        lang: ctx.lang,
        csv: `objection-${d.dispute_id}-days`,
        columns: [
          { key: "state", label: ctx.w("status"), show: (r) => ctx.w(`state.${r.state}`) },
          {
            key: "days",
            label: ctx.w("days"),
            numeric: true,
            show: (r) => h("span", { "data-days": r.state }, integer(r.days, ctx.lang, ctx.digits)),
          },
        ],
        rows: d.days.filter((x) => x.days > 0 || x.state === "submitted"),
      }),
      h("h3", {}, ctx.w("objections.events")),
      d.events.length
        ? dataTable({
            lang: ctx.lang,
            csv: `objection-${d.dispute_id}-events`,
            columns: [
              { key: "seq", label: ctx.w("seq"), numeric: true, show: (r) => integer(r.seq, ctx.lang, ctx.digits) },
              { key: "at", label: ctx.w("at"), show: (r) => riyadhTime(r.at, ctx.lang, ctx.digits) },
              { key: "status", label: ctx.w("status"), show: (r) => ctx.w(`state.${r.status}`) },
              { key: "actor", label: ctx.w("actor") },
              {
                key: "resolved_amount",
                label: ctx.w("resolved_amount"),
                numeric: true,
                show: (r) => amount(r.resolved_amount, ctx.lang, ctx.digits),
              },
              {
                key: "marks",
                label: ctx.w("marks"),
                value: (r) => MARKS.filter((m) => r[m]).join(";"),
                show: (r) =>
                  MARKS.filter((m) => r[m])
                    .map((m) => ctx.w(MARK_WORDS[m]))
                    .join(" · "),
              },
              { key: "event_id", label: ctx.w("event_id") },
            ],
            rows: d.events,
            highlight: (r) => r.is_deciding,
            rowAttrs: (r) => ({ "data-event": r.event_id }),
          })
        : h("p", { class: "hint" }, ctx.w("issue.no_events")),
    ),
  );
}

export async function timelineSection(ctx: Ctx): Promise<HTMLElement> {
  const detail = h("div", { "data-objection-detail": "" }, h("p", { class: "hint" }, ctx.w("objections.pick")));
  const input = h("input", {
    type: "search",
    name: "objection",
    placeholder: ctx.w("objection"),
    value: param("objection") ?? "",
  }) as HTMLInputElement;
  const open = () => {
    const id = input.value.trim();
    setParams({ objection: id || null });
    if (id) void show(ctx, id, detail);
  };
  input.addEventListener("change", open);
  const id = param("objection");
  if (id) await show(ctx, id, detail);
  return section(
    "timeline",
    ctx.w("objections.timeline"),
    h("div", { class: "filters" }, input, h("button", { type: "button", onclick: open }, ctx.w("search"))),
    detail,
  );
}
