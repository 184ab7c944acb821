// The management report's objections section: the backlog at the month's end against the month before,
// the month's service-level breach rate, and what was conceded in the month by category — each as a
// sentence computed from the numbers, in Arabic and English, with the table behind it. Aggregates only,
// so the management and audit editions print the same section.
import type { DuckDBConnection } from "@duckdb/node-api";
import { Decimal } from "decimal.js";
import { amount, integer, month, percent, sar, type Digits } from "../../../dashboards/components/format.ts";
import { code, t, type Lang } from "../../../dashboards/components/i18n.ts";
import { OBJECTION_NOUN } from "../../../dashboards/components/objection-noun.ts";
import { plural } from "../../../dashboards/components/plural.ts";
import { queryRows } from "../../lib/duckdb.ts";
import { hasObjections } from "../export/objections.ts";
import type { ObjectionTile } from "../page-data/objection-tile.ts";
import { esc } from "./svg.ts";
import { num, para, table } from "./table.ts";

/** The objections decided in the report month, by category. */
export type ConcededRow = { category: string; decided: number; favoured: number; disputed_amount: string; conceded: string };

export async function objectionsByCategory(c: DuckDBConnection, period: string): Promise<ConcededRow[] | null> {
  if (!(await hasObjections(c))) return null;
  return queryRows<ConcededRow & Record<string, unknown>>(
    c,
    `SELECT category, count(*)::INTEGER AS decided,
       count(*) FILTER (WHERE outcome IN ('accepted', 'partially_accepted'))::INTEGER AS favoured,
       CAST(sum(disputed_amount) AS DECIMAL(18,2))::VARCHAR AS disputed_amount,
       CAST(coalesce(sum(resolved_amount) FILTER (WHERE outcome IN ('accepted', 'partially_accepted')), 0) AS DECIMAL(18,2))::VARCHAR
         AS conceded
     FROM marts.dispute_lifecycle WHERE strftime(closed_on, '%Y-%m') = $period GROUP BY category ORDER BY conceded DESC, category`,
    { period },
  );
}

/** "12 objections were open … 3 more than a month before." */
export function backlogSentence(tile: ObjectionTile, lang: Lang, dg: Digits): string {
  const m = month(tile.period, lang, dg);
  const open = plural(tile.open, OBJECTION_NOUN, lang, dg);
  const diff = tile.previous_open === null ? null : tile.open - tile.previous_open;
  const by = diff === null ? "" : integer(Math.abs(diff), lang, dg);
  if (lang === "ar") {
    const change =
      diff === null ? "" : diff === 0 ? "، دون تغيير عن الشهر السابق" : `، ب${diff > 0 ? "زيادة" : "انخفاض"} ${by} عن الشهر السابق`;
    const amountAr = sar(tile.open_amount, lang, dg);
    return `في نهاية ${m} كان عدد الاعتراضات القائمة ${integer(tile.open, lang, dg)} بمبالغ معترض عليها قدرها ${amountAr}${change}.`;
  }
  const change =
    diff === null ? "" : diff === 0 ? ", as many as a month before" : `, ${by} ${diff > 0 ? "more" : "fewer"} than a month before`;
  return `At the end of ${m}, ${open} ${tile.open === 1 ? "was" : "were"} open, contesting ${sar(tile.open_amount, lang, dg)}${change}.`;
}

/** "Of the 20 objections decided in October 2026, 25.0% were decided past their service level." */
export function slaSentence(tile: ObjectionTile, decided: number, lang: Lang, dg: Digits): string {
  const m = month(tile.period, lang, dg);
  if (decided === 0 || tile.sla_breach_rate === null)
    return lang === "ar" ? `لم يُبتّ في أي اعتراض في ${m}.` : `No objection was decided in ${m}.`;
  const rate = percent(tile.sla_breach_rate, lang, dg);
  return lang === "ar"
    ? `عدد الاعتراضات التي بُتّ فيها في ${m}: ${integer(decided, lang, dg)}، بُتّ في ${rate} منها بعد انقضاء مستوى الخدمة.`
    : `Of the ${plural(decided, OBJECTION_NOUN, lang, dg)} decided in ${m}, ${rate} were decided past their service level.`;
}

/** "SAR 1,200.00 was conceded … most of it on Wage mismatch (SAR 800.00)." */
export function concededSentence(rows: ConcededRow[], period: string, lang: Lang, dg: Digits): string {
  const m = month(period, lang, dg);
  const total = rows.reduce((a, r) => a.plus(r.conceded), new Decimal(0));
  if (total.isZero()) return lang === "ar" ? `لم يُقبل أي مبلغ للمنشآت في ${m}.` : `Nothing was conceded to employers in ${m}.`;
  const top = [...rows].sort((a, b) => new Decimal(b.conceded).comparedTo(a.conceded))[0]!;
  const cat = code(lang, top.category);
  const [all, most] = [sar(total.toFixed(2), lang, dg), sar(top.conceded, lang, dg)];
  return lang === "ar"
    ? `قُبل للمنشآت ${all} في اعتراضات بُتّ فيها في ${m}، أكثرها في فئة «${cat}» (${most}).`
    : `${all} was conceded to employers on objections decided in ${m}, most of it on ${cat} (${most}).`;
}

export function objectionsPage(
  tile: ObjectionTile | null | undefined,
  rows: ConcededRow[] | null | undefined,
  lang: Lang,
  dg: Digits,
): string {
  if (!tile || !rows) return "";
  const decided = rows.reduce((a, r) => a + r.decided, 0);
  const sum = (k: "disputed_amount" | "conceded") => rows.reduce((a, r) => a.plus(r[k]), new Decimal(0)).toFixed(2);
  const byCategory = table(
    [
      t(lang, "category"),
      num(esc(t(lang, "objections.decided_count"))),
      num(esc(t(lang, "objections.favoured"))),
      num(esc(t(lang, "disputed_amount"))),
      num(esc(t(lang, "conceded"))),
    ],
    rows.map((r) => [
      esc(code(lang, r.category)),
      num(integer(r.decided, lang, dg)),
      num(integer(r.favoured, lang, dg)),
      num(amount(r.disputed_amount, lang, dg)),
      num(amount(r.conceded, lang, dg)),
    ]),
    {
      total: [
        esc(t(lang, "total")),
        num(integer(decided, lang, dg)),
        num(
          integer(
            rows.reduce((a, r) => a + r.favoured, 0),
            lang,
            dg,
          ),
        ),
        num(amount(sum("disputed_amount"), lang, dg)),
        num(amount(sum("conceded"), lang, dg)),
      ],
    },
  );
  return (
    `<section class="page" data-section="report.objections"><h2>${esc(t(lang, "report.objections"))}</h2>` +
    para(backlogSentence(tile, lang, dg)) +
    para(slaSentence(tile, decided, lang, dg)) +
    para(concededSentence(rows, tile.period, lang, dg)) +
    (rows.length ? byCategory : "") +
    para(t(lang, "objections.backlog.explain"), "note") +
    `</section>`
  );
}
