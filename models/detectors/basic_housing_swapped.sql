/*
description: >
  Basic wage and housing allowance swapped (rules.md §8, human error): a month whose housing
  allowance exceeds its basic wage for a contributor whose usual basic (median over their months
  with the employer) exceeds their usual housing. Housing is a share of basic (a quarter,
  typically), so it is never the larger part; the total is unchanged, which is why billing does
  not notice.
description_ar: "تبادل الأجر الأساسي وبدل السكن: شهر يزيد فيه بدل السكن على الأساسي لمشترك يزيد أساسيه المعتاد على سكنه."
grain: one row per wage (period, employer_id, contributor_id)
materialized: table
params:
  detectors_basic_housing_swapped_severity: varchar
  detectors_basic_housing_swapped_min_history_months: integer
*/
SELECT 'basic_housing_swapped' AS rule, 1 AS rule_version, 'wage' AS entity,
       period || '|' || employer_id || '|' || contributor_id AS entity_id,
       employer_id, contributor_id, period,
       getvariable('detectors_basic_housing_swapped_severity') AS severity,
       CAST(housing_allowance / basic_wage AS DOUBLE) AS score,
       json_object('basic_wage', basic_wage, 'housing_allowance', housing_allowance,
                   'usual_basic_wage', CAST(usual_basic AS DECIMAL(18,2)), 'usual_housing_allowance', CAST(usual_housing AS DECIMAL(18,2)),
                   'threshold', 'housing above basic, unlike the usual months') AS evidence
FROM core.detector_wages
WHERE months > getvariable('detectors_basic_housing_swapped_min_history_months')
  AND basic_wage > 0 AND housing_allowance > basic_wage AND usual_basic > usual_housing
