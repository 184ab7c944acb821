// The report's plain-language commentary, computed from the numbers: which way each figure moved,
// by how much, and which region or sector moved it most. Sentences in Arabic and English.
import { Decimal } from "decimal.js";
import { kpiChange, kpiValue, percent, sar, integer, month, type Digits } from "../../../dashboards/components/format.ts";
import { code, kpiLabel, type Lang } from "../../../dashboards/components/i18n.ts";
import type { Change, Driver, HeadlineKpi } from "../export/kpis.ts";
import type { Overview } from "../export/overview.ts";
import type { BillingBreakdown } from "../export/billing.ts";

type Direction = "up" | "down" | "flat";
const direction = (delta: string | undefined): Direction =>
  !delta || new Decimal(delta).isZero() ? "flat" : new Decimal(delta).isPositive() ? "up" : "down";

const VERBS: Record<Lang, Record<Direction, string>> = {
  ar: { up: "ارتفع", down: "انخفض", flat: "استقر" },
  en: { up: "rose", down: "fell", flat: "was unchanged" },
};

/** A change without its sign: the verb says which way. */
const magnitude = (c: Change | null): Change | null =>
  c && { delta: c.delta.replace(/^-/, ""), relative: c.relative?.replace(/^-/, "") ?? null };

/** Ends a sentence once, even after an amount whose currency sign ends in a full stop. */
export const sentence = (s: string) => (/\.[\u200f\u200e]?$/.test(s) ? s : `${s}.`);

/** "collections rose 4.2% on last month to SAR 700,253.72" — for a KPI that has a previous month. */
export const kpiSentence = (k: HeadlineKpi, lang: Lang, digits: Digits): string => sentence(kpiClause(k, lang, digits));

function kpiClause(k: HeadlineKpi, lang: Lang, digits: Digits): string {
  const label = kpiLabel(lang, k.kpi);
  const value = kpiValue(k.value, k.unit, lang, digits);
  const change = kpiChange(magnitude(k.vs_previous), k.unit, lang, digits, lang === "ar" ? "نقطة" : "points");
  const dir = direction(k.vs_previous?.delta);
  const yearly = kpiChange(k.vs_year_ago, k.unit, lang, digits, lang === "ar" ? "نقطة" : "points");
  if (lang === "ar") {
    const main =
      !change || dir === "flat" ? `${label}: ${value}` : `${VERBS.ar[dir]} مؤشر «${label}» بنسبة ${change} عن الشهر السابق ليبلغ ${value}`;
    return yearly ? `${main}، وتغيّر ${yearly} مقارنة بالشهر نفسه من العام السابق` : main;
  }
  const main = !change || dir === "flat" ? `${label} was ${value}` : `${label} ${VERBS.en[dir]} ${change} on last month to ${value}`;
  return yearly ? `${main} (${yearly} on the same month last year)` : main;
}

function driverClause(d: Driver | undefined, lang: Lang, digits: Digits): string {
  if (!d || new Decimal(d.delta).isZero()) return "";
  const where = code(lang, d.dimension_value, d.dimension);
  const by = sar(new Decimal(d.delta).abs().toFixed(2), lang, digits);
  const dir = direction(d.delta);
  return lang === "ar"
    ? `، وكان أكبر أثر من ${code(lang, d.dimension, undefined)} «${where}» التي ${dir === "up" ? "زادت" : "نقصت"} بمقدار ${by}`
    : `, driven most by ${where} (${code(lang, d.dimension)}, ${dir === "up" ? "up" : "down"} ${by})`;
}

/** A KPI's clause with what drove it, as one sentence. */
const withDriver = (clause: string, driver: string) => sentence(clause + driver);

/** The summary: a handful of sentences a manager can read in a minute. */
export function summary(o: Overview, billing: BillingBreakdown, lang: Lang, digits: Digits): string[] {
  const k = (name: string) => o.kpis.find((x) => x.kpi === name);
  const out: string[] = [];
  const collected = k("collected");
  if (collected) out.push(withDriver(kpiClause(collected, lang, digits), driverClause(o.drivers.collected?.[0], lang, digits)));
  const billed = k("billed");
  if (billed) out.push(kpiSentence(billed, lang, digits));
  const onTime = k("on_time_collection_rate");
  if (onTime) out.push(kpiSentence(onTime, lang, digits));
  const arrears = k("arrears");
  if (arrears) out.push(withDriver(kpiClause(arrears, lang, digits), driverClause(o.drivers.arrears?.[0], lang, digits)));
  out.push(severitySentence(o, lang, digits));
  out.push(suspensionSentence(o, lang, digits));
  out.push(billingSentence(billing, lang, digits));
  return out;
}

export function severitySentence(o: Overview, lang: Lang, digits: Digits): string {
  const serious = o.ageing.filter((a) => a.severity === "critical" || a.severity === "high");
  const employers = serious.reduce((n, a) => n + a.employers, 0);
  const pastDue = serious.reduce((s, a) => s.plus(a.past_due), new Decimal(0));
  const all = o.ageing.reduce((s, a) => s.plus(a.past_due), new Decimal(0));
  const share = all.isZero() ? null : pastDue.div(all).toString();
  return sentence(
    lang === "ar"
      ? `في ${month(o.period, lang, digits)} صُنّف ${integer(employers, lang, digits)} ` +
          `من أصحاب العمل بخطورة حرجة أو عالية، ` +
          `وعليهم ${sar(pastDue.toFixed(2), lang, digits)} من المتأخرات` +
          `${share ? ` (${percent(share, lang, digits)} من الإجمالي)` : ""}`
      : `At the end of ${month(o.period, lang, digits)}, ${integer(employers, lang, digits)} ` +
          `employers had critical or high severity, ` +
          `owing ${sar(pastDue.toFixed(2), lang, digits)} past due` +
          `${share ? ` (${percent(share, lang, digits)} of all arrears)` : ""}`,
  );
}

export function suspensionSentence(o: Overview, lang: Lang, digits: Digits): string {
  const n = integer(o.suspension.employers, lang, digits);
  const amount = sar(o.suspension.past_due_undisputed, lang, digits);
  return sentence(
    lang === "ar"
      ? `يوجد ${n} من المرشحين لإيقاف الخدمات، بمتأخرات غير معترض عليها قدرها ${amount}`
      : `${n} employers are suspension candidates, with ${amount} undisputed past due`,
  );
}

export function billingSentence(b: BillingBreakdown, lang: Lang, digits: Digits): string {
  const s = b.summary;
  const manual = b.by_posting.find((p) => p.posting === "manual") as { with_difference?: number } | undefined;
  return sentence(
    lang === "ar"
      ? `يختلف مبلغ ${integer(s.active_with_difference, lang, digits)} فاتورة قائمة عن المبلغ المعاد احتسابه ` +
          `بمجموع فروقات مطلقة ${sar(s.abs_difference, lang, digits)}، ` +
          `منها ${integer(manual?.with_difference ?? 0, lang, digits)} رُحّلت يدويًا؛ ` +
          `و${integer(s.cancelled_with_difference, lang, digits)} فاتورة صُححت بإعادة الإصدار`
      : `${integer(s.active_with_difference, lang, digits)} standing invoices differ from the recomputed amount, ` +
          `by ${sar(s.abs_difference, lang, digits)} in absolute terms, ` +
          `${integer(manual?.with_difference ?? 0, lang, digits)} of them posted manually; ` +
          `${integer(s.cancelled_with_difference, lang, digits)} more were corrected by a re-issue`,
  );
}
