/*
description: >
  Pension-wage inflation (rules.md §8): a Saudi within
  detectors.pension_wage_inflation.years_before of retirement age whose wage rises to at least
  min_rise_ratio × their usual wage (the median of their earlier months with the employer, a month
  with an extra zero left out) and
  stays there the next month. Under the old law the pension is the average wage of the last two
  years, so a late, lasting rise buys a bigger pension for little. A one-month spike is a slip of
  the pen (wage_times_ten), not this.
description_ar: "تضخيم أجر التقاعد: رفع دائم لأجر سعودي قريب من سن التقاعد إلى مضاعف من أجره المعتاد."
grain: one row per contributor and employer (the first month of the rise)
materialized: table
params:
  detectors_pension_wage_inflation_severity: varchar
  detectors_pension_wage_inflation_retirement_age: integer
  detectors_pension_wage_inflation_years_before: integer
  detectors_pension_wage_inflation_min_rise_ratio: decimal
  detectors_pension_wage_inflation_min_history_months: integer
*/
WITH rises AS (
  SELECT *, wage / usual_before AS ratio
  FROM core.detector_wages
  WHERE saudi
    AND age >= getvariable('detectors_pension_wage_inflation_retirement_age') - getvariable('detectors_pension_wage_inflation_years_before')
    AND months_before >= getvariable('detectors_pension_wage_inflation_min_history_months')
    AND usual_before > 0
    -- usual_before leaves out a month with an extra zero: a slip is not the usual wage
    AND wage >= usual_before * getvariable('detectors_pension_wage_inflation_min_rise_ratio')
    -- lasting: the next month (when there is one) keeps the raised level
    AND (next_wage IS NULL OR next_wage >= usual_before * getvariable('detectors_pension_wage_inflation_min_rise_ratio'))
    AND NOT times_ten
  QUALIFY row_number() OVER (PARTITION BY employer_id, contributor_id ORDER BY month_index) = 1
)
SELECT 'pension_wage_inflation' AS rule, 2 AS rule_version, 'wage' AS entity,
       period || '|' || employer_id || '|' || contributor_id AS entity_id,
       employer_id, contributor_id, period,
       getvariable('detectors_pension_wage_inflation_severity') AS severity,
       CAST(ratio / getvariable('detectors_pension_wage_inflation_min_rise_ratio') AS DOUBLE) AS score,
       json_object('age', age, 'wage', wage, 'usual_wage', CAST(usual_before AS DECIMAL(18,2)), 'rise_ratio', round(ratio, 2),
                   'min_rise_ratio', getvariable('detectors_pension_wage_inflation_min_rise_ratio'),
                   'retirement_age', getvariable('detectors_pension_wage_inflation_retirement_age')) AS evidence
FROM rises
