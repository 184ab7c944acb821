-- The hook for the risk score (issue 19, item 1): an employer whose risk tier is critical at the build's
-- as-of date — entering it is the "tier jump to critical"; leaving closes the alert. Idle until
-- marts.employer_risk exists (a rule is evaluated only when the models it requires are current).
-- requires: marts.employer_risk
SELECT
  'employer_risk_critical:' || employer_id AS alert_key,
  employer_id,
  'critical' AS severity,
  'Employer ' || employer_id || ' moved into the critical risk tier: score ' || CAST(risk_score AS VARCHAR) || ' (as of '
    || CAST(as_of AS VARCHAR) || ')' AS message_en,
  'انتقلت المنشأة ' || employer_id || ' إلى فئة المخاطر الحرجة: درجة المخاطر ' || CAST(risk_score AS VARCHAR)
    || ' (حتى ' || CAST(as_of AS VARCHAR) || ')' AS message_ar,
  json_object('as_of', as_of, 'risk_score', risk_score, 'drivers', drivers) AS details
FROM marts.employer_risk
WHERE as_of = getvariable('as_of') AND risk_tier = 'critical'
