/*
description: >
  Fee waivers concentrated on a few employers by one user (rules.md §8, internal risk). Waivers
  are discretionary relief, case by case: an officer waives a fee here and there, a small share of
  what each employer is charged. A user who, wherever they waive, waives most of what the employer
  is charged has a standing arrangement instead. Fires for each employer where one user waived at
  least min_share of its late fees, when that user waived at least min_waivers fees in all and at
  least min_share of all the late fees charged to the employers they waived for. The user's pattern,
  not the employer's count, is the tell: an employer with a single late fee, waived by such a user,
  is seen; a routine waiver of an employer's only fee is not.
description_ar: تركّز إعفاءات غرامات التأخير لدى مستخدم يعفي معظم غرامات المنشآت القليلة التي يتعامل معها.
grain: one row per employer (its leading waiver)
materialized: table
params:
  detectors_fee_waiver_concentration_severity: varchar
  detectors_fee_waiver_concentration_min_waivers: integer
  detectors_fee_waiver_concentration_min_share: decimal
*/
WITH fees AS (
  SELECT employer_id, count(*) AS late_fees FROM staging.stg_invoices WHERE invoice_type = 'late_fee' GROUP BY employer_id
),
waivers AS (
  SELECT i.employer_id, a.created_by, count(*) AS waived, sum(-a.amount) AS amount, list(a.adjustment_id ORDER BY a.adjustment_id) AS ids
  FROM staging.stg_adjustments AS a JOIN staging.stg_invoices AS i USING (invoice_id)
  WHERE a.reason_code = 'fee_waiver' AND i.invoice_type = 'late_fee'
  GROUP BY i.employer_id, a.created_by
),
users AS (
  -- each user's waivers against the late fees of the employers they waived for
  SELECT w.created_by, sum(w.waived) AS user_waivers, count(*) AS user_employers, sum(w.waived) / sum(f.late_fees) AS user_share
  FROM waivers AS w JOIN fees AS f USING (employer_id)
  GROUP BY w.created_by
)
SELECT 'fee_waiver_concentration' AS rule, 2 AS rule_version, 'employer' AS entity, w.employer_id AS entity_id,
       w.employer_id, CAST(NULL AS VARCHAR) AS contributor_id, CAST(NULL AS VARCHAR) AS period,
       getvariable('detectors_fee_waiver_concentration_severity') AS severity,
       CAST(w.waived / f.late_fees / getvariable('detectors_fee_waiver_concentration_min_share') AS DOUBLE) AS score,
       json_object('waived_by', w.created_by, 'waivers', w.waived, 'late_fees_charged', f.late_fees,
                   'share_waived', round(w.waived / f.late_fees, 2), 'amount_waived', CAST(w.amount AS DECIMAL(18,2)),
                   'adjustments', w.ids, 'user_waivers', u.user_waivers, 'user_employers', u.user_employers,
                   'user_share_waived', round(u.user_share, 2),
                   'min_waivers', getvariable('detectors_fee_waiver_concentration_min_waivers'),
                   'min_share', getvariable('detectors_fee_waiver_concentration_min_share')) AS evidence
FROM waivers AS w JOIN fees AS f USING (employer_id) JOIN users AS u USING (created_by)
WHERE w.waived >= f.late_fees * getvariable('detectors_fee_waiver_concentration_min_share')
  AND u.user_waivers >= getvariable('detectors_fee_waiver_concentration_min_waivers')
  AND u.user_share >= getvariable('detectors_fee_waiver_concentration_min_share')
QUALIFY row_number() OVER (PARTITION BY w.employer_id ORDER BY w.waived DESC, w.created_by) = 1
