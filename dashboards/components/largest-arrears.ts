// The employer profile's opening list (audit build): the employers owing the most past due at the
// as-of date, each linking to its profile, so the page opens on the accounts worth looking at rather
// than a bare search box. Read from the collections page's drill-down shards (one per severity, each
// sorted by past due); hidden once a profile or a search result is shown.
import { Decimal } from "decimal.js";
import type { SeverityRow } from "../../pipelines/publish/export/ageing.ts";
import type { Ctx } from "./context.js";
import { h } from "./dom.js";
import { amount, dateWithHijri, integer } from "./format.js";
import { code } from "./i18n.js";
import { employerLink } from "./links.js";
import { dataTable } from "./table.js";
import { fetchShard, param } from "./url.js";

/** Employers listed. */
export const LARGEST = 20;

const WORDS = {
  title: { ar: "أكبر المتأخرات", en: "Largest arrears" },
  hint: {
    ar: "أصحاب العمل الأعلى في المبالغ المتأخرة؛ اختر أحدهم لفتح ملفه، أو ابحث بالرقم أو الاسم.",
    en: "The employers owing the most past due; open one's profile, or search by id or name.",
  },
};

interface Row extends Record<string, unknown> {
  employer_id: string;
  name_ar: string | null;
  name_en: string | null;
  region: string | null;
  severity: string;
  past_due: string;
  outstanding: string;
  max_days_past_due: number | null;
}

/** The `limit` largest past due over the severities' lists. */
export function largestOf(lists: Row[][], limit = LARGEST): Row[] {
  return lists
    .flat()
    .filter((r) => new Decimal(r.past_due).gt(0))
    .sort((a, b) => new Decimal(b.past_due).cmp(a.past_due) || a.employer_id.localeCompare(b.employer_id))
    .slice(0, limit);
}

export function largestArrears(ctx: Ctx, collections: { default_as_of: string; ageing: SeverityRow[] }, page: HTMLElement): HTMLElement {
  const asOf = collections.default_as_of;
  const target = h("div", { class: "tahseel-largest-arrears", "data-largest-arrears": asOf });
  // a profile asked for by the address, or by the search, takes the page
  if (!ctx.audit || param("id") || param("q")) return target;
  const profile = page.querySelector("#profile");
  if (profile) new MutationObserver(() => (target.hidden = profile.childElementCount > 0)).observe(profile, { childList: true });
  // a severity with something past due has employers owing, so its shard exists (no request fails)
  const severities = collections.ageing.filter((a) => a.as_of === asOf && new Decimal(a.past_due).gt(0)).map((a) => a.severity);
  void Promise.all(severities.map((s) => fetchShard<Row[]>(`ageing/${asOf}/${s}.json`))).then((lists) => {
    const rows = largestOf(lists.map((l) => l ?? []));
    target.replaceChildren(
      h("h2", {}, WORDS.title[ctx.lang]),
      h("p", { class: "hint" }, `${ctx.w("position.at")} ${dateWithHijri(asOf, ctx.lang, ctx.digits)}. ${WORDS.hint[ctx.lang]}`),
      dataTable({
        lang: ctx.lang,
        csv: `largest-arrears-${asOf}`,
        columns: [
          { key: "employer_id", label: ctx.w("employer"), show: (r: Row) => employerLink(ctx, r) },
          { key: "region", label: ctx.w("region"), show: (r) => code(ctx.lang, r.region) },
          { key: "severity", label: ctx.w("severity"), show: (r) => code(ctx.lang, r.severity) },
          { key: "past_due", label: ctx.w("past_due"), numeric: true, show: (r) => amount(r.past_due, ctx.lang, ctx.digits) },
          { key: "outstanding", label: ctx.w("outstanding"), numeric: true, show: (r) => amount(r.outstanding, ctx.lang, ctx.digits) },
          {
            key: "max_days_past_due",
            label: ctx.w("days_past_due"),
            numeric: true,
            show: (r) => integer(r.max_days_past_due, ctx.lang, ctx.digits),
          },
        ],
        rows,
        limit: LARGEST,
      }),
    );
  });
  return target;
}
