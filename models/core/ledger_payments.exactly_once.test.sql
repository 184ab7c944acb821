-- Every payment allocated exactly once, as of the as-of date: the payments that count (from the
-- extracts: not a reversal row, paid by D in Riyadh, no reversal by D) are exactly those allocated,
-- each in one row, with the amount received. (ledger_payments.allocation checks the other side:
-- what the invoices record as paid equals what the payments gave them.)
WITH d AS (SELECT as_of FROM core.ledger_dates WHERE is_as_of),
counted AS (
  SELECT p.payment_id, p.employer_id, p.amount
  FROM d JOIN raw.payments AS p ON CAST(timezone('Asia/Riyadh', p.paid_at) AS DATE) <= d.as_of
  WHERE p.reverses_payment_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM raw.payments AS r WHERE r.reverses_payment_id = p.payment_id
                    AND CAST(timezone('Asia/Riyadh', r.paid_at) AS DATE) <= d.as_of)
)
SELECT coalesce(c.employer_id, a.employer_id) AS employer_id, coalesce(c.payment_id, a.payment_id) AS payment_id,
       c.amount AS amount_received, a.amount AS amount_allocated,
       CASE WHEN a.payment_id IS NULL THEN 'not allocated' WHEN c.payment_id IS NULL THEN 'allocated but not counted' ELSE 'amount differs' END AS problem
FROM counted AS c
FULL OUTER JOIN core.ledger_payments AS a ON a.payment_id = c.payment_id
WHERE c.payment_id IS NULL OR a.payment_id IS NULL OR c.amount <> a.amount
