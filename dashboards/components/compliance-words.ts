// The Compliance page's words (and the employer profile's compliance calendar, the overview's
// compliance tile and the channel table of the Collections page) in both languages, merged into the
// site's dictionary (i18n.ts).
import type { Dictionary } from "./lang.js";

export const COMPLIANCE_WORDS: Dictionary = {
  "page.compliance": { ar: "الالتزام", en: "Compliance" },
  "compliance.explain": {
    ar:
      "المنشأة ملتزمة في الشهر إذا صرّحت عن أجر كل مشترك مرتبط بها قبل نهاية الشهر وسددت فاتورة الشهر كاملة " +
      "بحلول تاريخ استحقاقها. النسب من المنشآت الملزمة في الشهر.",
    en:
      "An employer complies in a month when it declared every engaged contributor's wage by the month's end and paid the month's " +
      "invoice in full by its due date. The rates are of the employers with an obligation that month.",
  },
  "compliance.month": { ar: "الشهر المعروض", en: "Month shown" },
  "compliance.rates": { ar: "نسب الالتزام حسب الشهر", en: "Compliance rates by month" },
  "compliance.by": { ar: "حسب", en: "By" },
  "compliance.least": { ar: "أقل المنشآت التزامًا", en: "The least compliant employers" },
  "compliance.least.hint": {
    ar: "على آخر 12 شهرًا حلّ استحقاقها، الأقل نسبة التزام أولًا؛ تُعرض أول 50 منشأة.",
    en: "Over the last 12 months whose due date has passed, lowest share of compliant months first; the first 50 are listed.",
  },
  "compliance.none_least": { ar: "كل المنشآت ملتزمة في الأشهر المحتسبة.", en: "Every employer complied in the months counted." },
  "compliance.months": { ar: "الأشهر", en: "Months" },
  "compliance.compliant_months": { ar: "الأشهر الملتزمة", en: "Months compliant" },
  "compliance.rate": { ar: "نسبة الالتزام", en: "Share compliant" },
  "compliance.not_declared_on_time": { ar: "أشهر دون تصريح في الموعد", en: "Months not declared on time" },
  "compliance.not_paid_by_due": { ar: "أشهر دون سداد في الموعد", en: "Months not paid by due" },
  "compliance.max_days_late": { ar: "أطول تأخر (أيام)", en: "Longest delay (days)" },
  "compliance.calendar": { ar: "تقويم الالتزام", en: "Compliance calendar" },
  "compliance.calendar.of": { ar: "تقويم الالتزام لصاحب العمل", en: "Compliance calendar of employer" },
  "compliance.calendar.show": { ar: "التقويم", en: "Calendar" },
  "compliance.calendar.pick": {
    ar: "اختر منشأة من القائمة، أو أدخل رقمها، لعرض تقويم التزامها شهرًا بشهر.",
    en: "Pick an employer in the list, or enter its id, to see its compliance month by month.",
  },
  "compliance.calendar.management": {
    ar: "نسخة الإدارة تعرض المجاميع فقط؛ تقويم كل منشأة في نسخة التدقيق.",
    en: "The management edition shows aggregates only; each employer's calendar is in the audit edition.",
  },
  "compliance.engaged": { ar: "المشتركون", en: "Contributors" },
  "compliance.declared": { ar: "صُرّح عن الأجور", en: "Declared" },
  "compliance.declared_on_time": { ar: "في الموعد", en: "Declared on time" },
  "compliance.paid_by_due": { ar: "سُدّدت كاملة في الموعد", en: "Paid in full by due" },
  "compliance.days_late": { ar: "أيام التأخر", en: "Days late" },
  "compliance.compliant": { ar: "ملتزمة", en: "Compliant" },
  "compliance.yes": { ar: "نعم", en: "yes" },
  "compliance.no": { ar: "لا", en: "no" },
  "compliance.open": { ar: "قائمة", en: "open" },
  "compliance.no_invoice": { ar: "لا فاتورة", en: "no invoice" },
  "compliance.not_due": { ar: "لم يحل الاستحقاق", en: "not yet due" },
  "compliance.nothing": { ar: "لا التزامات شهرية لهذه المنشأة.", en: "This employer has no monthly obligation." },
  "compliance.tile": { ar: "الالتزام", en: "Compliance" },
  "report.compliance": { ar: "الالتزام الشهري للمنشآت", en: "Employers' monthly compliance" },
  "channels.title": { ar: "التحصيل حسب قناة الدفع", en: "Collections by payment channel" },
  "channels.hint": {
    ar: "المحصل في الشهر، ونسبة ما عُكس من مدفوعات كل قناة، ووسيط الأيام من تاريخ الاستحقاق إلى الدفع.",
    en: "Collected in the month, the share of each channel's payments reversed, and the median days from the due date to payment.",
  },
  "channels.channel": { ar: "القناة", en: "Channel" },
  "channels.collected": { ar: "المحصل", en: "Collected" },
  "channels.reversal_rate": { ar: "نسبة العكس", en: "Reversal rate" },
  "channels.days_from_due": { ar: "أيام بعد الاستحقاق (الوسيط)", en: "Days from due (median)" },
};
