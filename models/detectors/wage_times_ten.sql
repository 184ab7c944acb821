/*
description: >
  A wage ten times the contributor's usual one (rules.md §8, human error: an extra zero): a
  month's basic wage between min_ratio and max_ratio times the median basic wage of all the
  contributor's months with the employer (the median shrugs off the one bad month), and within
  neighbour_tolerance of exactly ten times the basic declared the month before or after: an extra zero
  multiplies the amount meant that month by ten, and a raise that month does not hide it, while a
  first month far above all the later ones (a joiner then cut) is not taken for a slip. Needs
  min_history_months other months to know what usual is. The rule itself is core.detector_wage_history.times_ten.
description_ar: "أجر يعادل عشرة أضعاف الأجر المعتاد للمشترك تقريبًا (خطأ بشري: صفر زائد)."
grain: one row per wage (period, employer_id, contributor_id)
materialized: table
params:
  detectors_wage_times_ten_severity: varchar
  detectors_wage_times_ten_min_ratio: decimal
  detectors_wage_times_ten_max_ratio: decimal
  detectors_wage_times_ten_min_history_months: integer
  detectors_wage_times_ten_neighbour_tolerance: decimal
*/
SELECT 'wage_times_ten' AS rule, 2 AS rule_version, 'wage' AS entity,
       period || '|' || employer_id || '|' || contributor_id AS entity_id,
       employer_id, contributor_id, period,
       getvariable('detectors_wage_times_ten_severity') AS severity,
       CAST(1 / (1 + abs(basic_wage / usual_basic - 10)) AS DOUBLE) AS score,
       json_object('basic_wage', basic_wage, 'usual_basic_wage', CAST(usual_basic AS DECIMAL(18,2)),
                   'ratio', round(basic_wage / usual_basic, 2),
                   'min_ratio', getvariable('detectors_wage_times_ten_min_ratio'),
                   'max_ratio', getvariable('detectors_wage_times_ten_max_ratio'),
                   'neighbour_tolerance', getvariable('detectors_wage_times_ten_neighbour_tolerance'),
                   'months_of_history', months,
                   'min_history_months', getvariable('detectors_wage_times_ten_min_history_months')) AS evidence
FROM core.detector_wages
-- the rule is core.detector_wage_history.times_ten, so the detectors that leave slips out of a usual wage use the same one
WHERE times_ten
