// The Findings page's codes in words: a rule, a disposition status, a severity.
import type { Ctx } from "./context.js";
import { code } from "./i18n.js";

/** A rule's name in the page's language (its code when the dictionary has none). */
export const ruleLabel = (ctx: Ctx, rule: string) => {
  const word = ctx.w(`rule.${rule}`);
  return word === `rule.${rule}` ? rule : word;
};
export const statusLabel = (ctx: Ctx, s: string) => ctx.w(`finding.${s}`);
export const severityLabel = (ctx: Ctx, s: string | null) => code(ctx.lang, s ?? "none");
