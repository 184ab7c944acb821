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
