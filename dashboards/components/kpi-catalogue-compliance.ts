// The KPI catalogue's compliance and payment-channel entries (spread into kpi-catalogue.ts), computed
// by marts.kpi_monthly's block over marts.compliance_monthly and staging.stg_payments. The rates'
// denominator is the employers with an obligation that month (engaged, so a row of
// marts.compliance_monthly); a payment is judged once its due date has passed (docs/compliance.md).
import { type KpiEntry, MONTHLY, type Words } from "./kpi-entry.js";

export const COMPLIANCE_KPIS = {
  compliance_rate: {
    ...MONTHLY,
    unit: "ratio",
    better: "up",
    label: { ar: "نسبة الالتزام", en: "Compliance rate" },
    definition: {
      ar:
        "من المنشآت الملزمة في الشهر وقد حلّ تاريخ استحقاقه، نسبة من صرّحت عن أجور كل مشتركيها في الموعد " +
        "وسددت فاتورة الشهر كاملة بحلول استحقاقها.",
      en:
        "Of the employers with an obligation in the month whose due date has passed, the share that declared every engaged " +
        "contributor on time and paid the month's invoice in full by its due date.",
    },
  },
  declared_on_time_rate: {
    ...MONTHLY,
    unit: "ratio",
    better: "up",
    label: { ar: "نسبة التصريح في الموعد", en: "Declared-on-time rate" },
    definition: {
      ar: "من المنشآت الملزمة في الشهر، نسبة من صرّحت عن أجر كل مشترك مرتبط بها قبل نهاية الشهر.",
      en:
        "Of the employers with an obligation in the month, the share that declared a wage for every engaged contributor " +
        "by the month's end.",
    },
  },
  paid_by_due_rate: {
    ...MONTHLY,
    unit: "ratio",
    better: "up",
    label: { ar: "نسبة السداد الكامل في الموعد", en: "Paid-by-due rate" },
    definition: {
      ar: "من المنشآت الملزمة في الشهر وقد حلّ تاريخ استحقاقه، نسبة من سددت فاتورة اشتراكات الشهر كاملة بحلول تاريخ استحقاقها.",
      en:
        "Of the employers with an obligation in the month whose due date has passed, the share that paid the month's " +
        "contribution invoice in full by its due date.",
    },
  },
} as const satisfies Record<string, KpiEntry>;

/** The payment channels of the payments extract, with their names. */
export const PAYMENT_CHANNELS = {
  sadad: { ar: "سداد", en: "SADAD" },
  bank_transfer: { ar: "التحويل البنكي", en: "bank transfer" },
  cash: { ar: "النقد", en: "cash" },
  cheque: { ar: "الشيكات", en: "cheque" },
} as const satisfies Record<string, Words>;
export type PaymentChannel = keyof typeof PAYMENT_CHANNELS;
export const CHANNEL_NAMES = Object.keys(PAYMENT_CHANNELS) as PaymentChannel[];

/** The three KPIs of a channel, in the order the pages show them. */
export const CHANNEL_MEASURES = ["collected", "reversal_rate", "days_from_due"] as const;
export type ChannelKpi = `${(typeof CHANNEL_MEASURES)[number]}_${PaymentChannel}`;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function channelEntries(channel: PaymentChannel): [ChannelKpi, KpiEntry][] {
  const n = PAYMENT_CHANNELS[channel];
  return [
    [
      `collected_${channel}`,
      {
        ...MONTHLY,
        unit: "SAR",
        // a move between channels is neither good nor bad; collected as a whole is
        better: "none",
        label: { ar: `المحصل عبر ${n.ar}`, en: `Collected by ${n.en}` },
        definition: {
          ar: `المدفوعات المستلمة عبر ${n.ar} في الشهر مطروحًا منها ما عُكس منها في الشهر.`,
          en: `Payments received by ${n.en} in the month less ${n.en} payments reversed in the month.`,
        },
      },
    ],
    [
      `reversal_rate_${channel}`,
      {
        ...MONTHLY,
        unit: "ratio",
        better: "down",
        label: { ar: `نسبة عكس مدفوعات ${n.ar}`, en: `${capital(n.en)} reversal rate` },
        definition: {
          ar: `من المدفوعات المستلمة عبر ${n.ar} في الشهر، نسبة ما عُكس منها حتى تاريخ البيانات (بالعدد).`,
          en: `Of the payments received by ${n.en} in the month, the share reversed by the as-of date (by count).`,
        },
      },
    ],
    [
      `days_from_due_${channel}`,
      {
        ...MONTHLY,
        unit: "days",
        better: "down",
        label: { ar: `أيام السداد بعد الاستحقاق (${n.ar})`, en: `Days from due date (${n.en})` },
        definition: {
          ar:
            `وسيط الأيام من تاريخ استحقاق فاتورة الاشتراكات التي تسميها الدفعة عبر ${n.ar} إلى يوم الدفع ` +
            "(بالسالب إن سبقه)، للمدفوعات غير المعكوسة.",
          en:
            `Median days from the due date of the contribution invoice a ${n.en} payment names to the day it was paid ` +
            "(negative when early), over the payments not reversed.",
        },
      },
    ],
  ];
}

export const CHANNEL_KPIS = Object.fromEntries(CHANNEL_NAMES.flatMap(channelEntries)) as Record<ChannelKpi, KpiEntry>;
