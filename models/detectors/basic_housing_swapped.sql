/*
description: >
  Basic wage and housing allowance swapped (rules.md §8, human error): a month whose housing
  allowance exceeds its basic wage, while the contributor's usual basic (median over their months
  with the employer, more than min_history_months of them) exceeds their usual housing, or the month
  before or after declared the same two amounts the other way round. Housing is a share of basic (a
  quarter, typically), so it is never the larger part; the total is unchanged, which is why billing
  does not notice. The neighbouring month sees a swap where the median cannot: in a person's first
  months, or when the swap lasts as long as the months around it.
description_ar: "تبادل الأجر الأساسي وبدل السكن: بدل سكن أعلى من الأساسي خلافًا للأشهر المعتادة أو للشهر المجاور."
grain: one row per wage (period, employer_id, contributor_id)
materialized: table
params:
  detectors_basic_housing_swapped_severity: varchar
  detectors_basic_housing_swapped_min_history_months: integer
*/
WITH inverted AS (
  SELECT * FROM core.detector_wage_history WHERE basic_wage > 0 AND housing_allowance > basic_wage
),
neighbours AS (
  -- the month before or after with the same two amounts the other way round
  SELECT i.month_index, i.employer_key, i.contributor_key, min(n.month_index) AS mirrored_in
  FROM inverted AS i
  JOIN core.detector_wage_history AS n
    ON n.employer_key = i.employer_key AND n.contributor_key = i.contributor_key AND abs(n.month_index - i.month_index) = 1
   AND n.basic_wage = i.housing_allowance AND n.housing_allowance = i.basic_wage
  GROUP BY ALL
),
swapped AS (
  SELECT i.*, n.mirrored_in FROM inverted AS i LEFT JOIN neighbours AS n USING (month_index, employer_key, contributor_key)
  WHERE n.mirrored_in IS NOT NULL
     OR (i.months > getvariable('detectors_basic_housing_swapped_min_history_months') AND i.usual_basic > i.usual_housing)
)
SELECT 'basic_housing_swapped' AS rule, 2 AS rule_version, 'wage' AS entity,
       m.period || '|' || e.employer_id || '|' || c.contributor_id AS entity_id,
       e.employer_id, c.contributor_id, m.period,
       getvariable('detectors_basic_housing_swapped_severity') AS severity,
       CAST(s.housing_allowance / s.basic_wage AS DOUBLE) AS score,
       json_object('basic_wage', s.basic_wage, 'housing_allowance', s.housing_allowance,
                   'usual_basic_wage', CAST(s.usual_basic AS DECIMAL(18,2)),
                   'usual_housing_allowance', CAST(s.usual_housing AS DECIMAL(18,2)),
                   'mirrored_in', mirror.period,
                   'threshold', 'housing above basic, unlike the usual months or the month beside it') AS evidence
FROM swapped AS s
JOIN core.detector_employers AS e USING (employer_key)
JOIN core.detector_contributors AS c USING (contributor_key)
JOIN core.detector_months AS m USING (month_index)
LEFT JOIN core.detector_months AS mirror ON mirror.month_index = s.mirrored_in
