-- Both sides of the allocation agree, per employer, as of the as-of date: what the payments gave to
-- the invoices they named equals what the invoices record as named payments, and the pool parts the
-- payments gave to items, plus the credit notes above their invoice (used first), equal what the
-- items record from the pool. Returns each employer where they differ, with both amounts.
WITH by_payments AS (
  SELECT employer_id, sum(named_applied) AS named, sum(pool_applied) AS pooled
  FROM core.ledger_payments GROUP BY employer_id
),
by_items AS (
  SELECT employer_id, sum(named_paid) AS named, sum(pool_paid) AS pooled,
         sum(greatest(-owed, 0)) AS credit_notes, sum(pool_paid + open_amount) AS fifo_due
  FROM core.ledger_items WHERE as_of = (SELECT as_of FROM core.ledger_dates WHERE is_as_of)
  GROUP BY employer_id
)
SELECT coalesce(i.employer_id, p.employer_id) AS employer_id,
       coalesce(p.named, 0) AS named_by_payments, coalesce(i.named, 0) AS named_on_invoices,
       coalesce(p.pooled, 0) AS pooled_by_payments, coalesce(i.pooled, 0) AS pooled_on_invoices,
       coalesce(i.credit_notes, 0) AS credit_notes
FROM by_items AS i
FULL OUTER JOIN by_payments AS p ON p.employer_id = i.employer_id
WHERE coalesce(p.named, 0) <> coalesce(i.named, 0)
   OR coalesce(p.pooled, 0) + least(coalesce(i.credit_notes, 0), coalesce(i.fifo_due, 0)) <> coalesce(i.pooled, 0)
