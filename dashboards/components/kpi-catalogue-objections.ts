// The objection KPIs of the catalogue (rules.md §6); core.kpi_objections computes them and says which
// month each objection counts in. Split from kpi-catalogue.ts only to keep files short.
import { type KpiEntry, MONTHLY as monthly } from "./kpi-entry.js";

export const OBJECTION_KPIS = {
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
