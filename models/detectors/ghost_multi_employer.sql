/*
description: >
  Ghost contributors (rules.md §8): the same person engaged under the mandatory scheme at two
  employers at once, engaged on the same days and with a wage declared by both for at least min_overlap_months of the same
  months. Each declaration is a full-time contributory wage; one person cannot hold both jobs, so
  one of them is a ghost (or a borrowed identity).
description_ar: "مشترك وهمي: الشخص نفسه مسجل لدى منشأتين في الوقت نفسه وبأجر مصرّح به من كلتيهما لعدة أشهر."
grain: one row per contributor
materialized: table
params:
  detectors_ghost_multi_employer_severity: varchar
  detectors_ghost_multi_employer_min_overlap_months: integer
*/
WITH movers AS (
  -- people declared by more than one employer: one grouping of each person's first month at each employer
  -- (one row per person and employer) finds these few before any join
  SELECT contributor_key FROM core.detector_wage_history WHERE nth = 1 GROUP BY contributor_key
  HAVING min(employer_key) <> max(employer_key)
),
mandatory AS (
  SELECT DISTINCT x.employer_id, c.contributor_id, m.period, w.wage, e.joined_on, coalesce(e.left_on, DATE '9999-12-31') AS left_on
  FROM core.detector_wage_history AS w
  SEMI JOIN movers USING (contributor_key)
  JOIN core.detector_employers AS x USING (employer_key)
  JOIN core.detector_contributors AS c USING (contributor_key)
  JOIN core.detector_months AS m USING (month_index)
  JOIN raw.engagements_current AS e
    ON e.employer_id = x.employer_id AND e.contributor_id = c.contributor_id AND e.scheme = 'mandatory'
),
both_months AS (
  SELECT a.contributor_id, a.employer_id AS first_employer, b.employer_id AS second_employer, a.period,
         a.wage AS first_wage, b.wage AS second_wage
  FROM mandatory AS a
  JOIN mandatory AS b ON b.contributor_id = a.contributor_id AND b.period = a.period AND b.employer_id > a.employer_id
  -- engaged on the same days, not one job after the other inside a month
  WHERE a.joined_on <= b.left_on AND b.joined_on <= a.left_on
)
SELECT 'ghost_multi_employer' AS rule, 1 AS rule_version, 'contributor' AS entity, contributor_id AS entity_id,
       max(second_employer) AS employer_id, contributor_id, min(period) AS period,
       getvariable('detectors_ghost_multi_employer_severity') AS severity,
       CAST(count(*) / getvariable('detectors_ghost_multi_employer_min_overlap_months') AS DOUBLE) AS score,
       json_object('employers', list(DISTINCT first_employer) || list(DISTINCT second_employer), 'months_declared_twice', count(*),
                   'first_month', min(period),
                   'min_overlap_months', getvariable('detectors_ghost_multi_employer_min_overlap_months')) AS evidence
FROM both_months
GROUP BY contributor_id
HAVING count(*) >= getvariable('detectors_ghost_multi_employer_min_overlap_months')
