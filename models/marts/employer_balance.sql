/*
description: >
  Each employer's account as of every month-end and the as-of date (outputs.md, rules.md §3): what
  was billed and adjusted on invoices not cancelled as of D, what was paid, and — after allocation —
  what is still open and what is left as credit. billed + adjustments − paid = outstanding −
  credit_balance, checked on every build. A row for every employer with an invoice issued or a
  payment row (reversals included) dated on or before D.
grain: one row per employer_id and as_of
materialized: table
columns:
  employer_id: Employer.
  as_of: Month-end or the build's as-of date.
  billed: Totals as issued of the invoices issued on or before D and not cancelled as of D, SAR.
  adjustments: Signed approved adjustments effective by D on those invoices.
  paid: Money received on or before D, reversed payments and reversal rows excluded, allocated or not.
  outstanding: Open amounts after allocation.
  credit_balance: What is left of the payments after allocation.
tests:
  - unique: [employer_id, as_of]
  - not_null: [employer_id, as_of, billed, adjustments, paid, outstanding, credit_balance]
  - expression: billed + adjustments - paid = outstanding - credit_balance
    name: billed + adjustments − paid = outstanding − credit, per employer
  - expression: outstanding >= 0 AND credit_balance >= 0 AND paid >= 0
  - reconciles: {sum: paid, by: as_of, equals: {model: core.ledger_payments, sum: amount, where: "as_of IN (SELECT as_of FROM core.ledger_dates WHERE is_reporting)"}}
    name: paid = every counted payment, in total per date
  - reconciles: {sum: outstanding, by: as_of, equals: {model: core.ledger_items, sum: open_amount, where: "as_of IN (SELECT as_of FROM core.ledger_dates WHERE is_reporting)"}}
    name: outstanding = open items, in total per date
*/
WITH dates AS (SELECT as_of FROM core.ledger_dates WHERE is_reporting),
population AS (
  SELECT DISTINCT d.as_of, x.employer_id
  FROM dates AS d
  JOIN (SELECT employer_id, issued_on AS on_day FROM raw.invoices
        UNION ALL
        SELECT employer_id, CAST(timezone('Asia/Riyadh', paid_at) AS DATE) FROM raw.payments) AS x
    ON x.on_day <= d.as_of
),
items AS (
  SELECT i.as_of, i.employer_id, sum(i.billed) AS billed, sum(i.adjustments) AS adjustments,
         sum(i.open_amount) AS outstanding, sum(i.named_paid + i.pool_paid) AS settled,
         sum(greatest(-i.owed, 0)) AS negative_owed
  FROM core.ledger_items AS i JOIN dates AS d ON d.as_of = i.as_of
  GROUP BY i.as_of, i.employer_id
),
payments AS (
  SELECT p.as_of, p.employer_id, sum(p.amount) AS paid
  FROM core.ledger_payments AS p JOIN dates AS d ON d.as_of = p.as_of
  GROUP BY p.as_of, p.employer_id
)
SELECT
  x.employer_id, x.as_of,
  CAST(coalesce(i.billed, 0) AS DECIMAL(18,2)) AS billed,
  CAST(coalesce(i.adjustments, 0) AS DECIMAL(18,2)) AS adjustments,
  CAST(coalesce(p.paid, 0) AS DECIMAL(18,2)) AS paid,
  CAST(coalesce(i.outstanding, 0) AS DECIMAL(18,2)) AS outstanding,
  -- the pool (payments and credit notes above their invoice) less what the items took from it
  CAST(coalesce(p.paid, 0) + coalesce(i.negative_owed, 0) - coalesce(i.settled, 0) AS DECIMAL(18,2)) AS credit_balance
FROM population AS x
LEFT JOIN items AS i ON i.as_of = x.as_of AND i.employer_id = x.employer_id
LEFT JOIN payments AS p ON p.as_of = x.as_of AND p.employer_id = x.employer_id
