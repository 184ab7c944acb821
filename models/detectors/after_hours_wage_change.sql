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
