/*
description: >
  Every declared wage with what the wage detectors (rules.md §8) compare it with: the total
  contributory wage, whether the contributor is Saudi, their age that month, and the employer's peer
  group (sector × size class, the size class from the employer's largest monthly headcount and the
  edges in detectors.size_class_edges). One place for these, so every detector reads them alike.
description_ar: "كل أجر مصرّح به مع ما تقارنه به كواشف الأجور: الأجر الخاضع للاشتراك، والجنسية، والعمر، ومجموعة الأقران للمنشأة."
grain: one row per period, employer_id and contributor_id
materialized: table
params:
  detectors_size_class_edges: varchar
columns:
  period:
    description: Month YYYY-MM.
    description_ar: الشهر YYYY-MM.
  month_index:
    description: year × 12 + month, for gaps and lags between months.
    description_ar: السنة × 12 + الشهر، لحساب الفجوات والفروق بين الأشهر.
  employer_id:
    description: Declaring employer.
    description_ar: المنشأة المصرّحة.
  contributor_id:
    description: Insured person.
    description_ar: المشترك المؤمن عليه.
  basic_wage:
    description: Basic wage declared, SAR.
    description_ar: الأجر الأساسي المصرّح به، بالريال.
  housing_allowance:
    description: Housing allowance declared, SAR.
    description_ar: بدل السكن المصرّح به، بالريال.
  wage:
    description: basic_wage + housing_allowance, the contributory wage, SAR.
    description_ar: الأجر الأساسي + بدل السكن، أي الأجر الخاضع للاشتراك، بالريال.
  saudi:
    description: nationality = SA.
    description_ar: الجنسية سعودية.
  age:
    description: Whole years of age on the first day of the period.
    description_ar: العمر بالسنوات الكاملة في أول يوم من الشهر.
  sector:
    description: Employer's ISIC section.
    description_ar: قطاع المنشأة (قسم ISIC).
  size_class:
    description: micro, small, medium or large by the employer's largest monthly headcount.
    description_ar: فئة الحجم (متناهية الصغر أو صغيرة أو متوسطة أو كبيرة) حسب أكبر عدد شهري للمشتركين.
  peer_group:
    description: sector|size_class.
    description_ar: "مجموعة الأقران: القطاع|فئة الحجم."
tests:
  - unique: [period, employer_id, contributor_id]
  - not_null: [wage, peer_group]
*/
WITH edges AS (
  SELECT e[1] AS micro, e[2] AS small, e[3] AS medium
  FROM (SELECT from_json(getvariable('detectors_size_class_edges'), '["INTEGER"]') AS e)
),
headcount AS (
  SELECT employer_id, max(n) AS headcount
  FROM (SELECT employer_id, period, count(*) AS n FROM raw.wages GROUP BY ALL)
  GROUP BY employer_id
),
employers AS (
  SELECT e.employer_id, e.sector,
         CASE WHEN h.headcount <= x.micro THEN 'micro' WHEN h.headcount <= x.small THEN 'small'
              WHEN h.headcount <= x.medium THEN 'medium' ELSE 'large' END AS size_class
  FROM raw.employers_current AS e JOIN headcount AS h USING (employer_id) CROSS JOIN edges AS x
)
SELECT
  w.period,
  CAST(substr(w.period, 1, 4) AS INTEGER) * 12 + CAST(substr(w.period, 6, 2) AS INTEGER) AS month_index,
  w.employer_id, w.contributor_id, w.basic_wage, w.housing_allowance,
  CAST(w.basic_wage + w.housing_allowance AS DECIMAL(18,2)) AS wage,
  c.nationality = 'SA' AS saudi,
  date_sub('year', c.birth_date, CAST(w.period || '-01' AS DATE)) AS age,
  e.sector, e.size_class,
  coalesce(e.sector, '?') || '|' || e.size_class AS peer_group
FROM raw.wages AS w
JOIN raw.contributors_current AS c USING (contributor_id)
JOIN employers AS e USING (employer_id)
