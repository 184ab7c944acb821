/*
description: >
  Invoices whose total differs from the recomputed contributions (rules.md §8, human error): any
  invoice in force (not cancelled by a re-issue) of marts.invoice_check whose difference exceeds
  detectors.invoice_mismatch.tolerance in either direction. Cancelled invoices are left out: their
  re-issue carries the late declarations they lacked, so their difference is expected.
grain: one row per invoice
materialized: table
params:
  detectors_invoice_mismatch_severity: varchar
  detectors_invoice_mismatch_tolerance: decimal
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
