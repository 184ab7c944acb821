// The employer profile's findings: every finding of the register about the employer, the most severe
// first, each opening its detail on the Findings page, and a link to the list filtered to the employer.
import type { EmployerShard } from "../../pipelines/publish/page-data/employer.ts";
import type { Ctx } from "./context.js";
import { h, section } from "./dom.js";
import { ruleLabel, severityLabel, statusLabel } from "./findings-labels.js";
import { NOUNS, plural } from "./plural.js";
import { dataTable } from "./table.js";
import { pageHref } from "./url.js";

const SEVERITY_RANK = ["critical", "high", "medium", "low"];
const rank = (s: string | null) => (s && SEVERITY_RANK.includes(s) ? SEVERITY_RANK.indexOf(s) : SEVERITY_RANK.length);

export function employerFindings(ctx: Ctx, p: EmployerShard): HTMLElement | string {
  if (!ctx.has("findings")) return "";
  const id = p.employer.employer_id;
  const rows = [...(p.findings ?? [])].sort(
    (a, b) =>
      a.seen_state.localeCompare(b.seen_state) ||
      rank(a.severity) - rank(b.severity) ||
      (b.period ?? "").localeCompare(a.period ?? "") ||
      a.anomaly_id.localeCompare(b.anomaly_id),
  );
  return section(
    "findings",
    ctx.w("page.findings"),
    h(
      "p",
      { "data-figure": "employer-findings", "data-value": rows.length },
      plural(rows.length, NOUNS.finding, ctx.lang, ctx.digits),
      rows.length ? [" · ", h("a", { href: pageHref("findings", { employer: id }, "list") }, ctx.w("findings.open_all"))] : "",
    ),
    rows.length
      ? dataTable({
          lang: ctx.lang,
          csv: `employer-${id}-findings`,
          limit: 30,
          columns: [
            {
              key: "anomaly_id",
              label: ctx.w("anomaly_id"),
              show: (r) => h("a", { href: pageHref("findings", { id: r.key }, "detail"), "data-finding-link": r.key }, r.anomaly_id),
            },
            { key: "rule", label: ctx.w("rule"), show: (r) => ruleLabel(ctx, r.rule) },
            { key: "severity", label: ctx.w("severity"), show: (r) => severityLabel(ctx, r.severity) },
            { key: "period", label: ctx.w("period"), show: (r) => r.period ?? "—" },
            { key: "status", label: ctx.w("status"), show: (r) => statusLabel(ctx, r.status) },
            { key: "seen_state", label: ctx.w("seen_state"), show: (r) => ctx.w(`seen.${r.seen_state}`) },
          ],
          rows,
          rowAttrs: (r) => ({ "data-employer-finding": r.key }),
        })
      : "",
  );
}
