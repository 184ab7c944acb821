/*
description: >
  Coverage gaps (rules.md §1): a contributor engaged with an employer in a month for which the
  employer declared no wage — unprotected, and not billed. Only months already over as of the as-of
  date are judged (wages for a month may be declared until its last day).
grain: one row per engagement_id and period
materialized: table
params:
  as_of: date
columns:
  employer_id: Account the contributor is engaged with.
  contributor_id: Insured person with no wage row for the month.
  engagement_id: The engagement covering the month.
  scheme: mandatory or optional.
  period: Month YYYY-MM.
  days_covered: Days of the month the engagement covers.
  as_of: Date the gaps are judged as of.
tests:
  - unique: [engagement_id, period]
  - not_null: [employer_id, contributor_id, period]
*/
SELECT m.employer_id, m.contributor_id, m.engagement_id, m.scheme, m.period, m.days_covered,
       getvariable('as_of') AS as_of
FROM core.engagement_months AS m
WHERE last_day(CAST(m.period || '-01' AS DATE)) <= getvariable('as_of')
  AND NOT EXISTS (
    SELECT 1 FROM raw.wages AS w
    WHERE w.period = m.period AND w.employer_id = m.employer_id AND w.contributor_id = m.contributor_id)
