-- An employer whose arrears are critical at the build's as-of date (marts.arrears_ageing.severity, rules.md §4).
-- Raised when it enters critical; closed when it leaves; raised again if it comes back.
-- requires: marts.arrears_ageing
SELECT
  'arrears_critical:' || employer_id AS alert_key,
  employer_id,
  'critical' AS severity,
  'Employer ' || employer_id || ' entered critical arrears: ' || CAST(past_due AS VARCHAR) || ' SAR past due, the oldest item '
    || CAST(max_days_past_due AS VARCHAR) || ' days past due (as of ' || CAST(as_of AS VARCHAR) || ')' AS message_en,
  'دخلت المنشأة ' || employer_id || ' مرحلة المتأخرات الحرجة: متأخرات قدرها ' || CAST(past_due AS VARCHAR)
    || ' ريال، وأقدم بند متأخر منذ ' || CAST(max_days_past_due AS VARCHAR) || ' يومًا (حتى ' || CAST(as_of AS VARCHAR) || ')' AS message_ar,
  json_object('as_of', as_of, 'past_due', CAST(past_due AS VARCHAR), 'outstanding', CAST(outstanding AS VARCHAR),
    'disputed', CAST(disputed AS VARCHAR), 'max_days_past_due', max_days_past_due) AS details
FROM marts.arrears_ageing
WHERE as_of = getvariable('as_of') AND severity = 'critical'
