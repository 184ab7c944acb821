-- Both sides of the allocation agree, per employer and ledger date: what payments gave to the invoices
-- they named equals what the invoices record as named payments, and the pool parts the payments
-- gave to items, plus the credit notes above their invoice used first, equal what the items record
-- from the pool. Returns each employer and date where they differ, with both amounts.
WITH by_payments AS (
  SELECT as_of, employer_id, sum(named_applied) AS named, sum(pool_applied) AS pooled
  FROM core.ledger_payments GROUP BY as_of, employer_id
),
by_items AS (
  SELECT as_of, employer_id, sum(named_paid) AS named, sum(pool_paid) AS pooled,
         sum(greatest(-owed, 0)) AS credit_notes, sum(named_paid + pool_paid + open_amount) AS due
  FROM core.ledger_items GROUP BY as_of, employer_id
),
sides_differ AS (
  SELECT coalesce(i.as_of, p.as_of) AS as_of, coalesce(i.employer_id, p.employer_id) AS employer_id,
         coalesce(p.named, 0) + coalesce(p.pooled, 0) AS amount_received,
         coalesce(i.named, 0) + coalesce(i.pooled, 0) AS amount_allocated,
         'payments and invoices disagree on what was paid' AS problem
  FROM by_items AS i
  FULL OUTER JOIN by_payments AS p ON p.as_of = i.as_of AND p.employer_id = i.employer_id
  WHERE coalesce(p.named, 0) <> coalesce(i.named, 0)
     OR coalesce(p.pooled, 0) + least(coalesce(i.credit_notes, 0), coalesce(i.due, 0) - coalesce(i.named, 0)) <> coalesce(i.pooled, 0)
)
SELECT * FROM sides_differ
