-- An employer on the suspension list at the build's as-of date (marts.suspension_candidates, rules.md §4).
-- Raised when it enters the list; closed when it leaves; raised again if it comes back.
-- requires: marts.suspension_candidates
SELECT
  'suspension_listed:' || employer_id AS alert_key,
  employer_id,
  'high' AS severity,
  'Employer ' || employer_id || ' entered the suspension list: ' || CAST(past_due_undisputed AS VARCHAR)
    || ' SAR undisputed past due, the oldest due on ' || CAST(oldest_due_on AS VARCHAR) || ' (' || CAST(days_past_due AS VARCHAR)
    || ' days)' AS message_en,
  'أُدرجت المنشأة ' || employer_id || ' في قائمة المرشحين للإيقاف: متأخرات غير معترض عليها قدرها '
    || CAST(past_due_undisputed AS VARCHAR) || ' ريال، أقدمها مستحق في ' || CAST(oldest_due_on AS VARCHAR)
    || ' (منذ ' || CAST(days_past_due AS VARCHAR) || ' يومًا)' AS message_ar,
  json_object('as_of', as_of, 'past_due_undisputed', CAST(past_due_undisputed AS VARCHAR), 'oldest_due_on', oldest_due_on,
    'days_past_due', days_past_due, 'reason', reason) AS details
FROM marts.suspension_candidates
WHERE as_of = getvariable('as_of')
