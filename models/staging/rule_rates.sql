/*
description: >
  The effective-dated contribution rate table of config/rules.json (rules.md §1), one row per rule row.
  Changing a rate is an edit to config/rules.json: the table arrives as the JSON parameter
  contributions_rates, so the next build sees the new value in this model's fingerprint and rebuilds
  it and everything that reads it.
description_ar: >
  جدول نسب الاشتراكات بتواريخ سريانها من config/rules.json، صفًا لكل قاعدة. تغيير نسبة يعني تعديل
  الملف، فيُعاد بناء هذا الجدول وكل ما يقرؤه في البناء التالي.
grain: one row per branch, nationality, scheme, cohort and from_period
materialized: table
params:
  contributions_rates: {type: varchar, description: "contributions.rates of config/rules.json, as JSON"}
columns:
  branch:
    description: annuities, hazards or unemployment.
    description_ar: "الفرع: المعاشات أو الأخطار المهنية أو التعطل عن العمل."
  nationality:
    description: saudi (nationality = SA), non_saudi or any.
    description_ar: "الجنسية: سعودي (SA) أو غير سعودي أو الجميع."
  scheme:
    description: mandatory or optional.
    description_ar: "نوع الاشتراك: إلزامي أو اختياري."
  cohort:
    description: new_regime (first registered on or after contributions.new_regime_from), legacy or any.
    description_ar: "الفئة: النظام الجديد (المسجلون أول مرة في تاريخ سريانه أو بعده) أو النظام السابق أو الجميع."
  from_period:
    description: First period (YYYY-MM) the row applies to; it applies until a later matching row.
    description_ar: أول فترة (YYYY-MM) تسري عليها القاعدة، وتستمر حتى قاعدة مطابقة لاحقة.
  employer_rate:
    description: Employer's share of the contributory wage.
    description_ar: حصة صاحب العمل من الأجر الخاضع للاشتراك.
  contributor_rate:
    description: Contributor's share of the contributory wage.
    description_ar: حصة المشترك من الأجر الخاضع للاشتراك.
  rate_ppm:
    description: Both shares together in parts per million (exact integer arithmetic downstream).
    description_ar: مجموع الحصتين بالأجزاء من المليون (لحساب صحيح دقيق فيما بعد).
  specificity:
    description: 2 for a cohort-specific row plus 1 for a nationality-specific one; at equal from_period the higher wins.
    description_ar: "درجة التخصيص: 2 للقاعدة الخاصة بفئة و1 للخاصة بجنسية؛ وعند تساوي بداية السريان تُقدَّم الأعلى."
  note:
    description: Free text from the configuration.
    description_ar: ملاحظة نصية من ملف الإعدادات.
tests:
  - not_null: [branch, nationality, scheme, cohort, from_period, employer_rate, contributor_rate]
  - unique: [branch, nationality, scheme, cohort, from_period]
  - accepted_values: {column: branch, values: [annuities, hazards, unemployment]}
  - expression: employer_rate >= 0 AND contributor_rate >= 0 AND employer_rate + contributor_rate <= 2
*/
WITH rows AS (
  SELECT unnest(from_json(getvariable('contributions_rates'),
    '[{"branch":"VARCHAR","nationality":"VARCHAR","scheme":"VARCHAR","cohort":"VARCHAR","from_period":"VARCHAR","employer":"DECIMAL(9,6)","contributor":"DECIMAL(9,6)","note":"VARCHAR"}]'),
    recursive := true)
)
SELECT
  branch, nationality, scheme, cohort, from_period,
  employer AS employer_rate,
  contributor AS contributor_rate,
  CAST((employer + contributor) * 1000000 AS BIGINT) AS rate_ppm,
  (CASE WHEN cohort = 'any' THEN 0 ELSE 2 END) + (CASE WHEN nationality = 'any' THEN 0 ELSE 1 END) AS specificity,
  note
FROM rows
