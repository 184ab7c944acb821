// One finding in full: what it is, its evidence as a table of fields (never raw JSON), the delivered
// rows behind it (delivery, file, line), a link to its employer's profile and its disposition history.
import type { FindingDetailFile } from "../../pipelines/publish/export/findings-types.ts";
import type { Ctx } from "./context.js";
import { h } from "./dom.js";
import { integer } from "./format.js";
import { employerLink } from "./links.js";
import { dataTable } from "./table.js";
import { fetchShard } from "./url.js";
import { ruleLabel, severityLabel, statusLabel } from "./findings-labels.js";

const part = (title: string, ...children: (Node | string)[]) => h("div", { class: "card wide" }, h("h3", {}, title), ...children);

export async function renderFindingDetail(ctx: Ctx, key: string, into: HTMLElement): Promise<void> {
  const d = await fetchShard<FindingDetailFile>(`findings/detail/${encodeURIComponent(key)}.json`);
  if (!d) {
    into.replaceChildren(h("p", { class: "hint" }, ctx.w("findings.pick")));
    return;
  }
  const f = d.finding;
  const facts: [string, Node | string][] = [
    [ctx.w("anomaly_id"), f.anomaly_id],
    [ctx.w("rule"), `${ruleLabel(ctx, f.rule)} (v${f.rule_version ?? "—"})`],
    [ctx.w("severity"), severityLabel(ctx, f.severity)],
    [ctx.w("status"), statusLabel(ctx, f.status)],
    [ctx.w("employer"), f.employer_id ? employerLink(ctx, f) : "—"],
    [ctx.w("contributor_id"), f.contributor_id ?? "—"],
    [ctx.w("period"), f.period ?? "—"],
    [ctx.w("first_seen_run"), f.first_seen_run],
    [ctx.w("last_seen_run"), f.last_seen_run],
  ];
  into.replaceChildren(
    h(
      "div",
      { "data-finding-shown": f.key },
      h(
        "dl",
        { class: "facts" },
        facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
      ),
      part(
        ctx.w("findings.evidence"),
        dataTable({
          lang: ctx.lang,
          csv: `finding-${f.key}-evidence`,
          columns: [
            { key: "field", label: ctx.w("field"), show: (r) => (ctx.w(r.field) === r.field ? r.field : `${ctx.w(r.field)} (${r.field})`) },
            { key: "value", label: ctx.w("value") },
          ],
          rows: d.evidence,
        }),
      ),
      part(
        ctx.w("findings.sources"),
        dataTable({
          lang: ctx.lang,
          csv: `finding-${f.key}-sources`,
          columns: [
            { key: "entity", label: ctx.w("entity") },
            { key: "entity_id", label: ctx.w("value") },
            { key: "delivery_id", label: ctx.w("delivery") },
            { key: "file_name", label: ctx.w("file") },
            { key: "line", label: ctx.w("line"), numeric: true, show: (r) => integer(r.line, ctx.lang, ctx.digits) },
          ],
          rows: d.sources,
          rowAttrs: (r) => ({ "data-source": `${r.file_name}:${r.line}` }),
        }),
      ),
      part(
        ctx.w("findings.history"),
        d.history.length
          ? dataTable({
              lang: ctx.lang,
              csv: `finding-${f.key}-history`,
              columns: [
                { key: "at", label: ctx.w("disposed_at") },
                {
                  key: "previous_status",
                  label: ctx.w("previous_status"),
                  show: (r) => (r.previous_status ? statusLabel(ctx, r.previous_status) : "—"),
                },
                { key: "status", label: ctx.w("status"), show: (r) => statusLabel(ctx, r.status) },
                { key: "by", label: ctx.w("disposed_by") },
                { key: "note", label: ctx.w("note") },
              ],
              rows: d.history,
            })
          : h("p", { class: "hint" }, ctx.w("findings.no_history")),
      ),
    ),
  );
  into.scrollIntoView?.({ block: "start" });
}
