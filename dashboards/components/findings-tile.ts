// The Overview's findings tile: active findings by severity, each linking (audit build) to the
// Findings page filtered to that severity.
import type { FindingsSummary } from "../../pipelines/publish/export/findings-types.ts";
import type { Ctx } from "./context.js";
import { figure, h } from "./dom.js";
import { severityLabel } from "./findings-labels.js";
import { integer } from "./format.js";
import { NOUNS, plural } from "./plural.js";
import { pageHref } from "./url.js";

export function findingsTile(ctx: Ctx, d: FindingsSummary): HTMLElement {
  const link = (text: string, severity?: string) =>
    ctx.has("findings") ? h("a", { href: pageHref("findings", { severity }, "list"), "data-link": "findings" }, text) : text;
  return h(
    "div",
    { class: "card findings-tile", id: "findings", "data-figure": "findings" },
    h("h3", {}, ctx.w("findings.tile")),
    h("p", { class: "lead" }, figure(plural(d.total, NOUNS.finding, ctx.lang, ctx.digits), d.total, { "data-figure": "findings-total" })),
    h(
      "ul",
      { class: "severity-counts" },
      d.by_severity.map((s) =>
        h(
          "li",
          { "data-severity": s.key, "data-value": s.n },
          link(`${severityLabel(ctx, s.key)}: ${integer(s.n, ctx.lang, ctx.digits)}`, ctx.audit ? s.key : undefined),
        ),
      ),
    ),
    h("p", { class: "more-link" }, link(`${ctx.w("findings.open_all")} ${ctx.lang === "ar" ? "←" : "→"}`)),
  );
}
