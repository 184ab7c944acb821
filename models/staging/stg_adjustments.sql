/*
description: >
  Credit and debit notes as they stand now (current snapshot version), with the Riyadh day from which
  an approved one changes what its invoice owes (rules.md §2). A note without approved_by (or without
  approved_at) is pending and changes nothing.
grain: one row per adjustment_id
materialized: view
columns:
  adjustment_id: Note number.
  invoice_id: Invoice it changes.
  amount: Signed amount; negative lowers what is owed.
  reason_code: Why it was raised.
  created_by: Who raised it.
  created_at: When it was raised.
  approved_by: Approver, null while pending.
  approved_at: Approval timestamp.
  approved_on: Riyadh day of approved_at; null while pending.
tests:
  - unique: adjustment_id
  - not_null: [adjustment_id, invoice_id, amount]
*/
SELECT
  adjustment_id, invoice_id, amount, reason_code, created_by, created_at, approved_by, approved_at,
  CASE WHEN approved_by IS NOT NULL AND approved_at IS NOT NULL
       THEN CAST(timezone('Asia/Riyadh', approved_at) AS DATE) END AS approved_on
FROM raw.invoice_adjustments
WHERE _valid_to IS NULL
