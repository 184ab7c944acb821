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
grain: one row per employer_id and period
materialized: table
params:
  as_of: date
columns:
  employer_id: Employer.
  period: Month M, YYYY-MM.
  contributors_engaged: Contributors with an engagement covering at least one day of M.
  contributors_not_declared: Engaged contributors with no wage row for M declared by D.
  contributors_declared_late: Engaged contributors whose wage for M was declared after the end of M (and by D).
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
declared AS (
  SELECT period, employer_id, contributor_id, CAST(timezone('Asia/Riyadh', declared_at) AS DATE) AS declared_on
  FROM raw.wages
  WHERE CAST(timezone('Asia/Riyadh', declared_at) AS DATE) <= getvariable('as_of')
)
SELECT e.employer_id, e.period,
       CAST(count(*) AS INTEGER) AS contributors_engaged,
       CAST(count(*) FILTER (WHERE w.declared_on IS NULL) AS INTEGER) AS contributors_not_declared,
       CAST(count(*) FILTER (WHERE w.declared_on > last_day(CAST(e.period || '-01' AS DATE))) AS INTEGER) AS contributors_declared_late
FROM engaged AS e
LEFT JOIN declared AS w ON w.period = e.period AND w.employer_id = e.employer_id AND w.contributor_id = e.contributor_id
GROUP BY e.employer_id, e.period
