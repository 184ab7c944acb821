/*
description: >
  The open amount of invoices as of each ledger date after the allocation of rules.md §3: payments
  naming an invoice first (core.ledger_positions), then the employer's pool — the payments counted
  as of D (core.ledger_paid) less what went to named invoices, plus credit notes above their invoice
  — pays the rest oldest due_on first (ties: contribution before late fee, then invoice_id; the order
  of invoice_key). Set-based: the items' cumulative amounts in that order against the pool total; an
  item is paid by the part of the pool that overlaps its slice, so an underpayment leaves the
  youngest items open. Kept: every item still open, every item as of the as-of date, and each item
  as of its own due date (for on-time KPIs); fully paid items of other dates are not stored.
grain: one row per as_of and invoice_id (open items; all items as of the as-of date and at their due date)
materialized: table
params:
  as_of: date
columns:
  as_of: Ledger date.
  employer_id: Billed employer.
  invoice_id: Invoice.
  invoice_type: contribution or late_fee.
  period: Month billed.
  due_on: Due date used by the ledger.
  billed: total_amount as issued.
  adjustments: Approved adjustments effective by D.
  owed: billed + adjustments.
  named_paid: Paid by payments naming this invoice.
  pool_paid: Paid from the employer's pool.
  open_amount: Still owed after allocation (never negative; a credit note above the invoice feeds the pool).
  days_past_due: as_of − due_on (0 or less means not yet due).
tests:
  - unique: [as_of, invoice_id]
  - not_null: [as_of, invoice_id, open_amount]
  - expression: open_amount >= 0 AND named_paid >= 0 AND pool_paid >= 0
  - expression: open_amount + named_paid + pool_paid = greatest(owed, 0)
    name: open + paid = owed, per invoice
*/
WITH sliced AS (
  -- one sort serves the three sums: the employer's totals and the running total in allocation order
  SELECT x.*,
         sum(x.fifo_due_h) OVER (PARTITION BY x.as_of, x.employer_id ORDER BY x.invoice_key) AS slice_end_h,
         sum(x.named_paid_h) OVER (PARTITION BY x.as_of, x.employer_id) AS employer_named_h,
         sum(x.credit_note_excess_h) OVER (PARTITION BY x.as_of, x.employer_id) AS employer_excess_h
  FROM core.ledger_positions AS x
),
allocated AS (
  -- the pool: payments counted as of D, less what went to named invoices, plus credit notes above their invoice
  SELECT s.*, least(s.fifo_due_h, greatest(0, coalesce(p.paid_h, 0) - s.employer_named_h + s.employer_excess_h - (s.slice_end_h - s.fifo_due_h))) AS pool_paid_h
  FROM sliced AS s
  LEFT JOIN core.ledger_paid AS p ON p.as_of = s.as_of AND p.employer_id = s.employer_id
),
kept AS (
  -- the rows later models read: open items, every item as of the as-of date, each item at its due date
  SELECT * FROM allocated
  WHERE fifo_due_h > pool_paid_h OR as_of = getvariable('as_of') OR as_of = due_on
)
SELECT
  k.as_of, i.employer_id, i.invoice_id, i.invoice_type, i.period, k.due_on,
  CAST(k.billed_h * 0.01 AS DECIMAL(18,2)) AS billed,
  CAST(k.adjustments_h * 0.01 AS DECIMAL(18,2)) AS adjustments,
  CAST(k.owed_h * 0.01 AS DECIMAL(18,2)) AS owed,
  CAST(k.named_paid_h * 0.01 AS DECIMAL(18,2)) AS named_paid,
  CAST(k.pool_paid_h * 0.01 AS DECIMAL(18,2)) AS pool_paid,
  CAST((k.fifo_due_h - k.pool_paid_h) * 0.01 AS DECIMAL(18,2)) AS open_amount,
  CAST(k.as_of - k.due_on AS INTEGER) AS days_past_due
FROM kept AS k
JOIN staging.stg_invoices AS i ON i.invoice_key = k.invoice_key
