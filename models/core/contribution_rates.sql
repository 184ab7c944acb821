/*
description: >
  The rate in force for every period that has wages and every kind of contributor (rules.md §1), read
  from staging.rule_rates: for each branch the matching row with the latest from_period on or before
  the period; at the same from_period a cohort- or nationality-specific row beats an `any` row (the
  same choice as pipelines/rules/contribution.ts). No matching row means the branch does not apply
  (rate 0): non-Saudis pay no annuities or unemployment, optional subscribers only annuities.
description_ar: >
  نسبة الاشتراك السارية لكل فترة فيها أجور ولكل فئة من المشتركين، مأخوذة من staging.rule_rates: لكل
  فرع أحدث قاعدة مطابقة سارية في الفترة، وتُقدَّم القاعدة الخاصة بالفئة أو الجنسية على العامة. إذا لم
  تطابق أي قاعدة فالفرع لا ينطبق ونسبته صفر.
grain: one row per period, saudi, scheme, new_regime
materialized: table
columns:
  period:
    description: Contribution month YYYY-MM.
    description_ar: شهر الاشتراك YYYY-MM.
  saudi:
    description: nationality = SA.
    description_ar: سعودي الجنسية (SA).
  scheme:
    description: mandatory or optional.
    description_ar: "نوع الاشتراك: إلزامي أو اختياري."
  new_regime:
    description: First registered on or after contributions.new_regime_from.
    description_ar: مسجل أول مرة في تاريخ سريان النظام الجديد أو بعده.
  annuities_ppm:
    description: Employer + contributor annuities rate, parts per million.
    description_ar: نسبة فرع المعاشات (حصة صاحب العمل والمشترك معًا) بالأجزاء من المليون.
  hazards_ppm:
    description: Employer + contributor occupational hazards rate, parts per million.
    description_ar: نسبة فرع الأخطار المهنية (الحصتان معًا) بالأجزاء من المليون.
  unemployment_ppm:
    description: Employer + contributor unemployment rate, parts per million.
    description_ar: نسبة فرع التعطل عن العمل (الحصتان معًا) بالأجزاء من المليون.
tests:
  - unique: [period, saudi, scheme, new_regime]
  - not_null: [annuities_ppm, hazards_ppm, unemployment_ppm]
*/
WITH periods AS (SELECT DISTINCT period FROM raw.wages),
kinds AS (
  SELECT p.period, s.saudi, sc.scheme, n.new_regime, b.branch
  FROM periods AS p
  CROSS JOIN (VALUES (true), (false)) AS s(saudi)
  CROSS JOIN (VALUES ('mandatory'), ('optional')) AS sc(scheme)
  CROSS JOIN (VALUES (true), (false)) AS n(new_regime)
  CROSS JOIN (VALUES ('annuities'), ('hazards'), ('unemployment')) AS b(branch)
),
in_force AS (
  SELECT k.period, k.saudi, k.scheme, k.new_regime, k.branch, r.rate_ppm,
         row_number() OVER (PARTITION BY k.period, k.saudi, k.scheme, k.new_regime, k.branch
                            ORDER BY r.from_period DESC, r.specificity DESC) AS pick
  FROM kinds AS k
  JOIN staging.rule_rates AS r
    ON r.branch = k.branch AND r.scheme = k.scheme AND r.from_period <= k.period
   AND (r.nationality = 'any' OR (r.nationality = 'saudi') = k.saudi)
   AND (r.cohort = 'any' OR (r.cohort = 'new_regime') = k.new_regime)
)
SELECT
  k.period, k.saudi, k.scheme, k.new_regime,
  coalesce(max(f.rate_ppm) FILTER (WHERE k.branch = 'annuities'), 0) AS annuities_ppm,
  coalesce(max(f.rate_ppm) FILTER (WHERE k.branch = 'hazards'), 0) AS hazards_ppm,
  coalesce(max(f.rate_ppm) FILTER (WHERE k.branch = 'unemployment'), 0) AS unemployment_ppm
FROM kinds AS k
LEFT JOIN in_force AS f
  ON f.pick = 1 AND f.period = k.period AND f.saudi = k.saudi AND f.scheme = k.scheme
 AND f.new_regime = k.new_regime AND f.branch = k.branch
GROUP BY k.period, k.saudi, k.scheme, k.new_regime
