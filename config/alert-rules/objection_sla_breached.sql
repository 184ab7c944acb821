-- An objection still undecided at the build's as-of date and past its service level (marts.dispute_lifecycle,
-- rules.md §6). Decided objections are not alerted: nothing can be done about their delay any more, and
-- a first build over years of history would otherwise raise every late decision ever made.
-- requires: marts.dispute_lifecycle
SELECT
  'objection_sla_breached:' || dispute_id AS alert_key,
  employer_id,
  'medium' AS severity,
  'Objection ' || dispute_id || ' of employer ' || employer_id || ' has passed its ' || CAST(sla_days AS VARCHAR)
    || '-day service level: undecided for ' || CAST(age_days AS VARCHAR) || ' days' AS message_en,
  'تجاوز الاعتراض ' || dispute_id || ' المقدَّم من المنشأة ' || employer_id || ' مستوى الخدمة البالغ '
    || CAST(sla_days AS VARCHAR) || ' يومًا: لم يُبتّ فيه منذ ' || CAST(age_days AS VARCHAR) || ' يومًا' AS message_ar,
  json_object('invoice_id', invoice_id, 'status', status, 'submitted_on', submitted_on, 'age_days', age_days,
    'sla_days', sla_days, 'escalated', escalated, 'disputed_amount', CAST(disputed_amount AS VARCHAR)) AS details
FROM marts.dispute_lifecycle
WHERE sla_breached AND is_open
