/*
description: >
  Leavers not deregistered (rules.md §8, fake Saudization): an engagement still open whose last
  min_months_without_wage or more judged months all have no wage declared (marts.coverage_gaps).
  The person has most likely gone, but still counts towards the employer's Saudization and stays
  insured on paper; the employer should have entered left_on.
description_ar: "تارك عمل لم يُستبعد: اشتراك مفتوح لم يُصرّح له بأجر في آخر عدة أشهر، فيبقى محسوبًا في التوطين."
grain: one row per engagement
materialized: table
params:
  detectors_leaver_not_deregistered_severity: varchar
  detectors_leaver_not_deregistered_min_months_without_wage: integer
*/
WITH gaps AS (
  SELECT g.*, CAST(substr(period, 1, 4) AS INTEGER) * 12 + CAST(substr(period, 6, 2) AS INTEGER) AS month_index
  FROM marts.coverage_gaps AS g
),
last_judged AS (SELECT max(month_index) AS month_index FROM gaps),
runs AS (
  -- consecutive gap months end at the last judged month: the engagement has gone silent
  SELECT engagement_id, employer_id, contributor_id,
         month_index - row_number() OVER (PARTITION BY engagement_id ORDER BY month_index) AS run,
         period, month_index
  FROM gaps
),
silent AS (
  SELECT r.engagement_id, r.employer_id, r.contributor_id, min(r.period) AS since, count(*) AS months
  FROM runs AS r
  JOIN raw.engagements_current AS e USING (engagement_id)
  WHERE e.left_on IS NULL
  GROUP BY r.engagement_id, r.employer_id, r.contributor_id, r.run
  HAVING max(r.month_index) = (SELECT month_index FROM last_judged)
     AND count(*) >= getvariable('detectors_leaver_not_deregistered_min_months_without_wage')
)
SELECT 'leaver_not_deregistered' AS rule, 1 AS rule_version, 'engagement' AS entity, engagement_id AS entity_id,
       employer_id, contributor_id, since AS period,
       getvariable('detectors_leaver_not_deregistered_severity') AS severity,
       CAST(months / getvariable('detectors_leaver_not_deregistered_min_months_without_wage') AS DOUBLE) AS score,
       json_object('months_without_wage', months, 'since', since,
                   'min_months_without_wage', getvariable('detectors_leaver_not_deregistered_min_months_without_wage')) AS evidence
FROM silent
