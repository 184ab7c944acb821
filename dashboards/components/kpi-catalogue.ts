// The KPI catalogue: the one list of the fund's KPIs, with their words in both languages, their unit,
// which way is better, the model computing them and the dimensions they are cut by. The pages, the
// report, the model's tests and the docs read it; adding a KPI is one entry here plus its SQL.
// (Plain data, no library: the site's browser bundle imports it as is; tests/kpi-catalogue.test.ts
// validates it with zod and holds it against the warehouse and the docs.)

/** per_1000: a count per 1,000 of something (objections per 1,000 invoices), shown with one decimal. */
export type Unit = "SAR" | "ratio" | "days" | "count" | "per_1000";
/** Which way the figure should move: "none" for a volume that is neither good nor bad in itself. */
export type Better = "up" | "down" | "none";
export type Dimension = "region" | "sector" | "size_class" | "legal_form";
type Words = { ar: string; en: string };

export interface KpiEntry {
  unit: Unit;
  better: Better;
  /** The model that computes it, as schema.name. */
  model: string;
  dimensions: readonly Dimension[];
  label: Words;
  /** One sentence; the model's full description is on the data health page. */
  definition: Words;
  /** Led with on the overview and in the report, in catalogue order. */
  headline?: true;
}

export const KPI_DIMENSIONS: readonly Dimension[] = ["region", "sector", "size_class", "legal_form"];
const monthly = { model: "marts.kpi_monthly", dimensions: KPI_DIMENSIONS } as const;

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
  // objections (rules.md §6; core.kpi_objections says which month each objection counts in)
  objections_per_1000_invoices: {
    ...monthly,
    unit: "per_1000",
    // an objection is an invoice the employer believes wrong
    better: "down",
    label: { ar: "الاعتراضات لكل 1,000 فاتورة", en: "Objections per 1,000 invoices" },
    definition: {
      ar: "الاعتراضات المقدمة في الشهر لكل 1,000 فاتورة صادرة فيه.",
      en: "Objections submitted in the month per 1,000 invoices issued in it.",
    },
  },
  objection_days_to_decision: {
    ...monthly,
    unit: "days",
    better: "down",
    label: { ar: "وسيط أيام البت في الاعتراض", en: "Median days to decide an objection" },
    definition: {
      ar: "وسيط الأيام من تقديم الاعتراض إلى البت فيه، للاعتراضات المبتوت فيها في الشهر.",
      en: "Median days from submission to decision of the objections decided in the month.",
    },
  },
  objection_sla_breach_rate: {
    ...monthly,
    unit: "ratio",
    better: "down",
    label: { ar: "نسبة تجاوز مستوى الخدمة في الاعتراضات", en: "Objection SLA breach rate" },
    definition: {
      ar: "من الاعتراضات المبتوت فيها في الشهر، نسبة ما بُتّ فيه بعد 30 يومًا (60 عند الإحالة).",
      en: "Of the objections decided in the month, the share decided after 30 days (60 when escalated).",
    },
  },
  objections_favoured_share: {
    ...monthly,
    unit: "ratio",
    // a concession is an invoice that was wrong: fewer is better billing
    better: "down",
    label: { ar: "حصة الاعتراضات المقبولة لصالح المنشأة", en: "Objections decided in the employer's favour" },
    definition: {
      ar: "من الاعتراضات المبتوت فيها في الشهر، نسبة المقبولة كليًا أو جزئيًا.",
      en: "Of the objections decided in the month, the share accepted in full or in part.",
    },
  },
  objections_favoured_amount_share: {
    ...monthly,
    unit: "ratio",
    better: "down",
    label: { ar: "حصة المبالغ المقبولة من المعترض عليه", en: "Amount conceded of the amount contested" },
    definition: {
      ar: "المبالغ المقبولة للمنشآت مقسومة على المبالغ المعترض عليها، للاعتراضات المبتوت فيها في الشهر.",
      en: "Amounts conceded divided by the amounts contested, over the objections decided in the month.",
    },
  },
  objection_backlog: {
    ...monthly,
    unit: "count",
    better: "down",
    label: { ar: "الاعتراضات القائمة", en: "Open objections" },
    definition: {
      ar: "الاعتراضات المقدمة التي لم يُبت فيها في نهاية الشهر.",
      en: "Objections submitted and not yet decided at the month's end.",
    },
  },
  objection_backlog_amount: {
    ...monthly,
    unit: "SAR",
    better: "down",
    label: { ar: "مبالغ الاعتراضات القائمة", en: "Amount under open objections" },
    definition: {
      ar: "المبالغ المعترض عليها في الاعتراضات القائمة في نهاية الشهر.",
      en: "What the open objections contest at the month's end.",
    },
  },
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
