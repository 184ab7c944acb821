// Sentences about the numbers, in Arabic and English, for the report and the pages alike. A verb and
// its figure always come from one movement() (format.ts), and a count always from plural().
import { Decimal } from "decimal.js";
import type { BillingSummary } from "../../pipelines/publish/export/billing.ts";
import type { Driver, HeadlineKpi } from "../../pipelines/publish/export/kpis.ts";
import type { SeverityRow, SuspensionSummary } from "../../pipelines/publish/export/ageing.ts";
import { code, type Lang } from "./i18n.js";
import { kpiLabel } from "./kpi-catalogue.js";
import { kpiValue, month, movement, percent, sar, type Digits, type Movement, type Way } from "./format.js";
import { NOUNS, plural, type Counted } from "./plural.js";

const POINTS: Record<Lang, string> = { ar: "نقطة مئوية", en: "points" };
const VERBS: Record<Lang, Record<Way, string>> = {
  ar: { up: "ارتفع", down: "انخفض", flat: "استقر" },
  en: { up: "rose", down: "fell", flat: "was unchanged" },
};
/** The same movement as a noun, for a clause without a subject of its own. */
const NOUNS_OF_WAY: Record<Lang, Record<Way, string>> = {
  ar: { up: "ارتفاع", down: "انخفاض", flat: "استقرار" },
  en: { up: "up", down: "down", flat: "unchanged" },
};

/** Ends a sentence once, even after an amount whose currency sign ends in a full stop. */
export const sentence = (s: string) => (/\.[\u200f\u200e]?$/.test(s) ? s : `${s}.`);

/** "by 29.0%" for a change in per cent, "by 0.3 points" / "by SAR 1,200.00" for one in the unit. */
function byArabic(m: Movement, unitIsRatio: boolean): string {
  return m.absolute || unitIsRatio ? `بمقدار ${m.size}` : `بنسبة ${m.size}`;
}

/** "Collected in the month fell 29.0% on last month to SAR 706,709.68 (up 3.1% on the same month last year)". */
export function kpiClause(k: HeadlineKpi, lang: Lang, digits: Digits): string {
  const label = kpiLabel(lang, k.kpi);
  const value = kpiValue(k.value, k.unit, lang, digits);
  const ratio = k.unit === "ratio";
  const m = movement(k.vs_previous, k.unit, lang, digits, POINTS[lang]);
  const y = movement(k.vs_year_ago, k.unit, lang, digits, POINTS[lang]);
  if (lang === "ar") {
    const main = !m
      ? `${label}: ${value}`
      : m.way === "flat"
        ? `استقر مؤشر «${label}» عند ${value} دون تغير عن الشهر السابق`
        : `${VERBS.ar[m.way]} مؤشر «${label}» ${byArabic(m, ratio)} عن الشهر السابق ليبلغ ${value}`;
    if (!y) return main;
    return y.way === "flat"
      ? `${main}، دون تغير عن الشهر نفسه من العام السابق`
      : `${main}، و${NOUNS_OF_WAY.ar[y.way]} ${byArabic(y, ratio)} عن الشهر نفسه من العام السابق`;
  }
  const main = !m
    ? `${label} was ${value}`
    : m.way === "flat"
      ? `${label} was unchanged on last month at ${value}`
      : `${label} ${VERBS.en[m.way]} ${m.size} on last month to ${value}`;
  if (!y) return main;
  return y.way === "flat" ? `${main} (unchanged on the same month last year)` : `${main} (${y.way} ${y.size} on the same month last year)`;
}

/** A KPI's sentence. */
export const kpiSentence = (k: HeadlineKpi, lang: Lang, digits: Digits): string => sentence(kpiClause(k, lang, digits));

/** ", driven most by Makkah (region, down SAR 286,393.03)": what moved a KPI the most, either way. */
export function driverClause(d: Driver | undefined, lang: Lang, digits: Digits): string {
  const m = d && movement({ delta: d.delta, relative: null }, "SAR", lang, digits);
  if (!d || !m || m.way === "flat") return "";
  const where = code(lang, d.dimension_value, d.dimension);
  if (lang === "ar") return `، وجاء أكبر أثر من «${where}» (${code(lang, d.dimension)}، ${NOUNS_OF_WAY.ar[m.way]} بمقدار ${m.size})`;
  return `, driven most by ${where} (${code(lang, d.dimension).toLowerCase()}, ${m.way} ${m.size})`;
}

/** Employers with critical or high severity and what they owe, at the month's end. */
export function severitySentence(ageing: SeverityRow[], period: string, lang: Lang, digits: Digits): string {
  const serious = ageing.filter((a) => a.severity === "critical" || a.severity === "high");
  const n = serious.reduce((s, a) => s + a.employers, 0);
  const pastDue = serious.reduce((s, a) => s.plus(a.past_due), new Decimal(0));
  const all = ageing.reduce((s, a) => s.plus(a.past_due), new Decimal(0));
  const share = all.isZero() ? null : percent(pastDue.div(all).toString(), lang, digits);
  const when = month(period, lang, digits);
  const owed = sar(pastDue.toFixed(2), lang, digits);
  const employers = plural(n, NOUNS.employer, lang, digits);
  const shareAr = share ? ` (${share} من الإجمالي)` : "";
  if (lang === "ar")
    return sentence(
      n === 0
        ? `في نهاية ${when} لم يُصنَّف أحد من أصحاب العمل بخطورة حرجة أو عالية`
        : `في نهاية ${when} صُنّف ${employers} بخطورة حرجة أو عالية، بمتأخرات قدرها ${owed}${shareAr}`,
    );
  return sentence(
    n === 0
      ? `At the end of ${when}, no employer had critical or high severity`
      : `At the end of ${when}, ${employers} had critical or high severity, owing ${owed} past due` +
          (share ? ` (${share} of all arrears)` : ""),
  );
}

/** How many employers are suspension candidates, and for how much. */
export function suspensionSentence(s: Pick<SuspensionSummary, "employers" | "past_due_undisputed">, lang: Lang, digits: Digits): string {
  const amount = sar(s.past_due_undisputed, lang, digits);
  const n = s.employers;
  if (lang === "ar")
    return sentence(
      n === 0
        ? "لا يوجد مرشحون لإيقاف الخدمات"
        : `رُشّح ${plural(n, NOUNS.employer, lang, digits)} لإيقاف الخدمات، بمتأخرات غير معترض عليها قدرها ${amount}`,
    );
  if (n === 0) return sentence("No employer is a suspension candidate");
  return sentence(
    `${plural(n, NOUNS.employer, lang, digits)} ${n === 1 ? "is a suspension candidate" : "are suspension candidates"}, ` +
      `with ${amount} undisputed past due`,
  );
}

/** Clauses whose wording turns on a count: each form is the whole clause. */
const POSTED_MANUALLY: Counted = {
  ar: {
    zero: "ولم تُرحَّل أي منها يدويًا",
    one: "رُحّلت منها يدويًا فاتورة واحدة",
    two: "رُحّلت منها يدويًا فاتورتان",
    few: "رُحّلت منها يدويًا {n} فواتير",
    many: "رُحّلت منها يدويًا {n} فاتورة",
    other: "رُحّلت منها يدويًا {n} فاتورة",
  },
  en: { zero: "none of them posted manually", one: "1 of them posted manually", other: "{n} of them posted manually" },
};
const CORRECTED: Counted = {
  ar: {
    zero: "ولم تُصحَّح أي فاتورة بإعادة الإصدار",
    one: "وصُحّحت فاتورة واحدة بإعادة الإصدار",
    two: "وصُحّحت فاتورتان بإعادة الإصدار",
    few: "وصُحّحت {n} فواتير بإعادة الإصدار",
    many: "وصُحّحت {n} فاتورة بإعادة الإصدار",
    other: "وصُحّحت {n} فاتورة بإعادة الإصدار",
  },
  en: {
    zero: "none was corrected by a re-issue",
    one: "1 more was corrected by a re-issue",
    other: "{n} more were corrected by a re-issue",
  },
};

/** Standing invoices whose amount differs from the recomputed one, how many were posted by hand, how many were re-issued. */
export function billingSentence(s: BillingSummary, manual: number, lang: Lang, digits: Digits): string {
  const n = s.active_with_difference;
  const by = sar(s.abs_difference, lang, digits);
  const corrected = plural(s.cancelled_with_difference, CORRECTED, lang, digits);
  const invoices = plural(n, NOUNS.standingInvoice, lang, digits);
  const posted = plural(manual, POSTED_MANUALLY, lang, digits);
  if (lang === "ar") {
    const head =
      n === 0
        ? "لا تختلف أي فاتورة قائمة عن المبلغ المعاد احتسابه"
        : `يختلف مبلغ ${invoices} عن المبلغ المعاد احتسابه، بمجموع فروقات مطلقة قدره ${by}، ${posted}`;
    return sentence(`${head}؛ ${corrected}`);
  }
  const head =
    n === 0
      ? "No standing invoice differs from the recomputed amount"
      : `${invoices} ${n === 1 ? "differs" : "differ"} from the recomputed amount, by ${by} in absolute terms, ${posted}`;
  return sentence(`${head}; ${corrected}`);
}
