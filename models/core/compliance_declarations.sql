/*
description: >
  Who was engaged with each employer in each month and whether their wage was declared, and in time
  (rules.md §5): one row per employer and month M in which at least one engagement (current snapshot)
  covers a day of M, for every month from the earliest wage period delivered to the month before the
  as-of month (outputs.md). "Declared" is a wage row for (M, employer, contributor); the moment it was
  declared is its declared_at — the only declaration time the extracts carry (the delivery that brings
  it is made later, the 1st of M+1 for the month's own declarations). As of D only rows declared on or
  before D (Riyadh day) count; a row is on time when declared by the end of M, Riyadh time. Contributors
  are counted once however many engagements cover them in the month.
description_ar: >
  من كان مرتبطًا بكل منشأة في كل شهر، وهل صُرّح عن أجره وفي الموعد: صف لكل منشأة وشهر تغطي فيه فترة
  عمل واحدة على الأقل يومًا منه، من أقدم فترة أجور إلى الشهر السابق لشهر التاريخ المرجعي. يكون التصريح
  في الموعد إذا تم قبل نهاية الشهر بتوقيت الرياض، ولا يُحتسب إلا ما صُرّح به حتى التاريخ المرجعي.
grain: one row per employer_id and period
materialized: table
params:
  as_of: date
columns:
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  period:
    description: Month M, YYYY-MM.
    description_ar: الشهر YYYY-MM.
  contributors_engaged:
    description: Contributors with an engagement covering at least one day of M.
    description_ar: عدد المشتركين الذين تغطي فترة عملهم يومًا واحدًا على الأقل من الشهر.
  contributors_not_declared:
    description: Engaged contributors with no wage row for M declared by D.
    description_ar: المشتركون المرتبطون الذين لم يُصرَّح عن أجرهم للشهر حتى التاريخ المرجعي.
  contributors_declared_late:
    description: Engaged contributors whose wage for M was declared after the end of M (and by D).
    description_ar: المشتركون المرتبطون الذين صُرّح عن أجرهم للشهر بعد نهايته (وحتى التاريخ المرجعي).
tests:
  - unique: [employer_id, period]
  - not_null: [employer_id, period, contributors_engaged]
  - expression: contributors_not_declared + contributors_declared_late <= contributors_engaged
*/
WITH months AS (
  SELECT min(period) AS first_period, strftime(getvariable('as_of'), '%Y-%m') AS as_of_period FROM raw.wages
),
engaged AS (
  SELECT DISTINCT m.employer_id, m.period, m.contributor_id
  FROM core.engagement_months AS m, months AS b
  WHERE m.period >= b.first_period AND m.period < b.as_of_period
),
month_ends AS (
  -- the instant each month ends in Riyadh: comparing declared_at with it (and with the end of D) gives the
  -- same answer as converting every wage row's declared_at to a Riyadh day, without a time-zone lookup per row
  SELECT strftime(s.month_start, '%Y-%m') AS period,
         timezone('Asia/Riyadh', CAST(s.month_start + INTERVAL 1 MONTH AS TIMESTAMP)) AS ends_at
  FROM (SELECT unnest(generate_series(CAST(b.first_period || '-01' AS DATE), CAST(getvariable('as_of') AS DATE), INTERVAL 1 MONTH))
          AS month_start
        FROM months AS b) AS s
),
declared AS (
  SELECT w.period, w.employer_id, w.contributor_id, w.declared_at >= e.ends_at AS late
  FROM raw.wages AS w
  JOIN month_ends AS e ON e.period = w.period
  WHERE w.declared_at < timezone('Asia/Riyadh', CAST(CAST(getvariable('as_of') AS DATE) + 1 AS TIMESTAMP))
)
SELECT e.employer_id, e.period,
       CAST(count(*) AS INTEGER) AS contributors_engaged,
       CAST(count(*) FILTER (WHERE w.late IS NULL) AS INTEGER) AS contributors_not_declared,
       CAST(count(*) FILTER (WHERE w.late) AS INTEGER) AS contributors_declared_late
FROM engaged AS e
LEFT JOIN declared AS w ON w.period = e.period AND w.employer_id = e.employer_id AND w.contributor_id = e.contributor_id
GROUP BY e.employer_id, e.period
