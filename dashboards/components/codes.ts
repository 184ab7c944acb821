// Domain codes in words — ageing buckets, severities, regions, sectors (ISIC sections), size classes,
// legal forms, channels, statuses — keyed by their warehouse spelling, in Arabic and English.
import type { Dictionary, Lang } from "./lang.js";

export const CODES: Dictionary = {
  // ageing buckets
  not_due: { ar: "غير مستحق", en: "Not yet due" },
  d1_30: { ar: "1–30 يومًا", en: "1–30 days" },
  d31_60: { ar: "31–60 يومًا", en: "31–60 days" },
  d61_90: { ar: "61–90 يومًا", en: "61–90 days" },
  d91_180: { ar: "91–180 يومًا", en: "91–180 days" },
  d181_365: { ar: "181–365 يومًا", en: "181–365 days" },
  over_365: { ar: "أكثر من 365 يومًا", en: "Over 365 days" },
  // severity
  critical: { ar: "حرجة", en: "Critical" },
  high: { ar: "عالية", en: "High" },
  medium: { ar: "متوسطة", en: "Medium" },
  low: { ar: "منخفضة", en: "Low" },
  none: { ar: "لا شيء", en: "None" },
  // regions
  RIYADH: { ar: "الرياض", en: "Riyadh" },
  MAKKAH: { ar: "مكة المكرمة", en: "Makkah" },
  MADINAH: { ar: "المدينة المنورة", en: "Madinah" },
  QASSIM: { ar: "القصيم", en: "Qassim" },
  EASTERN: { ar: "المنطقة الشرقية", en: "Eastern Province" },
  ASIR: { ar: "عسير", en: "Asir" },
  TABUK: { ar: "تبوك", en: "Tabuk" },
  HAIL: { ar: "حائل", en: "Hail" },
  NORTHERN_BORDERS: { ar: "الحدود الشمالية", en: "Northern Borders" },
  JAZAN: { ar: "جازان", en: "Jazan" },
  NAJRAN: { ar: "نجران", en: "Najran" },
  BAHAH: { ar: "الباحة", en: "Al Bahah" },
  JOUF: { ar: "الجوف", en: "Al Jouf" },
  // size classes
  micro: { ar: "متناهية الصغر", en: "Micro" },
  small: { ar: "صغيرة", en: "Small" },
  large: { ar: "كبيرة", en: "Large" },
  giant: { ar: "عملاقة", en: "Giant" },
  // legal forms
  private: { ar: "خاص", en: "Private" },
  government: { ar: "حكومي", en: "Government" },
  semi_government: { ar: "شبه حكومي", en: "Semi-government" },
  non_profit: { ar: "غير ربحي", en: "Non-profit" },
  foreign_branch: { ar: "فرع أجنبي", en: "Foreign branch" },
  individual: { ar: "فردي", en: "Individual" },
  // posting, invoice types, channels, statuses
  auto: { ar: "آلي", en: "Automatic" },
  manual: { ar: "يدوي", en: "Manual review" },
  contribution: { ar: "اشتراكات", en: "Contribution" },
  late_fee: { ar: "غرامة تأخير", en: "Late fee" },
  sadad: { ar: "سداد", en: "SADAD" },
  bank_transfer: { ar: "تحويل بنكي", en: "Bank transfer" },
  cash: { ar: "نقدًا", en: "Cash" },
  cheque: { ar: "شيك", en: "Cheque" },
  active: { ar: "نشطة", en: "Active" },
  suspended: { ar: "موقوفة", en: "Suspended" },
  closed: { ar: "مغلقة", en: "Closed" },
  pass: { ar: "ناجح", en: "pass" },
  fail: { ar: "فاشل", en: "fail" },
  error: { ar: "خطأ", en: "error" },
  success: { ar: "نجح", en: "success" },
  failed: { ar: "فشل", en: "failed" },
  running: { ar: "قيد التشغيل", en: "running" },
  SAR: { ar: "ريال", en: "SAR" },
  ratio: { ar: "نسبة", en: "ratio" },
  days: { ar: "أيام", en: "days" },
  // difference bands
  lt_10: { ar: "أقل من 10 ريالات", en: "under SAR 10" },
  "10_100": { ar: "10–100 ريال", en: "SAR 10–100" },
  "100_1k": { ar: "100–1,000 ريال", en: "SAR 100–1,000" },
  "1k_10k": { ar: "1,000–10,000 ريال", en: "SAR 1,000–10,000" },
  ge_10k: { ar: "10,000 ريال فأكثر", en: "SAR 10,000 and more" },
  // dimensions
  region: { ar: "المنطقة", en: "Region" },
  sector: { ar: "النشاط", en: "Sector" },
  size_class: { ar: "فئة الحجم", en: "Size class" },
  legal_form: { ar: "الشكل النظامي", en: "Legal form" },
  // adjustment reasons and objection outcomes
  wage_correction: { ar: "تصحيح أجر", en: "Wage correction" },
  retroactive_registration: { ar: "تسجيل بأثر رجعي", en: "Retroactive registration" },
  fee_waiver: { ar: "إعفاء من غرامة", en: "Fee waiver" },
  dispute_settlement: { ar: "تسوية اعتراض", en: "Dispute settlement" },
  billing_error: { ar: "خطأ فوترة", en: "Billing error" },
  other: { ar: "أخرى", en: "Other" },
  accepted: { ar: "مقبول", en: "Accepted" },
  partially_accepted: { ar: "مقبول جزئيًا", en: "Partially accepted" },
  rejected: { ar: "مرفوض", en: "Rejected" },
  withdrawn: { ar: "مسحوب", en: "Withdrawn" },
  wage_mismatch: { ar: "اختلاف الأجر", en: "Wage mismatch" },
  unregistered_period: { ar: "فترة غير مسجلة", en: "Unregistered period" },
  duplicate_billing: { ar: "فوترة مكررة", en: "Duplicate billing" },
  terminated_employee: { ar: "موظف منتهية خدمته", en: "Terminated employee" },
};

/** ISIC Rev.4 sections. */
export const SECTORS: Dictionary = {
  A: { ar: "الزراعة والحراجة وصيد الأسماك", en: "Agriculture, forestry and fishing" },
  B: { ar: "التعدين واستغلال المحاجر", en: "Mining and quarrying" },
  C: { ar: "الصناعة التحويلية", en: "Manufacturing" },
  D: { ar: "الكهرباء والغاز", en: "Electricity and gas" },
  E: { ar: "المياه والصرف الصحي", en: "Water supply and sewerage" },
  F: { ar: "التشييد", en: "Construction" },
  G: { ar: "تجارة الجملة والتجزئة", en: "Wholesale and retail trade" },
  H: { ar: "النقل والتخزين", en: "Transport and storage" },
  I: { ar: "الإقامة والطعام", en: "Accommodation and food" },
  J: { ar: "المعلومات والاتصالات", en: "Information and communication" },
  K: { ar: "المال والتأمين", en: "Finance and insurance" },
  L: { ar: "الأنشطة العقارية", en: "Real estate" },
  M: { ar: "الأنشطة المهنية والعلمية", en: "Professional and scientific activities" },
  N: { ar: "الخدمات الإدارية والمساندة", en: "Administrative and support services" },
  O: { ar: "الإدارة العامة والدفاع", en: "Public administration and defence" },
  P: { ar: "التعليم", en: "Education" },
  Q: { ar: "الصحة والعمل الاجتماعي", en: "Health and social work" },
  R: { ar: "الفنون والترفيه", en: "Arts and recreation" },
  S: { ar: "أنشطة الخدمات الأخرى", en: "Other service activities" },
  T: { ar: "الأسر المعيشية كأصحاب عمل", en: "Households as employers" },
  U: { ar: "المنظمات الدولية", en: "Extraterritorial organisations" },
};

/** A domain code (bucket, region, severity, …) in words; sectors by their ISIC letter. */
export const code = (lang: Lang, value: string | null | undefined, dimension?: string): string => {
  if (value === null || value === undefined) return "—";
  if (dimension === "sector") return SECTORS[value]?.[lang] ?? value;
  return CODES[value]?.[lang] ?? value;
};
