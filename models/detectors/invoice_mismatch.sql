/*
description: >
  Invoices whose total differs from the recomputed contributions (rules.md §8, human error): any
  invoice in force (not cancelled by a re-issue) of marts.invoice_check whose difference exceeds
  detectors.invoice_mismatch.tolerance in either direction. Cancelled invoices are left out: their
  re-issue carries the late declarations they lacked, so their difference is expected.
description_ar: فواتير سارية يختلف إجماليها عن الاشتراكات المعاد احتسابها بأكثر من حد التسامح.
grain: one row per invoice
materialized: table
params:
  detectors_invoice_mismatch_severity: varchar
  detectors_invoice_mismatch_tolerance: decimal
*/
SELECT 'invoice_mismatch' AS rule, 1 AS rule_version, 'invoice' AS entity, invoice_id AS entity_id,
       employer_id, CAST(NULL AS VARCHAR) AS contributor_id, period,
       getvariable('detectors_invoice_mismatch_severity') AS severity,
       CAST(abs(difference) / greatest(getvariable('detectors_invoice_mismatch_tolerance'), 0.01) AS DOUBLE) AS score,
       json_object('invoice_type', invoice_type, 'billed_amount', billed_amount, 'expected_amount', expected_amount,
                   'difference', difference, 'billed_annuities', billed_annuities, 'expected_annuities', expected_annuities,
                   'billed_hazards', billed_hazards, 'expected_hazards', expected_hazards,
                   'billed_unemployment', billed_unemployment, 'expected_unemployment', expected_unemployment,
                   'tolerance', getvariable('detectors_invoice_mismatch_tolerance')) AS evidence
FROM marts.invoice_check
WHERE NOT cancelled AND abs(difference) > getvariable('detectors_invoice_mismatch_tolerance')
