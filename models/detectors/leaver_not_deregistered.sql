/*
description: >
  Leavers not deregistered (rules.md §8, fake Saudization): an engagement still open whose last
  min_months_without_wage or more judged months all have no wage declared (marts.coverage_gaps).
  The person has most likely gone, but still counts towards the employer's Saudization and stays
  insured on paper; the employer should have entered left_on.
description_ar: "تارك عمل لم يُستبعد: اشتراك مفتوح لم يُصرّح له بأجر في آخر عدة أشهر، فيبقى محسوبًا في التوطين."
grain: one row per engagement
materialized: table
params:
  detectors_leaver_not_deregistered_severity: varchar
  detectors_leaver_not_deregistered_min_months_without_wage: integer
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
WITH gaps AS (
  SELECT g.*, CAST(substr(period, 1, 4) AS INTEGER) * 12 + CAST(substr(period, 6, 2) AS INTEGER) AS month_index
  FROM marts.coverage_gaps AS g
),
last_judged AS (SELECT max(month_index) AS month_index FROM gaps),
runs AS (
  -- consecutive gap months end at the last judged month: the engagement has gone silent
  SELECT engagement_id, employer_id, contributor_id,
         month_index - row_number() OVER (PARTITION BY engagement_id ORDER BY month_index) AS run,
         period, month_index
  FROM gaps
),
silent AS (
  SELECT r.engagement_id, r.employer_id, r.contributor_id, min(r.period) AS since, count(*) AS months
  FROM runs AS r
  JOIN raw.engagements_current AS e USING (engagement_id)
  WHERE e.left_on IS NULL
  GROUP BY r.engagement_id, r.employer_id, r.contributor_id, r.run
  HAVING max(r.month_index) = (SELECT month_index FROM last_judged)
     AND count(*) >= getvariable('detectors_leaver_not_deregistered_min_months_without_wage')
)
SELECT 'leaver_not_deregistered' AS rule, 1 AS rule_version, 'engagement' AS entity, engagement_id AS entity_id,
       employer_id, contributor_id, since AS period,
       getvariable('detectors_leaver_not_deregistered_severity') AS severity,
       CAST(months / getvariable('detectors_leaver_not_deregistered_min_months_without_wage') AS DOUBLE) AS score,
       json_object('months_without_wage', months, 'since', since,
                   'min_months_without_wage', getvariable('detectors_leaver_not_deregistered_min_months_without_wage')) AS evidence
FROM silent
