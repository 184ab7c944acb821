// The Staff page's words in both languages, merged into the site's dictionary (i18n.ts).
import type { Dictionary } from "./lang.js";

export const STAFF_WORDS: Dictionary = {
  "page.staff": { ar: "الموظفون", en: "Staff" },
  "staff.summary": { ar: "مستخدمو الأنظمة من الموظفين", en: "Staff users" },
  "staff.explain": {
    ar:
      "لكل مستخدم من الموظفين: ما أنشأه واعتمده من تسويات، والإعفاءات من غرامات التأخير، وتعديلات الأجور، والفواتير المرحّلة يدويًا، " +
      "وبجانبها الملاحظات القائمة التي تسمّيه؛ كل عدد ملاحظات يفتح القائمة مصفّاة بالمستخدم والقاعدة.",
    en:
      "For each staff user: the adjustments they created and approved, late-fee waivers, wage changes and manual invoice postings, " +
      "beside the active findings that name them; each findings count opens the list filtered to the user and the rule.",
  },
  "staff.adjustments": { ar: "التسويات والإعفاءات", en: "Adjustments and fee waivers" },
  "staff.wages": { ar: "تعديلات الأجور والترحيل اليدوي", en: "Wage changes and manual postings" },
  "staff.findings": { ar: "الملاحظات حسب حالة المعالجة", en: "Findings by disposition" },
  "staff.created": { ar: "أنشأها", en: "Created" },
  "staff.approved": { ar: "اعتمدها", en: "Approved" },
  "staff.waivers": { ar: "إعفاءات", en: "Fee waivers" },
  "staff.waiver_amount": { ar: "مبلغ الإعفاءات", en: "Waived" },
  "staff.waiver_employers": { ar: "منشآت", en: "Employers" },
  "staff.concentration": { ar: "التركّز", en: "Concentration" },
  "staff.wage_changes": { ar: "تعديلات الأجور", en: "Wage changes" },
  "staff.manual_postings": { ar: "ترحيل يدوي", en: "Manual postings" },
  "staff.total": { ar: "الكل", en: "All" },
  "staff.other": { ar: "قواعد أخرى", en: "Other rules" },
  "staff.none": { ar: "لا مستخدمين من الموظفين في البيانات.", en: "No staff user in the data." },
  "staff.concentration.note": {
    ar: "التركّز: حصة المنشأة الأكثر إعفاءً من إعفاءات المستخدم (100% = كلها لمنشأة واحدة).",
    en: "Concentration: the share of the user's waivers on the one employer with most of them (100% = all on one).",
  },
};
