/*
description: >
  What each contributor's month should have been billed (rules.md §1): the declared wage (basic +
  housing) clamped per branch to [floor, ceiling], times the branch rate (employer and contributor
  shares together), prorated by the days the employer's engagements cover in the month, rounded
  half-up to the halala per contributor, branch and month. Only months with both a wage row and an
  engagement are billed; the other cases are coverage gaps (marts.coverage_gaps) or unbilled wages.
  Arithmetic is in integer halalas and parts per million, so nothing passes through a float.
description_ar: >
  ما كان ينبغي أن يُفوتر عن كل مشترك في كل شهر وفق القواعد: الأجر الخاضع للاشتراك المصرح به (الأساسي
  مع بدل السكن) محصورًا لكل فرع بين الحد الأدنى والحد الأعلى، مضروبًا في نسبة الفرع، ومناسبًا لأيام
  الشهر التي تغطيها فترات العمل، ومقرّبًا إلى الهللة. لا يُفوتر إلا الشهر الذي فيه أجر مصرح به وفترة
  عمل معًا، والحساب كله بالهللات الصحيحة.
grain: one row per employer_id, contributor_id, period and scheme (branches as columns; core.expected_contribution_branches has one row per branch)
materialized: table
params:
  contributions_wage_ceiling: decimal
  contributions_wage_floors_annuities: decimal
  contributions_wage_floors_hazards: decimal
  contributions_wage_floors_unemployment: decimal
  contributions_new_regime_from: date
columns:
  employer_id:
    description: Account billed.
    description_ar: المنشأة المفوترة.
  contributor_id:
    description: Insured person.
    description_ar: المشترك المؤمَّن عليه.
  period:
    description: Contribution month YYYY-MM.
    description_ar: شهر الاشتراك YYYY-MM.
  scheme:
    description: mandatory or optional (from the engagement).
    description_ar: "نوع الاشتراك من فترة العمل: إلزامي أو اختياري."
  saudi:
    description: nationality = SA.
    description_ar: سعودي الجنسية (SA).
  new_regime:
    description: First registered on or after the new-law date.
    description_ar: مسجل أول مرة في تاريخ سريان النظام الجديد أو بعده.
  contributory_wage:
    description: basic_wage + housing_allowance as declared, before clamping.
    description_ar: الأجر الأساسي مع بدل السكن كما صُرّح به، قبل الحصر بين الحدين.
  days_covered:
    description: Days of the month covered by the contributor's engagements with this employer (capped at the month's days).
    description_ar: أيام الشهر التي تغطيها فترات عمل المشترك لدى هذه المنشأة (بحد أقصى أيام الشهر).
  days_in_month:
    description: Days of the month.
    description_ar: عدد أيام الشهر.
  annuities:
    description: Expected annuities amount, SAR.
    description_ar: اشتراك المعاشات المتوقع بالريال.
  hazards:
    description: Expected occupational hazards amount, SAR.
    description_ar: اشتراك الأخطار المهنية المتوقع بالريال.
  unemployment:
    description: Expected unemployment (SANED) amount, SAR.
    description_ar: اشتراك التعطل عن العمل (ساند) المتوقع بالريال.
  total:
    description: Sum of the three.
    description_ar: مجموع الفروع الثلاثة.
tests:
  - unique: [employer_id, contributor_id, period, scheme]
  - not_null: [annuities, hazards, unemployment, total]
  - expression: annuities >= 0 AND hazards >= 0 AND unemployment >= 0 AND total = annuities + hazards + unemployment
*/
WITH covered AS (
  SELECT employer_id, contributor_id, period, scheme,
         CAST(least(sum(days_covered), max(days_in_month)) AS INTEGER) AS days_covered, max(days_in_month) AS days_in_month
  FROM core.engagement_months GROUP BY employer_id, contributor_id, period, scheme
),
insured AS (
  SELECT w.employer_id, w.contributor_id, w.period, c.scheme, c.days_covered, c.days_in_month,
         w.basic_wage + w.housing_allowance AS contributory_wage,
         CAST((w.basic_wage + w.housing_allowance) * 100 AS BIGINT) AS wage_halalas,
         p.nationality = 'SA' AS saudi,
         p.first_registered_on >= getvariable('contributions_new_regime_from') AS new_regime
  FROM raw.wages AS w
  JOIN covered AS c ON c.employer_id = w.employer_id AND c.contributor_id = w.contributor_id AND c.period = w.period
  JOIN raw.contributors_current AS p ON p.contributor_id = w.contributor_id
),
limits AS (
  SELECT CAST(getvariable('contributions_wage_ceiling') * 100 AS BIGINT) AS ceiling,
         CAST(getvariable('contributions_wage_floors_annuities') * 100 AS BIGINT) AS floor_annuities,
         CAST(getvariable('contributions_wage_floors_hazards') * 100 AS BIGINT) AS floor_hazards,
         CAST(getvariable('contributions_wage_floors_unemployment') * 100 AS BIGINT) AS floor_unemployment
),
halalas AS (
  -- (clamped halalas × ppm × days) / (days_in_month × 1e6), half-up: add half the divisor, then floor-divide
  SELECT i.*,
    CASE WHEN r.annuities_ppm = 0 THEN 0 ELSE
      (least(greatest(i.wage_halalas, l.floor_annuities), l.ceiling) * r.annuities_ppm * i.days_covered
       + i.days_in_month * 500000) // (i.days_in_month * 1000000) END AS annuities_h,
    CASE WHEN r.hazards_ppm = 0 THEN 0 ELSE
      (least(greatest(i.wage_halalas, l.floor_hazards), l.ceiling) * r.hazards_ppm * i.days_covered
       + i.days_in_month * 500000) // (i.days_in_month * 1000000) END AS hazards_h,
    CASE WHEN r.unemployment_ppm = 0 THEN 0 ELSE
      (least(greatest(i.wage_halalas, l.floor_unemployment), l.ceiling) * r.unemployment_ppm * i.days_covered
       + i.days_in_month * 500000) // (i.days_in_month * 1000000) END AS unemployment_h
  FROM insured AS i
  CROSS JOIN limits AS l
  JOIN core.contribution_rates AS r
    ON r.period = i.period AND r.saudi = i.saudi AND r.scheme = i.scheme AND r.new_regime = i.new_regime
)
SELECT
  employer_id, contributor_id, period, scheme, saudi, new_regime, contributory_wage, days_covered, days_in_month,
  CAST(annuities_h * 0.01 AS DECIMAL(18,2)) AS annuities,
  CAST(hazards_h * 0.01 AS DECIMAL(18,2)) AS hazards,
  CAST(unemployment_h * 0.01 AS DECIMAL(18,2)) AS unemployment,
  CAST((annuities_h + hazards_h + unemployment_h) * 0.01 AS DECIMAL(18,2)) AS total
FROM halalas
