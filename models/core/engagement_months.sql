/*
description: >
  Each engagement (current snapshot) split into the months it covers, with the days of each month
  between joined_on and left_on inclusive (rules.md §1). Months run from the first wage period in the
  data to the later of the last wage period and the as-of month, so open-ended engagements stop
  somewhere.
description_ar: >
  كل فترة عمل لمشترك لدى منشأة مقسمة على الأشهر التي تغطيها، مع عدد أيام كل شهر الواقعة بين تاريخ
  الالتحاق وتاريخ الترك شاملين. تمتد الأشهر من أول فترة أجور في البيانات إلى آخر فترة أجور أو شهر
  التاريخ المرجعي، أيهما أبعد.
grain: one row per engagement_id and period
materialized: table
params:
  as_of: date
columns:
  engagement_id:
    description: Engagement.
    description_ar: فترة عمل المشترك لدى المنشأة.
  employer_id:
    description: Account the contributor is insured with.
    description_ar: المنشأة المسجل عليها المشترك.
  contributor_id:
    description: Insured person.
    description_ar: المشترك المؤمَّن عليه.
  scheme:
    description: mandatory or optional.
    description_ar: "نوع الاشتراك: إلزامي أو اختياري."
  period:
    description: Month YYYY-MM.
    description_ar: الشهر YYYY-MM.
  days_in_month:
    description: Days of the month.
    description_ar: عدد أيام الشهر.
  days_covered:
    description: Days of the month the engagement covers (1 or more).
    description_ar: أيام الشهر التي تغطيها فترة العمل (يوم واحد على الأقل).
tests:
  - unique: [engagement_id, period]
  - expression: days_covered BETWEEN 1 AND days_in_month
*/
WITH bounds AS (
  SELECT CAST(min(period) || '-01' AS DATE) AS first_month,
         greatest(CAST(max(period) || '-01' AS DATE), CAST(date_trunc('month', getvariable('as_of')) AS DATE)) AS last_month
  FROM raw.wages
),
months AS (
  SELECT e.engagement_id, e.employer_id, e.contributor_id, e.scheme, e.joined_on, e.left_on,
         CAST(unnest(generate_series(
           CAST(greatest(date_trunc('month', e.joined_on), b.first_month) AS DATE),
           CAST(least(date_trunc('month', coalesce(e.left_on, b.last_month)), b.last_month) AS DATE),
           INTERVAL 1 MONTH)) AS DATE) AS month_start
  FROM raw.engagements_current AS e CROSS JOIN bounds AS b
  WHERE b.first_month IS NOT NULL
)
SELECT
  engagement_id, employer_id, contributor_id, scheme,
  strftime(month_start, '%Y-%m') AS period,
  CAST(day(last_day(month_start)) AS INTEGER) AS days_in_month,
  CAST(least(last_day(month_start), coalesce(left_on, last_day(month_start)))
       - greatest(month_start, joined_on) + 1 AS INTEGER) AS days_covered
FROM months
WHERE least(last_day(month_start), coalesce(left_on, last_day(month_start))) >= greatest(month_start, joined_on)
