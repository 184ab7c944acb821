/*
description: >
  Who was engaged with each employer in each month and whether their wage was declared, and in time
  (rules.md §5): one row per employer and month M in which at least one engagement (current snapshot)
  covers a day of M, for every month from the earliest wage period delivered to the month before the
  as-of month (outputs.md). "Declared" is a wage row for (M, employer, contributor); the moment it was
  declared is its declared_at — the only declaration time the extracts carry (the delivery that brings
  it is made later, the 1st of M+1 for the month's own declarations). As of D only rows declared on or
  before D (Riyadh day) count; a row is on time when declared by the end of M, Riyadh time. Contributors
  are counted once however many engagements cover them in the month. Computed from the engagements'
  spans of months (the months core.engagement_months gives them, overlaps of one contributor's spans
  counted once), not from their 20-odd million engagement-months: the engaged count of a month is the
  running sum of the spans starting and ending by it, and a wage row counts when a span of its
  contributor with the employer covers its month (one lookup per wage row; wages are unique on period,
  employer and contributor, so wage rows are contributors).
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
WITH bounds AS (
  SELECT CAST(left(min(period), 4) AS INTEGER) * 12 + CAST(right(min(period), 2) AS INTEGER) - 1 AS first_mi,
         year(getvariable('as_of')) * 12 + month(getvariable('as_of')) - 1 AS as_of_mi
  FROM raw.wages
),
months AS (
  -- the months judged, as whole numbers (year × 12 + month − 1), with the instant each ends in Riyadh: comparing
  -- declared_at with it gives the same answer as converting every wage row's declared_at to a Riyadh day
  SELECT mi, strftime(make_date(mi // 12, mi % 12 + 1, 1), '%Y-%m') AS period,
         timezone('Asia/Riyadh', CAST(make_date(mi // 12, mi % 12 + 1, 1) + INTERVAL 1 MONTH AS TIMESTAMP)) AS ends_at
  FROM (SELECT unnest(range(b.first_mi, b.as_of_mi)) AS mi FROM bounds AS b)
),
spans AS (
  -- the months each engagement covers (core.engagement_months): from its joined month to its left month, within
  -- the months judged; left_on before joined_on (refused at ingest) covers none
  SELECT * FROM (
    SELECT e.employer_id, e.contributor_id,
           greatest(year(e.joined_on) * 12 + month(e.joined_on) - 1, b.first_mi) AS first_mi,
           least(coalesce(year(e.left_on) * 12 + month(e.left_on) - 1, b.as_of_mi), b.as_of_mi - 1) AS last_mi
    FROM raw.engagements_current AS e, bounds AS b
    WHERE e.joined_on IS NOT NULL AND (e.left_on IS NULL OR e.left_on >= e.joined_on))
  WHERE first_mi <= last_mi
),
disjoint AS (
  -- a contributor with overlapping engagements at one employer is engaged once: each span keeps only the months
  -- after those of the spans starting before it
  SELECT * FROM (
    SELECT employer_id, greatest(first_mi, coalesce(max(last_mi) OVER w + 1, first_mi)) AS first_mi, last_mi
    FROM spans
    WINDOW w AS (PARTITION BY employer_id, contributor_id ORDER BY first_mi, last_mi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
  WHERE first_mi <= last_mi
),
changes AS (
  -- engaged counts change only where a span starts or ends: a running sum over those months, not over every month
  SELECT employer_id, mi, sum(d) AS d FROM (
    SELECT employer_id, first_mi AS mi, 1 AS d FROM disjoint
    UNION ALL SELECT employer_id, last_mi + 1, -1 FROM disjoint)
  GROUP BY ALL
),
runs AS (
  SELECT employer_id, mi, lead(mi) OVER w AS next_mi, sum(d) OVER w AS engaged
  FROM changes WINDOW w AS (PARTITION BY employer_id ORDER BY mi)
),
declared AS (
  -- the wage rows of engaged contributors, counted per employer and month before they meet the engaged counts
  SELECT w.employer_id, m.mi, count(*) AS declared, count(*) FILTER (WHERE w.declared_at >= m.ends_at) AS late
  FROM raw.wages AS w
  JOIN months AS m ON m.period = w.period
  SEMI JOIN spans AS s
    ON s.employer_id = w.employer_id AND s.contributor_id = w.contributor_id AND s.first_mi <= m.mi AND m.mi <= s.last_mi
  WHERE w.declared_at < timezone('Asia/Riyadh', CAST(CAST(getvariable('as_of') AS DATE) + 1 AS TIMESTAMP))
  GROUP BY w.employer_id, m.mi
)
SELECT r.employer_id, m.period,
       CAST(r.engaged AS INTEGER) AS contributors_engaged,
       CAST(r.engaged - coalesce(d.declared, 0) AS INTEGER) AS contributors_not_declared,
       CAST(coalesce(d.late, 0) AS INTEGER) AS contributors_declared_late
FROM (SELECT employer_id, unnest(range(mi, next_mi)) AS mi, engaged FROM runs WHERE engaged > 0) AS r
JOIN months AS m ON m.mi = r.mi
LEFT JOIN declared AS d ON d.employer_id = r.employer_id AND d.mi = r.mi
