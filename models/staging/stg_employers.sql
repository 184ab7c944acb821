/*
description: Each employer account as it stands now (its current snapshot version).
description_ar: >
  حساب كل منشأة كما هو الآن (أحدث نسخة من بيانات التسجيل).
grain: one row per employer_id
materialized: view
columns:
  employer_id:
    description: Employer's 9-digit account number.
    description_ar: رقم حساب المنشأة المكوّن من تسعة أرقام.
  account_type:
    description: establishment or optional_subscriber.
    description_ar: "نوع الحساب: منشأة (establishment) أو مشترك اختياري (optional_subscriber)."
  name_ar:
    description: Registered Arabic name.
    description_ar: الاسم العربي المسجل.
  name_en:
    description: English name, when given.
    description_ar: الاسم الإنجليزي، إن وُجد.
  legal_form:
    description: private, government, semi_government, non_profit, foreign_branch or individual.
    description_ar: "الشكل القانوني: خاص، حكومي، شبه حكومي، غير ربحي، فرع أجنبي أو فردي."
  sector:
    description: ISIC Rev.4 section letter.
    description_ar: حرف القسم في التصنيف الصناعي الدولي ISIC (المراجعة الرابعة).
  region:
    description: Region of the account.
    description_ar: المنطقة المسجل فيها الحساب.
  registered_on:
    description: Registration date.
    description_ar: تاريخ التسجيل.
  status:
    description: active, suspended or closed.
    description_ar: "حالة الحساب: نشط، موقوف أو مغلق."
  status_changed_on:
    description: When the status last changed.
    description_ar: تاريخ آخر تغيّر في الحالة.
tests:
  - unique: employer_id
  - not_null: [employer_id, status]
  - accepted_values: {column: status, values: [active, suspended, closed]}
*/
SELECT
  employer_id, account_type, name_ar, name_en, legal_form, sector, region,
  registered_on, status, status_changed_on
FROM raw.employers
WHERE _valid_to IS NULL
