/*
description: >
  How each payment is allocated as of each ledger date (rules.md §3). The payments counted as of D
  are those paid on or before D and not reversed on or before D. Step 1: a payment that names an
  invoice of its employer that owes something as of D pays it first, up to what it still owes
  (several payments naming the same invoice take their turns by paid_at, then payment_id). Step 2:
  everything else joins the employer's pool, which pays the open items oldest due first
  (core.ledger_items); a payment's share of the pool is the overlap of its slice of the pool
  (payments in paid_at order, after any credit notes exceeding their invoice) with what the items
  still owe after step 1. Step 3: what no item takes is left as credit.
grain: one row per as_of and payment_id
materialized: table
columns:
  as_of: Ledger date.
  employer_id: Paying employer.
  payment_id: Payment.
  paid_on: Riyadh day paid.
  amount: Amount received.
  named_invoice_id: Invoice named by the payer (whatever it is).
  named_applied: Part paid to the named invoice in step 1.
  pool_part: amount − named_applied, what joins the pool.
  pool_applied: Part of pool_part that pays open items oldest due first.
  to_credit: Part of pool_part left as credit balance.
tests:
  - unique: [as_of, payment_id]
  - not_null: [as_of, payment_id, named_applied, pool_applied, to_credit]
  - expression: named_applied >= 0 AND pool_applied >= 0 AND to_credit >= 0
    name: no negative allocation
  - expression: named_applied + pool_applied + to_credit = amount
    name: every payment allocated exactly once
*/
WITH live AS (
  SELECT d.as_of, p.employer_id, p.payment_id, p.paid_on, p.paid_at, p.amount, p.named_invoice_id
  FROM core.ledger_dates AS d
  JOIN staging.stg_payments AS p
    ON p.paid_on <= d.as_of AND coalesce(p.reversed_on, DATE '9999-12-31') > d.as_of
),
named AS (
  -- step 1, per named invoice: each payment takes what the earlier ones left of what it owes
  SELECT l.as_of, l.payment_id,
         least(l.amount, greatest(0, greatest(o.owed, 0) - coalesce(sum(l.amount) OVER (
           PARTITION BY l.as_of, o.invoice_id ORDER BY l.paid_at, l.payment_id
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))) AS named_applied,
         o.invoice_id
  FROM live AS l
  JOIN core.ledger_owed AS o
    ON o.as_of = l.as_of AND o.invoice_id = l.named_invoice_id AND o.employer_id = l.employer_id
),
named_by_invoice AS (
  SELECT as_of, invoice_id, sum(named_applied) AS named_paid FROM named GROUP BY as_of, invoice_id
),
employer_items AS (
  -- what the pool can pay (owed beyond step 1), and credit notes larger than their invoice, which add to the pool
  SELECT o.as_of, o.employer_id,
         sum(greatest(o.owed - coalesce(n.named_paid, 0), 0)) AS fifo_due,
         sum(greatest(-o.owed, 0)) AS negative_owed
  FROM core.ledger_owed AS o
  LEFT JOIN named_by_invoice AS n ON n.as_of = o.as_of AND n.invoice_id = o.invoice_id
  GROUP BY o.as_of, o.employer_id
),
pooled AS (
  SELECT l.*, coalesce(n.named_applied, 0) AS named_applied, l.amount - coalesce(n.named_applied, 0) AS pool_part
  FROM live AS l
  LEFT JOIN named AS n ON n.as_of = l.as_of AND n.payment_id = l.payment_id
),
sliced AS (
  SELECT p.*,
         coalesce(e.fifo_due, 0) AS fifo_due,
         coalesce(e.negative_owed, 0) + sum(p.pool_part) OVER (
           PARTITION BY p.as_of, p.employer_id ORDER BY p.paid_at, p.payment_id
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS slice_end
  FROM pooled AS p
  LEFT JOIN employer_items AS e ON e.as_of = p.as_of AND e.employer_id = p.employer_id
)
SELECT
  as_of, employer_id, payment_id, paid_on, amount, named_invoice_id,
  CAST(named_applied AS DECIMAL(18,2)) AS named_applied,
  CAST(pool_part AS DECIMAL(18,2)) AS pool_part,
  CAST(greatest(0, least(slice_end, fifo_due) - least(slice_end - pool_part, fifo_due)) AS DECIMAL(18,2)) AS pool_applied,
  CAST(pool_part - greatest(0, least(slice_end, fifo_due) - least(slice_end - pool_part, fifo_due)) AS DECIMAL(18,2)) AS to_credit
FROM sliced
