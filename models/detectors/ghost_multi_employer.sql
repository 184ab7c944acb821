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
WITH mandatory AS (
  SELECT DISTINCT w.employer_id, w.contributor_id, w.period, w.wage, e.joined_on, coalesce(e.left_on, DATE '9999-12-31') AS left_on
  FROM core.detector_wages AS w
  JOIN raw.engagements_current AS e
    ON e.employer_id = w.employer_id AND e.contributor_id = w.contributor_id AND e.scheme = 'mandatory'
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
