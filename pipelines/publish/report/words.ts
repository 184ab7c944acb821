// The report's own words (the site's are in dashboards/components/i18n.ts), Arabic and English.
import type { Lang } from "../types.ts";

const WORDS = {
  classification: { ar: "داخلي — مقيد", en: "Internal — restricted" },
  page: { ar: "صفحة", en: "Page" },
  of: { ar: "من", en: "of" },
  "cover.kicker": { ar: "إدارة الاشتراكات والفوترة", en: "Contributions and billing department" },
  "cover.figures": { ar: "أرقام الشهر", en: "The month in figures" },
  "cover.highlights": { ar: "أبرز ما تغيّر، الأكبر أولًا", en: "What moved most, largest first" },
  "cover.no_change": { ar: "لم يتغير أي مؤشر عن الشهر السابق.", en: "No indicator changed from last month." },
  "vs.previous": { ar: "عن الشهر السابق", en: "on last month" },
  "movement.page": { ar: "الأرصدة والمتأخرات", en: "Balances and arrears" },
  "movement.step": { ar: "الحركة في الشهر", en: "Movement in the month" },
  "movement.title": { ar: "حركة الرصيد القائم في الشهر", en: "The month's movement in what employers owe" },
  "movement.opening": { ar: "الرصيد في بداية الشهر", en: "Opening outstanding" },
  "movement.billed": { ar: "+ المفوتر", en: "+ Billed" },
  "movement.collected": { ar: "− المحصل", en: "− Collected" },
  "movement.adjustments": { ar: "± التسويات", en: "± Adjustments" },
  "movement.credit": { ar: "± مدفوعات محتفظ بها رصيدًا دائنًا", en: "± Payments held as credit" },
  "movement.closing": { ar: "الرصيد في نهاية الشهر", en: "Closing outstanding" },
  "movement.arrears": { ar: "منه متأخرات (تجاوز تاريخ الاستحقاق)", en: "of which arrears (past due)" },
  "movement.adjustments.note": {
    ar: "التسويات المعتمدة في الشهر على الفواتير: تصحيح أجور، تسجيل بأثر رجعي، إعفاء من الغرامات، تسوية اعتراض.",
    en: "Adjustments approved in the month: wage corrections, retroactive registrations, fee waivers, dispute settlements.",
  },
  "movement.credit.note": {
    ar: "تغير الأرصدة الدائنة: ما دُفع زيادة عن المستحق ولم يُخصص بعد لفاتورة.",
    en: "The change in credit balances: paid beyond what is owed, not yet applied to an invoice.",
  },
  total: { ar: "الإجمالي", en: "Total" },
  "movement.note": {
    ar: "الرصيد القائم = المفوتر + التسويات − المحصل، والمبلغ المدفوع زيادة عن المستحق يبقى رصيدًا دائنًا لا يخفض الرصيد القائم.",
    en: "Outstanding = billed + adjustments − collected; a payment beyond what is owed is held as credit and does not reduce it.",
  },
  "chart.trend": { ar: "التحصيل مقابل الفوترة، آخر 13 شهرًا", en: "Collections against billing, last 13 months" },
  "chart.arrears_trend": { ar: "المتأخرات في نهاية كل شهر", en: "Arrears at each month's end" },
  "chart.ageing": { ar: "المتأخرات حسب فترة التأخر ودرجة الخطورة", en: "Arrears by ageing bucket and severity" },
  "chart.sar": { ar: "ر.س.", en: "SAR" },
  "drivers.title": { ar: "مصادر التغير حسب المجموعة", en: "Where each change came from" },
  "drivers.explain": {
    ar: "لكل مؤشر مبلغ أو عدد: المجموعة ذات أكبر تغير في كل بُعد منذ الشهر السابق، وحصتها من تغير المؤشر كله (المبالغ مقربة إلى الريال).",
    en:
      "For each amount or count: the group that changed most in each dimension since last month, " +
      "and its share of the whole change (amounts to the riyal).",
  },
  "drivers.whole": { ar: "التغير الكلي", en: "Whole change" },
  share: { ar: "الحصة", en: "Share" },
  "kpis.note": {
    ar: "النسب تتغير بالنقاط المئوية، والمبالغ والأعداد بالنسبة المئوية من قيمتها السابقة.",
    en: "Ratios change in percentage points; amounts and counts in per cent of their earlier value.",
  },
} as const;

export type Word = keyof typeof WORDS;
export const w = (lang: Lang, key: Word): string => WORDS[key][lang];
