/*
description: >
  Fee waivers concentrated by one user (rules.md §8, internal risk): one staff user waived at
  least min_waivers of an employer's late fees, and at least min_share of all the late fees that
  employer was ever charged. Waivers are discretionary; an officer who waives one employer's fees
  as a matter of course has a relationship with it the fund should know about.
description_ar: تركّز إعفاءات غرامات التأخير لدى مستخدم واحد من الموظفين لصالح منشأة واحدة.
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
)
SELECT 'fee_waiver_concentration' AS rule, 1 AS rule_version, 'employer' AS entity, w.employer_id AS entity_id,
       w.employer_id, CAST(NULL AS VARCHAR) AS contributor_id, CAST(NULL AS VARCHAR) AS period,
       getvariable('detectors_fee_waiver_concentration_severity') AS severity,
       CAST(w.waived / f.late_fees / getvariable('detectors_fee_waiver_concentration_min_share') AS DOUBLE) AS score,
       json_object('waived_by', w.created_by, 'waivers', w.waived, 'late_fees_charged', f.late_fees,
                   'share_waived', round(w.waived / f.late_fees, 2), 'amount_waived', CAST(w.amount AS DECIMAL(18,2)),
                   'adjustments', w.ids, 'min_waivers', getvariable('detectors_fee_waiver_concentration_min_waivers'),
                   'min_share', getvariable('detectors_fee_waiver_concentration_min_share')) AS evidence
FROM waivers AS w JOIN fees AS f USING (employer_id)
WHERE w.waived >= getvariable('detectors_fee_waiver_concentration_min_waivers')
  AND w.waived >= f.late_fees * getvariable('detectors_fee_waiver_concentration_min_share')
QUALIFY row_number() OVER (PARTITION BY w.employer_id ORDER BY w.waived DESC, w.created_by) = 1
