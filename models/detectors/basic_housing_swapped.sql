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
columns:
  rule:
    description: Detector that raised the finding.
    description_ar: الكاشف الذي أثار النتيجة.
  rule_version:
    description: Version of the detector's logic; raised when what it flags changes.
    description_ar: إصدار منطق الكاشف؛ يُرفع عند تغيّر ما يرصده.
  entity:
    description: Kind of row that tripped it, in the extracts' words.
    description_ar: نوع السجل الذي أثار النتيجة، بتسمية المستخرجات.
  entity_id:
    description: Key of that row.
    description_ar: مفتاح ذلك السجل.
  employer_id:
    description: Employer concerned.
    description_ar: المنشأة المعنية.
  contributor_id:
    description: Contributor concerned, where there is one.
    description_ar: المشترك المعني، إن وُجد.
  period:
    description: Month YYYY-MM, where the finding has one.
    description_ar: الشهر YYYY-MM، إن كان للنتيجة شهر.
  severity:
    description: low, medium, high or critical (the detector's severity setting).
    description_ar: درجة الخطورة (منخفضة أو متوسطة أو عالية أو حرجة) حسب إعداد الكاشف.
  score:
    description: How far past its threshold (1 = at the threshold); ranks findings of one rule.
    description_ar: مقدار تجاوز العتبة (1 = عند العتبة)؛ يرتّب نتائج الكاشف الواحد.
  evidence:
    description: JSON with the values that tripped the rule and the threshold crossed.
    description_ar: JSON بالقيم التي أثارت القاعدة والعتبة التي تم تجاوزها.
tests:
  - unique: [rule, entity, entity_id, period]
  - not_null: [rule, entity, entity_id, severity, score]
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
