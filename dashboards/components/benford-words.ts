// The Benford chart's words in both languages, merged into the site's dictionary (i18n.ts).
import type { Dictionary } from "./lang.js";

export const BENFORD_WORDS: Dictionary = {
  "findings.benford": { ar: "قانون بنفورد", en: "Benford's law" },
  "benford.explain": {
    ar:
      "الأرقام الأولى لمبالغ المدفوعات والتسويات (من 10 ريالات) مقابل قانون بنفورد. الأعمدة: الحصة المرصودة؛ الخط: الحصة المتوقعة؛ " +
      "النطاق: الحصة المتوقعة ± حد المطابقة الهامشية، فإذا وقعت الأعمدة كلها داخله كانت المجموعة مطابقة. " +
      "لا تُختبر الأجور الخاضعة للاشتراك (الحد الأدنى والأعلى وتكدس الأجور عند عتبة التوطين).",
    en:
      "Leading digits of payments and adjustments (from SAR 10) against Benford's law. Bars: the share observed; line: the share " +
      "expected; band: the expected share ± the marginal bound, so bars all inside it mean the group conforms. " +
      "Contributory wages are not tested (floor, ceiling and bunching at the Saudization threshold).",
  },
  "benford.all": { ar: "كل المبالغ", en: "All amounts" },
  "benford.group": { ar: "المجموعة", en: "Group" },
  "benford.level.all": { ar: "الكل", en: "All" },
  "benford.level.employer": { ar: "منشأة", en: "Employer" },
  "benford.level.user": { ar: "مستخدم من الموظفين", en: "Staff user" },
  "benford.id": { ar: "رقم المنشأة أو رمز المستخدم", en: "Employer id or user id" },
  "benford.population": { ar: "المجتمع", en: "Population" },
  "benford.population.payments": { ar: "المدفوعات", en: "Payments" },
  "benford.population.adjustments": { ar: "التسويات", en: "Adjustments" },
  "benford.test": { ar: "الاختبار", en: "Test" },
  "benford.test.first_digit": { ar: "الرقم الأول", en: "First digit" },
  "benford.test.first_two": { ar: "أول رقمين", en: "First two digits" },
  "benford.observed": { ar: "المرصود", en: "Observed" },
  "benford.expected": { ar: "المتوقع حسب بنفورد", en: "Benford expected" },
  "benford.band": { ar: "نطاق المطابقة", en: "Conformity band" },
  "benford.tested": { ar: "المجموعات المختبرة", en: "Groups tested" },
  "benford.digits": { ar: "التوزيع رقمًا رقمًا", en: "Digit by digit" },
  "benford.mad": { ar: "متوسط الانحراف المطلق", en: "MAD" },
  "benford.amounts": { ar: "عدد المبالغ", en: "Amounts" },
  digit: { ar: "الرقم", en: "Digit" },
  "benford.deviation": { ar: "الانحراف", en: "Deviation" },
  "conformity.close": { ar: "مطابقة وثيقة", en: "close conformity" },
  "conformity.acceptable": { ar: "مطابقة مقبولة", en: "acceptable conformity" },
  "conformity.marginal": { ar: "مطابقة هامشية", en: "marginal conformity" },
  "conformity.nonconformity": { ar: "عدم مطابقة", en: "nonconformity" },
};
