-- An employer whose risk tier is critical at the build's as-of date (marts.employer_risk, issue 19): entering
-- it is the "tier jump to critical", raised once; leaving closes the alert; coming back raises it again. The
-- message carries the score and its main reason, the details every driver.
-- requires: marts.employer_risk
SELECT
  'employer_risk_critical:' || employer_id AS alert_key,
  employer_id,
  'critical' AS severity,
  'Employer ' || employer_id || ' moved into the critical risk tier: score ' || CAST(risk_score AS VARCHAR) || ' (as of '
    || CAST(as_of AS VARCHAR) || ')' || coalesce('; ' || reason_1_en, '') AS message_en,
  'انتقلت المنشأة ' || employer_id || ' إلى فئة المخاطر الحرجة: درجة المخاطر ' || CAST(risk_score AS VARCHAR)
    || ' (حتى ' || CAST(as_of AS VARCHAR) || ')' || coalesce('؛ ' || reason_1_ar, '') AS message_ar,
  json_object('as_of', as_of, 'risk_score', risk_score, 'rules_version', rules_version, 'reasons', [reason_1_en, reason_2_en, reason_3_en],
    'drivers', drivers) AS details
FROM marts.employer_risk
WHERE as_of = getvariable('as_of') AND risk_tier = 'critical'
