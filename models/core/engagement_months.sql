/*
description: >
  Each engagement (current snapshot) split into the months it covers, with the days of each month
  between joined_on and left_on inclusive (rules.md §1). Months run from the first wage period in the
  data to the later of the last wage period and the as-of month, so open-ended engagements stop
  somewhere.
grain: one row per engagement_id and period
materialized: table
params:
  as_of: date
columns:
  engagement_id: Engagement.
  employer_id: Account the contributor is insured with.
  contributor_id: Insured person.
  scheme: mandatory or optional.
  period: Month YYYY-MM.
  days_in_month: Days of the month.
  days_covered: Days of the month the engagement covers (1 or more).
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
