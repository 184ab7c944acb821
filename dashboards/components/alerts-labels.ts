// The Alerts view's codes in words — a rule, a state — the counted noun, the message in the page's
// language, and where each alert leads: the employer, the finding, the objection or the data-health
// section behind it.
import type { AlertRow } from "../../pipelines/publish/page-data/alerts.ts";
import type { Ctx } from "./context.js";
import { h } from "./dom.js";
import { code } from "./i18n.js";
import { nameOf } from "./links.js";
import type { Counted } from "./plural.js";
import { pageHref } from "./url.js";

/** "3 تنبيهات" / "3 alerts". */
export const ALERT_NOUN: Counted = {
  ar: { zero: "لا تنبيهات", one: "تنبيه واحد", two: "تنبيهان", few: "{n} تنبيهات", many: "{n} تنبيهًا", other: "{n} تنبيه" },
  en: { zero: "no alerts", one: "1 alert", other: "{n} alerts" },
};

/** A rule's name in the page's language (its file name when the dictionary has none). */
export const alertRuleLabel = (ctx: Ctx, kind: string) => {
  const word = ctx.w(`alert_rule.${kind}`);
  return word === `alert_rule.${kind}` ? kind : word;
};
export const alertStateLabel = (ctx: Ctx, state: string) => ctx.w(`alert_state.${state}`);
export const alertSeverityLabel = (ctx: Ctx, severity: string) => code(ctx.lang, severity);

/** The message in the page's language; an alert raised before messages had Arabic shows its English, marked so. */
export function alertMessage(ctx: Ctx, r: AlertRow): HTMLElement | string {
  if (ctx.lang === "ar" && r.message_ar) return r.message_ar;
  return ctx.lang === "en" ? r.message_en : h("span", { lang: "en", dir: "ltr" }, r.message_en);
}

const ltr = (text: string) => h("bdi", { dir: "ltr" }, text);

/** What an alert is about, as a link to the page that shows it (plain text when this build lacks that page). */
export function alertTarget(ctx: Ctx, r: AlertRow): HTMLElement | string {
  const link = (page: string, params: Record<string, string | null>, hash: string | undefined, text: HTMLElement | string) =>
    ctx.has(page) ? h("a", { href: pageHref(page, params, hash), "data-alert-link": page }, text) : text;
  const employer = (hash?: string) =>
    r.employer_id ? link("employer", { id: r.employer_id }, hash, nameOf(ctx, r) ?? r.employer_id) : ltr(r.ref);
  switch (r.kind) {
    case "finding":
      return link("findings", { id: r.finding_key }, "detail", ltr(r.ref));
    case "arrears_critical":
      return employer("ageing");
    case "suspension_listed":
      return employer("timeline");
    case "employer_risk_critical":
      return r.employer_id && ctx.has("risk")
        ? link("risk", { employer: r.employer_id }, "employer", nameOf(ctx, r) ?? r.employer_id)
        : employer();
    case "objection_sla_breached":
      return r.employer_id ? link("employer", { id: r.employer_id }, "objections", ltr(r.ref)) : ltr(r.ref);
    case "blocking_test_failed":
      return link("health", {}, "tests", `${ctx.w("page.health")}: ${ctx.w("health.tests")}`);
    case "delivery_reconciliation_failed":
      return link("health", {}, "loads", `${ctx.w("page.health")}: ${ctx.w("health.rejections")}`);
    case "source_stale":
      return link("health", {}, "freshness", `${ctx.w("page.health")}: ${code(ctx.lang, r.ref)}`);
    default:
      return r.employer_id ? employer() : ltr(r.ref);
  }
}
