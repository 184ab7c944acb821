/*
description: >
  Each invoice's position before the pool is shared out, as of each ledger date (rules.md §2–§3):
  invoices issued on or before D and not cancelled by a re-issue by D (cancelled invoices owe
  nothing, so they are absent), what they owe with the adjustments approved by D, and what the
  payments naming them pay (step 1 of the allocation: several payments naming the same invoice pay
  it together up to what it owes, so their order does not change the invoice's position). Running
  totals by day (adjustments by approval day; named payments + on the day paid, − on the day
  reversed) are kept as intervals of constant value and joined on the invoice and the day, so no
  payment is multiplied by the dates. Amounts are
  whole halalas (BIGINT) and invoices are their invoice_key: this view feeds the heaviest sums and
  sorts of the build, and integers are exact and several times faster there than DECIMAL and text.
grain: one row per as_of and invoice_key (a view; core.ledger_items keeps what is needed)
materialized: view
columns:
  as_of: Ledger date.
  invoice_key: The invoice (staging.stg_invoices.invoice_key, allocation order).
  employer_id: Billed employer.
  due_on: Due date used by the ledger.
  billed_h: total_amount as issued, halalas.
  adjustments_h: Approved adjustments effective by D, halalas.
  owed_h: billed + adjustments, halalas.
  named_paid_h: Paid by payments naming it — the smaller of what it owes and what they bring, halalas.
  fifo_due_h: What is left for the pool to pay (never negative), halalas.
  credit_note_excess_h: How far credit notes took it below zero (that money joins the pool), halalas.
*/
WITH live AS (
  SELECT d.as_of, i.invoice_key, i.employer_id, i.due_on, CAST(i.total_amount * 100 AS BIGINT) AS billed_h
  FROM core.ledger_dates AS d
  -- one inequality in the join (a merge join on the sorted dates), the other as a filter
  JOIN staging.stg_invoices AS i ON i.issued_on <= d.as_of
  WHERE i.cancelled_from IS NULL OR i.cancelled_from > d.as_of
),
adjustment_steps AS (
  -- the running total of approved adjustments, as intervals [from_day, to_day) of constant value
  SELECT invoice_key, from_day, lead(from_day, 1, DATE '9999-12-31') OVER (PARTITION BY invoice_key ORDER BY from_day) AS to_day, adjusted_h
  FROM (
    SELECT i.invoice_key, a.approved_on AS from_day,
           sum(sum(CAST(a.amount * 100 AS BIGINT))) OVER (PARTITION BY i.invoice_key ORDER BY a.approved_on) AS adjusted_h
    FROM staging.stg_adjustments AS a JOIN staging.stg_invoices AS i ON i.invoice_id = a.invoice_id
    WHERE a.approved_on IS NOT NULL
    GROUP BY i.invoice_key, a.approved_on
  )
),
named_events AS (
  -- only a payment of the invoice's own employer names it; a reversal dated before the payment removes it from the start
  SELECT i.invoice_key, p.paid_on AS day, CAST(p.amount * 100 AS BIGINT) AS delta,
         CASE WHEN p.reversed_on IS NOT NULL THEN greatest(p.reversed_on, p.paid_on) END AS reversed_on
  FROM staging.stg_payments AS p JOIN staging.stg_invoices AS i ON i.invoice_id = p.named_invoice_id AND i.employer_id = p.employer_id
),
named_steps AS (
  -- the running total of live payments naming each invoice, as intervals [from_day, to_day) of constant value
  SELECT invoice_key, from_day, lead(from_day, 1, DATE '9999-12-31') OVER (PARTITION BY invoice_key ORDER BY from_day) AS to_day, named_h
  FROM (
    SELECT invoice_key, day AS from_day, sum(sum(delta)) OVER (PARTITION BY invoice_key ORDER BY day) AS named_h
    FROM (SELECT invoice_key, day, delta FROM named_events
          UNION ALL SELECT invoice_key, reversed_on, -delta FROM named_events WHERE reversed_on IS NOT NULL)
    GROUP BY invoice_key, day
  )
),
positions AS (
  -- an equality join with a range condition: at most one interval of each kind holds on a given day
  SELECT l.*, coalesce(a.adjusted_h, 0) AS adjustments_h, l.billed_h + coalesce(a.adjusted_h, 0) AS owed_h, coalesce(n.named_h, 0) AS named_h
  FROM live AS l
  LEFT JOIN adjustment_steps AS a ON a.invoice_key = l.invoice_key AND a.from_day <= l.as_of AND l.as_of < a.to_day
  LEFT JOIN named_steps AS n ON n.invoice_key = l.invoice_key AND n.from_day <= l.as_of AND l.as_of < n.to_day
)
SELECT
  as_of, invoice_key, employer_id, due_on, billed_h, adjustments_h, owed_h,
  least(greatest(owed_h, 0), named_h) AS named_paid_h,
  greatest(owed_h, 0) - least(greatest(owed_h, 0), named_h) AS fifo_due_h,
  greatest(-owed_h, 0) AS credit_note_excess_h
FROM positions
