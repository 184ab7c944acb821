/*
description: >
  The open amount of every invoice as of each ledger date after the allocation of rules.md §3:
  payments naming the invoice first (core.ledger_payments), then the employer's pool pays what is
  left oldest due_on first (ties: contribution before late fee, then invoice_id). Set-based: the
  items' cumulative amounts in that order against the pool total — an item is paid by the part of
  the pool that overlaps its slice. An underpayment leaves the youngest items open.
grain: one row per as_of and invoice_id (invoices live as of that date)
materialized: table
columns:
  as_of: Ledger date.
  employer_id: Billed employer.
  invoice_id: Invoice.
  invoice_type: contribution or late_fee.
  period: Month billed.
  issued_on: Issue date.
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
WITH named AS (
  SELECT as_of, named_invoice_id AS invoice_id, sum(named_applied) AS named_paid
  FROM core.ledger_payments WHERE named_applied > 0 GROUP BY as_of, named_invoice_id
),
pool AS (
  SELECT as_of, employer_id, sum(pool_part) AS pool FROM core.ledger_payments GROUP BY as_of, employer_id
),
items AS (
  SELECT o.*, coalesce(n.named_paid, 0) AS named_paid,
         greatest(o.owed - coalesce(n.named_paid, 0), 0) AS fifo_due,
         greatest(-o.owed, 0) AS negative_owed
  FROM core.ledger_owed AS o
  LEFT JOIN named AS n ON n.as_of = o.as_of AND n.invoice_id = o.invoice_id
),
ordered AS (
  SELECT i.*,
         coalesce(p.pool, 0) + sum(i.negative_owed) OVER (PARTITION BY i.as_of, i.employer_id) AS pool_total,
         sum(i.fifo_due) OVER (PARTITION BY i.as_of, i.employer_id ORDER BY i.due_on, i.type_rank, i.invoice_id
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS slice_end
  FROM items AS i
  LEFT JOIN pool AS p ON p.as_of = i.as_of AND p.employer_id = i.employer_id
)
SELECT
  as_of, employer_id, invoice_id, invoice_type, period, issued_on, due_on, billed, adjustments, owed,
  CAST(named_paid AS DECIMAL(18,2)) AS named_paid,
  CAST(least(fifo_due, greatest(0, pool_total - (slice_end - fifo_due))) AS DECIMAL(18,2)) AS pool_paid,
  CAST(fifo_due - least(fifo_due, greatest(0, pool_total - (slice_end - fifo_due))) AS DECIMAL(18,2)) AS open_amount,
  CAST(as_of - due_on AS INTEGER) AS days_past_due
FROM ordered
