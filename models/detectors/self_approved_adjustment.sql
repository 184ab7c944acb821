/*
description: >
  Adjustments approved by their own creator (rules.md §8, internal risk): a credit or debit note
  whose approved_by is its created_by. Four eyes is the control that stops one officer writing off
  what an employer owes; a note that passed only its author's has had none.
description_ar: تسوية (إشعار دائن أو مدين) اعتمدها منشئها نفسه، خلافًا لمبدأ الاعتماد المزدوج.
grain: one row per adjustment
materialized: table
params:
  detectors_self_approved_adjustment_severity: varchar
  billing_approval_threshold: decimal
*/
SELECT 'self_approved_adjustment' AS rule, 1 AS rule_version, 'adjustment' AS entity, a.adjustment_id AS entity_id,
       i.employer_id, CAST(NULL AS VARCHAR) AS contributor_id, i.period,
       getvariable('detectors_self_approved_adjustment_severity') AS severity,
       -- the bigger the note against the approval threshold, the more it matters
       CAST(1 + abs(a.amount) / getvariable('billing_approval_threshold') AS DOUBLE) AS score,
       json_object('created_by', a.created_by, 'approved_by', a.approved_by, 'amount', a.amount, 'reason_code', a.reason_code,
                   'invoice_id', a.invoice_id, 'threshold', 'approver must differ from creator') AS evidence
FROM staging.stg_adjustments AS a
JOIN staging.stg_invoices AS i USING (invoice_id)
WHERE a.approved_by IS NOT NULL AND a.approved_by = a.created_by
