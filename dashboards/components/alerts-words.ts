// The Alerts view's words in both languages, merged into the site's dictionary (i18n.ts). Rules keep
// their file names as keys ("alert_rule.<name>"), states theirs ("alert_state.<state>").
import type { Dictionary } from "./lang.js";

export const ALERTS_WORDS: Dictionary = {
  "page.alerts": { ar: "التنبيهات", en: "Alerts" },
  "alerts.summary": { ar: "التنبيهات حسب الحالة", en: "Alerts by state" },
  "alerts.by_rule": { ar: "حسب القاعدة والحالة", en: "By rule and state" },
  "alerts.open": { ar: "المفتوحة منها", en: "open" },
  "alerts.open_count": { ar: "التنبيهات المفتوحة", en: "Open alerts" },
  "alerts.of": { ar: "من أصل", en: "of" },
  "alerts.list": { ar: "قائمة التنبيهات", en: "The alerts" },
  "alerts.tile": { ar: "التنبيهات", en: "Alerts" },
  "alerts.open_all": { ar: "كل التنبيهات", en: "All alerts" },
  "alerts.management": {
    ar: "نسخة الإدارة تعرض الأعداد فقط؛ القائمة في نسخة التدقيق.",
    en: "The management edition shows counts only; the list is in the audit edition.",
  },
  "alerts.none": { ar: "لم يُرفع أي تنبيه.", en: "No alert has been raised." },
  "alerts.about": { ar: "يخص", en: "About" },
  "alerts.message": { ar: "التنبيه", en: "Alert" },
  "alerts.raised_at": { ar: "رُفع في", en: "Raised" },
  "alerts.state_by": { ar: "بواسطة", en: "By" },
  "alerts.state_at": { ar: "في", en: "At" },
  "alerts.occurrence": { ar: "المرة", en: "Occurrence" },
  "alerts.key": { ar: "المفتاح", en: "Key" },
  "alert_state.new": { ar: "جديد", en: "New" },
  "alert_state.acknowledged": { ar: "تم الاطلاع", en: "Acknowledged" },
  "alert_state.closed": { ar: "مغلق", en: "Closed" },
  "alert_state.open": { ar: "مفتوح (جديد أو تم الاطلاع)", en: "Open (new or acknowledged)" },
  "alert_rule.finding": { ar: "ملاحظة رقابية حرجة", en: "Critical finding" },
  "alert_rule.arrears_critical": { ar: "متأخرات حرجة", en: "Critical arrears" },
  "alert_rule.suspension_listed": { ar: "إدراج في قائمة الإيقاف", en: "Entered the suspension list" },
  "alert_rule.employer_risk_critical": { ar: "فئة مخاطر حرجة", en: "Critical risk tier" },
  "alert_rule.objection_sla_breached": { ar: "اعتراض تجاوز مستوى الخدمة", en: "Objection past its service level" },
  "alert_rule.blocking_test_failed": { ar: "فشل اختبار مانع", en: "Blocking test failed" },
  "alert_rule.delivery_reconciliation_failed": { ar: "ملف لا يطابق بيانه", en: "File does not reconcile" },
  "alert_rule.source_stale": { ar: "مصدر متأخر عن موعده", en: "Source stale" },
};
