// Count phrases that agree with their number: Intl.PluralRules picks the form (Arabic has six —
// zero, one, two, few 3–10, many 11–99, other 100…; English one and other), and each counted noun
// gives its phrase for every form, "{n}" standing for the number in the reader's digits. One helper
// for the pages and the report.
import type { Digits } from "./dates.js";
import { integer } from "./format.js";
import type { Lang } from "./i18n.js";

type ArabicForms = Record<Intl.LDMLPluralRule, string>;
/** English: one and other; zero when "no invoices" reads better than "0 invoices". */
type EnglishForms = { one: string; other: string; zero?: string };
export interface Counted {
  ar: ArabicForms;
  en: EnglishForms;
}

const rules = { ar: new Intl.PluralRules("ar"), en: new Intl.PluralRules("en") };

/** The count phrase for n: plural(3, NOUNS.invoice, "ar") → "3 فواتير". */
export function plural(n: number, noun: Counted, lang: Lang, digits: Digits = "latn"): string {
  const form = rules[lang].select(n);
  const template =
    lang === "ar" ? noun.ar[form] : n === 0 && noun.en.zero !== undefined ? noun.en.zero : form === "one" ? noun.en.one : noun.en.other;
  return template.replace("{n}", integer(n, lang, digits));
}

/**
 * The counted nouns. Arabic: one and two say the number in the noun ("فاتورة واحدة", "فاتورتان"); 3–10
 * take a plural (genitive), 11–99 a singular accusative, 100 and up a singular genitive.
 */
export const NOUNS = {
  invoice: {
    ar: { zero: "لا فواتير", one: "فاتورة واحدة", two: "فاتورتان", few: "{n} فواتير", many: "{n} فاتورة", other: "{n} فاتورة" },
    en: { zero: "no invoices", one: "1 invoice", other: "{n} invoices" },
  },
  standingInvoice: {
    ar: {
      zero: "لا فواتير قائمة",
      one: "فاتورة قائمة واحدة",
      two: "فاتورتان قائمتان",
      few: "{n} فواتير قائمة",
      many: "{n} فاتورة قائمة",
      other: "{n} فاتورة قائمة",
    },
    en: { zero: "no standing invoices", one: "1 standing invoice", other: "{n} standing invoices" },
  },
  withDifference: {
    ar: {
      zero: "لا فواتير بفروقات",
      one: "فاتورة واحدة بفرق",
      two: "فاتورتان بفروقات",
      few: "{n} فواتير بفروقات",
      many: "{n} فاتورة بفروقات",
      other: "{n} فاتورة بفروقات",
    },
    en: { zero: "no invoices with a difference", one: "1 invoice with a difference", other: "{n} invoices with a difference" },
  },
  corrected: {
    ar: {
      zero: "لم تُصحَّح أي فاتورة بإعادة الإصدار",
      one: "فاتورة واحدة صُححت بإعادة الإصدار",
      two: "فاتورتان صُححتا بإعادة الإصدار",
      few: "{n} فواتير صُححت بإعادة الإصدار",
      many: "{n} فاتورة صُححت بإعادة الإصدار",
      other: "{n} فاتورة صُححت بإعادة الإصدار",
    },
    en: { zero: "none corrected by a re-issue", one: "1 corrected by a re-issue", other: "{n} corrected by a re-issue" },
  },
  employer: {
    ar: {
      zero: "لا أحد من أصحاب العمل",
      one: "صاحب عمل واحد",
      two: "صاحبا عمل",
      few: "{n} أصحاب عمل",
      many: "{n} صاحب عمل",
      other: "{n} صاحب عمل",
    },
    en: { zero: "no employers", one: "1 employer", other: "{n} employers" },
  },
  candidate: {
    ar: { zero: "لا مرشحين", one: "مرشح واحد", two: "مرشحان", few: "{n} مرشحين", many: "{n} مرشحًا", other: "{n} مرشح" },
    en: { zero: "no candidates", one: "1 candidate", other: "{n} candidates" },
  },
  contributor: {
    ar: { zero: "لا مشتركين", one: "مشترك واحد", two: "مشتركان", few: "{n} مشتركين", many: "{n} مشتركًا", other: "{n} مشترك" },
    en: { zero: "no contributors", one: "1 contributor", other: "{n} contributors" },
  },
  day: {
    ar: { zero: "0 يوم", one: "يوم واحد", two: "يومان", few: "{n} أيام", many: "{n} يومًا", other: "{n} يوم" },
    en: { one: "1 day", other: "{n} days" },
  },
  row: {
    ar: { zero: "لا سجلات", one: "سجل واحد", two: "سجلان", few: "{n} سجلات", many: "{n} سجلًا", other: "{n} سجل" },
    en: { zero: "no rows", one: "1 row", other: "{n} rows" },
  },
  finding: {
    ar: { zero: "لا ملاحظات", one: "ملاحظة واحدة", two: "ملاحظتان", few: "{n} ملاحظات", many: "{n} ملاحظة", other: "{n} ملاحظة" },
    en: { zero: "no findings", one: "1 finding", other: "{n} findings" },
  },
} as const satisfies Record<string, Counted>;
