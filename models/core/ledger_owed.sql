/*
description: >
  What each invoice owes as of each ledger date, before any payment (rules.md §2–§3): invoices issued
  on or before D and not cancelled by a re-issue as of D, plus their approved adjustments whose
  approval day is on or before D. Cancelled invoices owe nothing, so they (and their adjustments) are
  simply absent.
grain: one row per as_of and invoice_id
materialized: table
columns:
  as_of: Ledger date (core.ledger_dates).
  employer_id: Billed employer.
  invoice_id: Invoice.
  invoice_type: contribution or late_fee.
  type_rank: 0 contribution, 1 late fee (allocation tie-break).
  period: Month billed.
  issued_on: Issue date.
  due_on: Due date used by the ledger (a re-issue keeps the original's).
  billed: total_amount as issued.
  adjustments: Sum of approved adjustments effective by D, signed.
  owed: billed + adjustments.
tests:
  - unique: [as_of, invoice_id]
  - not_null: [as_of, employer_id, invoice_id, owed]
*/
WITH live AS (
  SELECT d.as_of, i.employer_id, i.invoice_id, i.invoice_type, i.type_rank, i.period, i.issued_on, i.due_on, i.total_amount
  FROM core.ledger_dates AS d
  JOIN staging.stg_invoices AS i
    ON i.issued_on <= d.as_of AND coalesce(i.cancelled_from, DATE '9999-12-31') > d.as_of
),
adjusted AS (
  SELECT d.as_of, a.invoice_id, sum(a.amount) AS adjustments
  FROM core.ledger_dates AS d
  JOIN staging.stg_adjustments AS a ON a.approved_on <= d.as_of
  GROUP BY d.as_of, a.invoice_id
)
SELECT
  l.as_of, l.employer_id, l.invoice_id, l.invoice_type, l.type_rank, l.period, l.issued_on, l.due_on,
  l.total_amount AS billed,
  CAST(coalesce(a.adjustments, 0) AS DECIMAL(18,2)) AS adjustments,
  CAST(l.total_amount + coalesce(a.adjustments, 0) AS DECIMAL(18,2)) AS owed
FROM live AS l
LEFT JOIN adjusted AS a ON a.as_of = l.as_of AND a.invoice_id = l.invoice_id
