/*
description: >
  Back-dated changes to wages of closed periods (rules.md §8, internal risk, from activity_log): a
  staff user changes a declared wage of a month that was already billed (its contribution invoice
  issued on or before the change). A billed month is closed; changing it afterwards rewrites
  history that invoices, payments and pensions rest on. Whether it was also out of hours is in the
  evidence.
description_ar: تعديل مستخدم من الموظفين لأجر شهر صدرت فاتورة اشتراكاته قبل التعديل، أي تغيير بأثر رجعي لفترة مغلقة.
grain: one row per wage changed (period|employer_id|contributor_id)
materialized: table
params:
  detectors_backdated_wage_change_severity: varchar
*/
SELECT 'backdated_wage_change' AS rule, 1 AS rule_version, 'wage' AS entity, entity_id,
       any_value(employer_id) AS employer_id, any_value(contributor_id) AS contributor_id, any_value(period) AS period,
       getvariable('detectors_backdated_wage_change_severity') AS severity,
       CAST(max(date_diff('day', billed_on, CAST(local_at AS DATE))) / 30 + 1 AS DOUBLE) AS score,
       json_object('changes', list(json_object('event_id', event_id, 'by', actor_id, 'at', strftime(local_at, '%Y-%m-%d %H:%M'),
                                               'field', field, 'old_value', old_value, 'new_value', new_value, 'after_hours', after_hours)
                                   ORDER BY local_at),
                   'billed_on', any_value(billed_on), 'threshold', 'no change after the period is billed') AS evidence
FROM core.staff_wage_changes
WHERE billed_on IS NOT NULL AND CAST(local_at AS DATE) >= billed_on
GROUP BY entity_id
