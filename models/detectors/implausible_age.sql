/*
description: >
  Implausible ages (rules.md §8, ghost contributors): a person engaged under the mandatory scheme
  aged under min_age or over max_age on the day they joined. The extract's own rule accepts 15–80
  at first registration; a 16-year-old or a 77-year-old on a full-time payroll (in a heavy job,
  often) is rarely real.
description_ar: "أعمار غير معقولة: مشترك في النظام الإلزامي عمره عند الالتحاق دون الحد الأدنى أو فوق الحد الأعلى."
grain: one row per contributor
materialized: table
params:
  detectors_implausible_age_severity: varchar
  detectors_implausible_age_min_age: integer
  detectors_implausible_age_max_age: integer
*/
WITH ages AS (
  SELECT e.engagement_id, e.employer_id, e.contributor_id, e.joined_on, e.occupation_code, c.birth_date,
         date_sub('year', c.birth_date, e.joined_on) AS age
  FROM raw.engagements_current AS e JOIN raw.contributors_current AS c USING (contributor_id)
  WHERE e.scheme = 'mandatory'
)
SELECT 'implausible_age' AS rule, 1 AS rule_version, 'contributor' AS entity, contributor_id AS entity_id,
       employer_id, contributor_id, CAST(NULL AS VARCHAR) AS period,
       getvariable('detectors_implausible_age_severity') AS severity,
       CAST(CASE WHEN age < getvariable('detectors_implausible_age_min_age')
                 THEN 1 + getvariable('detectors_implausible_age_min_age') - age
                 ELSE 1 + age - getvariable('detectors_implausible_age_max_age') END AS DOUBLE) AS score,
       json_object('age_at_joining', age, 'birth_date', birth_date, 'joined_on', joined_on, 'engagement_id', engagement_id,
                   'occupation_code', occupation_code, 'min_age', getvariable('detectors_implausible_age_min_age'),
                   'max_age', getvariable('detectors_implausible_age_max_age')) AS evidence
FROM ages
WHERE age < getvariable('detectors_implausible_age_min_age') OR age > getvariable('detectors_implausible_age_max_age')
QUALIFY row_number() OVER (PARTITION BY contributor_id ORDER BY joined_on DESC, engagement_id) = 1
