/*
description: >
  Money received (rules.md §3): every payment row that is not itself a reversal, with the Riyadh day
  it was paid and the Riyadh day from which a reversal removes it (the earliest reversal naming it).
  Reversal rows pay nothing and are not listed; a reversal naming an unknown payment changes nothing.
grain: one row per payment_id (reversal rows excluded)
materialized: table
columns:
  payment_id: Payment number.
  employer_id: Paying employer.
  amount: Amount received, SAR.
  paid_at: Timestamp of the payment.
  paid_on: Riyadh calendar day of paid_at.
  channel: sadad, bank_transfer, cash or cheque.
  named_invoice_id: The invoice the payer named, if any (it may be unknown, cancelled or another employer's).
  reversed_on: Riyadh day of the first reversal naming this payment; null if never reversed.
tests:
  - unique: payment_id
  - not_null: [payment_id, employer_id, amount, paid_on]
  - expression: amount > 0
*/
WITH reversals AS (
  SELECT reverses_payment_id AS payment_id, min(CAST(timezone('Asia/Riyadh', paid_at) AS DATE)) AS reversed_on
  FROM raw.payments WHERE reverses_payment_id IS NOT NULL GROUP BY 1
)
SELECT
  p.payment_id, p.employer_id, p.amount, p.paid_at,
  -- explicit zone: the engine's second connection does not share the first one's TimeZone setting
  CAST(timezone('Asia/Riyadh', p.paid_at) AS DATE) AS paid_on,
  p.channel,
  p.invoice_id AS named_invoice_id,
  r.reversed_on
FROM raw.payments AS p
LEFT JOIN reversals AS r ON r.payment_id = p.payment_id
WHERE p.reverses_payment_id IS NULL
