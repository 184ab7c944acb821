/*
description: >
  After-hours changes to declared wages (rules.md §8, internal risk, from activity_log): a staff
  user changes a wage outside working hours (detectors.working_hours: weekend days, before
  start_hour or from end_hour, Riyadh time). Back-office work happens in office hours; an edit at
  night or on the weekend is when no one is watching. Changes to billed months are the back-dated
  detector's.
grain: one row per wage changed (period|employer_id|contributor_id)
materialized: table
params:
  detectors_after_hours_wage_change_severity: varchar
  detectors_working_hours_weekend_isodow: varchar
  detectors_working_hours_start_hour: integer
  detectors_working_hours_end_hour: integer
columns:
  rule: Detector that raised the finding.
  rule_version: Version of the detector's logic; raised when what it flags changes.
  entity: Kind of row that tripped it, in the extracts' words.
  entity_id: Key of that row.
  employer_id: Employer concerned.
  contributor_id: Contributor concerned, where there is one.
  period: Month YYYY-MM, where the finding has one.
  severity: low, medium, high or critical (the detector's severity setting).
  score: How far past its threshold (1 = at the threshold); ranks findings of one rule.
  evidence: JSON with the values that tripped the rule and the threshold crossed.
tests:
  - unique: [rule, entity, entity_id, period]
  - not_null: [rule, entity, entity_id, severity, score]
*/
WITH changes AS (
  SELECT l.event_id, l.actor_id, l.entity_id, l.field, l.old_value, l.new_value,
         timezone('Asia/Riyadh', l.at) AS local_at,
         split_part(l.entity_id, '|', 1) AS period, split_part(l.entity_id, '|', 2) AS employer_id,
         split_part(l.entity_id, '|', 3) AS contributor_id
  FROM raw.activity_log AS l
  WHERE l.entity = 'wage' AND l.action = 'update' AND l.actor_role = 'staff'
),
judged AS (
  SELECT c.*,
         -- closed: the period was billed (its first contribution invoice issued) on or before the change
         (SELECT min(i.issued_on) FROM staging.stg_invoices AS i
          WHERE i.employer_id = c.employer_id AND i.period = c.period AND i.invoice_type = 'contribution') AS billed_on,
         list_contains(from_json(getvariable('detectors_working_hours_weekend_isodow'), '["INTEGER"]'), isodow(c.local_at))
           OR hour(c.local_at) < getvariable('detectors_working_hours_start_hour')
           OR hour(c.local_at) >= getvariable('detectors_working_hours_end_hour') AS after_hours
  FROM changes AS c
)
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
FROM judged
WHERE after_hours AND (billed_on IS NULL OR CAST(local_at AS DATE) < billed_on)
GROUP BY entity_id
