/*
description: >
  The months the declared wages cover, by the integer month_index of core.detector_wage_history (year × 12 +
  month) with the period the findings name and its first and last day: one place for turning the number back
  into a month.
description_ar: "الأشهر التي تغطيها الأجور المصرّح بها: رقم الشهر مع الشهر YYYY-MM وأول يوم منه وآخره."
grain: one row per month_index
materialized: table
columns:
  month_index: { same_as: core.detector_wage_history }
  period:
    description: Month YYYY-MM.
    description_ar: الشهر YYYY-MM.
  month_start:
    description: First day of the month.
    description_ar: أول يوم من الشهر.
  month_end:
    description: Last day of the month.
    description_ar: آخر يوم من الشهر.
# no tests: one row per distinct month_index, and every column a function of it
*/
SELECT month_index, strftime(month_start, '%Y-%m') AS period, month_start, last_day(month_start) AS month_end
FROM (
  SELECT month_index, make_date((month_index - 1) // 12, (month_index - 1) % 12 + 1, 1) AS month_start
  FROM (SELECT DISTINCT month_index FROM core.detector_wage_history)
)
