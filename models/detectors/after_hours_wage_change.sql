/*
description: >
  After-hours changes to declared wages (rules.md §8, internal risk, from activity_log): a staff
  user changes a wage outside working hours (detectors.working_hours: weekend days, before
  start_hour or from end_hour, Riyadh time). Back-office work happens in office hours; an edit at
  night or on the weekend is when no one is watching. Changes to billed months are the back-dated
  detector's.
description_ar: تعديل مستخدم من الموظفين لأجر مصرّح به خارج ساعات العمل (عطلة نهاية الأسبوع أو قبل بدء الدوام أو بعد انتهائه بتوقيت الرياض).
grain: one row per wage changed (period|employer_id|contributor_id)
materialized: table
params:
  detectors_after_hours_wage_change_severity: varchar
  detectors_working_hours_weekend_isodow: varchar
  detectors_working_hours_start_hour: integer
  detectors_working_hours_end_hour: integer
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
SELECT 'after_hours_wage_change' AS rule, 1 AS rule_version, 'wage' AS entity, entity_id,
       any_value(employer_id) AS employer_id, any_value(contributor_id) AS contributor_id, any_value(period) AS period,
       getvariable('detectors_after_hours_wage_change_severity') AS severity,
       CAST(count(*) AS DOUBLE) AS score,
       json_object('changes', list(json_object('event_id', event_id, 'by', actor_id, 'at', strftime(local_at, '%Y-%m-%d %H:%M'),
                                               'weekday', dayname(local_at), 'field', field, 'old_value', old_value, 'new_value', new_value)
                                   ORDER BY local_at),
                   'working_hours', getvariable('detectors_working_hours_start_hour') || ':00–'
                                    || getvariable('detectors_working_hours_end_hour')
                                    || ':00, weekend ISO days ' || getvariable('detectors_working_hours_weekend_isodow')) AS evidence
FROM core.staff_wage_changes
WHERE after_hours AND (billed_on IS NULL OR CAST(local_at AS DATE) < billed_on)
GROUP BY entity_id
