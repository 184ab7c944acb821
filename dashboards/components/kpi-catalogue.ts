// The KPI catalogue: the one list of the fund's KPIs, with their words in both languages, their unit,
// which way is better, the model computing them and the dimensions they are cut by. The pages, the
// report, the model's tests and the docs read it; adding a KPI is one entry here plus its SQL.
// (Plain data, no library: the site's browser bundle imports it as is; tests/kpi-catalogue.test.ts
// validates it with zod and holds it against the warehouse and the docs.)

import { CHANNEL_KPIS, COMPLIANCE_KPIS } from "./kpi-catalogue-compliance.js";
import { OBJECTION_KPIS } from "./kpi-catalogue-objections.js";
import { type KpiEntry, KPI_DIMENSIONS, MONTHLY } from "./kpi-entry.js";

export type { Better, Dimension, KpiEntry, Unit } from "./kpi-entry.js";
export { KPI_DIMENSIONS };
const monthly = MONTHLY;

export const KPI_CATALOGUE = {
  billed: {
    ...monthly,
    unit: "SAR",
    better: "none",
    headline: true,
    label: { ar: "المفوتر في الشهر", en: "Billed in the month" },
    definition: {
      ar: "الفواتير الصادرة في الشهر مطروحًا منها ما أُلغي بإعادة الإصدار في الشهر.",
      en: "Invoices issued in the month less invoices cancelled by a re-issue in the month.",
    },
  },
  collected: {
    ...monthly,
    unit: "SAR",
    better: "up",
    headline: true,
    label: { ar: "المحصل في الشهر", en: "Collected in the month" },
    definition: {
      ar: "المدفوعات المستلمة في الشهر مطروحًا منها المدفوعات المعكوسة في الشهر.",
      en: "Payments received in the month less payments reversed in the month.",
    },
  },
  on_time_collection_rate: {
    ...monthly,
    unit: "ratio",
    better: "up",
    headline: true,
    label: { ar: "نسبة التحصيل في الموعد", en: "On-time collection rate" },
    definition: {
      ar: "نسبة ما سُدد من فواتير اشتراكات الشهر بحلول تاريخ استحقاقها.",
      en: "Share of the month's contribution invoices paid by their due date.",
    },
  },
  collection_rate_to_date: {
    ...monthly,
    unit: "ratio",
    better: "up",
    label: { ar: "نسبة التحصيل حتى تاريخه", en: "Collection rate to date" },
    definition: {
      ar: "نسبة ما سُدد من فواتير اشتراكات الشهر حتى تاريخ البيانات.",
      en: "Share of the month's contribution invoices paid by the as-of date.",
    },
  },
  arrears: {
    ...monthly,
    unit: "SAR",
    better: "down",
    headline: true,
    label: { ar: "المتأخرات", en: "Arrears" },
    definition: {
      ar: "المبالغ المفتوحة التي تجاوزت تاريخ استحقاقها في نهاية الشهر.",
      en: "Open amounts past their due date at the month's end.",
    },
  },
  arrears_ratio: {
    ...monthly,
    unit: "ratio",
    better: "down",
    headline: true,
    label: { ar: "نسبة المتأخرات إلى فوترة 12 شهرًا", en: "Arrears ratio (to 12 months' billing)" },
    definition: { ar: "المتأخرات مقسومة على فوترة آخر 12 شهرًا.", en: "Arrears divided by the billing of the trailing 12 months." },
  },
  days_sales_outstanding: {
    ...monthly,
    unit: "days",
    better: "down",
    headline: true,
    label: { ar: "أيام التحصيل القائمة", en: "Days sales outstanding" },
    definition: {
      ar: "الرصيد القائم مقسومًا على فوترة آخر 3 أشهر مضروبًا في عدد أيامها.",
      en: "Outstanding divided by the trailing 3 months' billing, times their days.",
    },
  },
  outstanding: {
    ...monthly,
    unit: "SAR",
    better: "none",
    label: { ar: "الرصيد القائم", en: "Outstanding" },
    definition: {
      ar: "كل المبالغ المفتوحة في نهاية الشهر، المستحقة وغير المستحقة.",
      en: "All open amounts at the month's end, due or not.",
    },
  },
  employers_paying_on_time_share: {
    ...monthly,
    unit: "ratio",
    better: "up",
    headline: true,
    label: { ar: "حصة المنشآت الملتزمة بالسداد", en: "Employers paying on time" },
    definition: {
      ar: "من المنشآت المطالبة بفاتورة الشهر، نسبة من سدد كامل المبلغ في موعده.",
      en: "Of the employers owing on the month's invoice, the share that paid it in full by the due date.",
    },
  },
  adjustment_rate: {
    ...monthly,
    unit: "ratio",
    better: "down",
    label: { ar: "نسبة التسويات", en: "Adjustment rate" },
    definition: {
      ar: "القيمة المطلقة للتسويات المعتمدة في الشهر مقسومة على المفوتر في الشهر.",
      en: "Approved adjustments approved in the month, in absolute value, divided by the month's billing.",
    },
  },
  manual_posting_rate: {
    ...monthly,
    unit: "ratio",
    better: "down",
    label: { ar: "نسبة الترحيل اليدوي", en: "Manual posting rate" },
    definition: {
      ar: "الفواتير المرحّلة يدويًا من بين الفواتير الصادرة في الشهر.",
      en: "Invoices posted manually, of the invoices issued in the month.",
    },
  },
  credit_balances_held: {
    ...monthly,
    unit: "SAR",
    better: "none",
    headline: true,
    label: { ar: "الأرصدة الدائنة", en: "Credit balances held" },
    definition: { ar: "المبالغ المدفوعة زيادة عن المستحق في نهاية الشهر.", en: "Overpayments held at the month's end." },
  },
  late_fee_billed: {
    ...monthly,
    unit: "SAR",
    // more late fees billed means more employers paid late
    better: "down",
    headline: true,
    label: { ar: "غرامات التأخير المفوترة", en: "Late fees billed" },
    definition: { ar: "فواتير غرامات التأخير الصادرة في الشهر.", en: "Late-fee invoices issued in the month." },
  },
  late_fee_waived: {
    ...monthly,
    unit: "SAR",
    // a waiver forgoes a fee the rules impose; waivers concentrating is a control finding
    better: "down",
    label: { ar: "غرامات التأخير المعفاة", en: "Late fees waived" },
    definition: {
      ar: "إعفاءات غرامات التأخير المعتمدة في الشهر.",
      en: "Late-fee waivers approved in the month.",
    },
  },
  coverage_gaps: {
    ...monthly,
    unit: "count",
    better: "down",
    headline: true,
    label: { ar: "فجوات التغطية", en: "Coverage gaps" },
    definition: { ar: "أشهر مشتركين على رأس العمل دون أجر مصرح به.", en: "Engaged contributor-months with no wage declared." },
  },
  // compliance (rules.md §5) and collections by payment channel: kpi-catalogue-compliance.ts
  ...COMPLIANCE_KPIS,
  ...CHANNEL_KPIS,
  // objections (rules.md §6; core.kpi_objections says which month each counts in): kpi-catalogue-objections.ts
  ...OBJECTION_KPIS,
} as const satisfies Record<string, KpiEntry>;

export type Kpi = keyof typeof KPI_CATALOGUE;
type Lang = "ar" | "en";

export const KPIS = Object.keys(KPI_CATALOGUE) as Kpi[];
export const HEADLINE_KPIS: Kpi[] = KPIS.filter((k) => (KPI_CATALOGUE[k] as KpiEntry).headline);
export const isKpi = (key: string): key is Kpi => Object.hasOwn(KPI_CATALOGUE, key);
export const kpiEntry = (key: string): KpiEntry | undefined => (isKpi(key) ? KPI_CATALOGUE[key] : undefined);

/** The KPI's name; its key when it is not catalogued, so a gap shows instead of breaking. */
export const kpiLabel = (lang: Lang, kpi: string): string => kpiEntry(kpi)?.label[lang] ?? kpi;
export const kpiDefinition = (lang: Lang, kpi: string): string | undefined => kpiEntry(kpi)?.definition[lang];

/** What a move of the figure means: good, bad, neutral (no better direction) or none (it did not move). */
export type Tone = "good" | "bad" | "neutral" | "flat";
export function tone(kpi: string, way: "up" | "down" | "flat"): Tone {
  if (way === "flat") return "flat";
  const better = kpiEntry(kpi)?.better ?? "none";
  return better === "none" ? "neutral" : better === way ? "good" : "bad";
}
