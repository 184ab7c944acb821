// Links into the employer profile, named in the page's language (or the other one when that is all
// the registration holds).
import { h } from "./dom.js";
import { pageHref } from "./url.js";

interface Named {
  employer_id?: unknown;
  name_ar?: unknown;
  name_en?: unknown;
}

export const nameOf = (ctx: { lang: "ar" | "en" }, r: Named): string | null =>
  ((ctx.lang === "ar" ? (r.name_ar ?? r.name_en) : (r.name_en ?? r.name_ar)) as string | null | undefined) ?? null;

export function employerLink(ctx: { lang: "ar" | "en" }, r: Named): HTMLElement {
  const id = String(r.employer_id);
  return h("a", { href: pageHref("employer", { id }), "data-employer": id }, nameOf(ctx, r) ?? id);
}
