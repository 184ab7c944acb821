/*
description: >
  Each employer's account as running totals by day (rules.md §3), valid from `day` until the next
  row of the employer: the positions of its live invoices summed (core.ledger_invoice_states: each
  interval adds its amounts on its first day and takes them back on its last) and the money received
  — payments paid on or before D (Riyadh day) and not reversed on or before D, whatever they named.
  A date's balance is read with an ASOF join on the last day on or before it, so the balances of all
  the reporting dates cost one pass over the changes, not one pass over every invoice per date.
  Whole halalas.
grain: one row per employer_key and day on which something changed
materialized: table
columns:
  employer_key: Employer (core.ledger_employers.employer_key).
  day: First day these totals hold (end of that Riyadh day).
  billed_h: total_amount as issued of the invoices issued and not cancelled, halalas.
  adjustments_h: Approved adjustments effective on those invoices, halalas.
  named_paid_h: What payments naming those invoices pay them (step 1), halalas.
  fifo_due_h: What those invoices still owe after step 1, halalas.
  credit_note_excess_h: Credit notes above their invoice (they join the pool), halalas.
  paid_h: Payments counted, halalas.
  pool_h: What the pool shares out oldest due first (paid − named_paid + credit_note_excess), halalas.
tests:
  - unique: [employer_key, day]
*/
WITH deltas AS (
  SELECT employer_key, from_day AS day, billed_h, adjustments_h, named_paid_h, fifo_due_h, credit_note_excess_h, 0 AS paid_h
  FROM core.ledger_invoice_states
  UNION ALL
  SELECT employer_key, to_day, -billed_h, -adjustments_h, -named_paid_h, -fifo_due_h, -credit_note_excess_h, 0
  FROM core.ledger_invoice_states WHERE to_day < DATE '9999-12-31'
  UNION ALL
  SELECT e.employer_key, p.paid_on, 0, 0, 0, 0, 0, CAST(p.amount * 100 AS BIGINT)
  FROM staging.stg_payments AS p JOIN core.ledger_employers AS e ON e.employer_id = p.employer_id
  UNION ALL
  -- a reversal dated before its payment removes it from the payment's own day
  SELECT e.employer_key, greatest(p.reversed_on, p.paid_on), 0, 0, 0, 0, 0, -CAST(p.amount * 100 AS BIGINT)
  FROM staging.stg_payments AS p JOIN core.ledger_employers AS e ON e.employer_id = p.employer_id WHERE p.reversed_on IS NOT NULL
),
steps AS (
  SELECT employer_key, day,
         sum(sum(billed_h)) OVER w AS billed_h, sum(sum(adjustments_h)) OVER w AS adjustments_h,
         sum(sum(named_paid_h)) OVER w AS named_paid_h, sum(sum(fifo_due_h)) OVER w AS fifo_due_h,
         sum(sum(credit_note_excess_h)) OVER w AS credit_note_excess_h, sum(sum(paid_h)) OVER w AS paid_h
  FROM deltas GROUP BY employer_key, day
  WINDOW w AS (PARTITION BY employer_key ORDER BY day)
)
SELECT
  employer_key, day,
  CAST(billed_h AS BIGINT) AS billed_h, CAST(adjustments_h AS BIGINT) AS adjustments_h,
  CAST(named_paid_h AS BIGINT) AS named_paid_h, CAST(fifo_due_h AS BIGINT) AS fifo_due_h,
  CAST(credit_note_excess_h AS BIGINT) AS credit_note_excess_h, CAST(paid_h AS BIGINT) AS paid_h,
  CAST(paid_h - named_paid_h + credit_note_excess_h AS BIGINT) AS pool_h
FROM steps
