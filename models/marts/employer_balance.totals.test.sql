-- In total per reporting date, straight from the extracts: billed = invoices issued by D that no
-- re-issue issued by D replaces; paid = payments by D (Riyadh day) that no reversal by D removes; and
-- billed + adjustments − paid = outstanding − credit. Returns each date where a total breaks.
WITH dates AS (SELECT as_of FROM core.ledger_dates WHERE is_reporting),
billed AS (
  SELECT d.as_of, sum(i.total_amount) AS billed
  FROM dates AS d JOIN raw.invoices AS i ON i.issued_on <= d.as_of
  WHERE NOT EXISTS (SELECT 1 FROM raw.invoices AS r WHERE r.replaces_invoice_id = i.invoice_id AND r.issued_on <= d.as_of)
  GROUP BY d.as_of
),
paid AS (
  SELECT d.as_of, sum(p.amount) AS paid
  FROM dates AS d JOIN raw.payments AS p ON CAST(timezone('Asia/Riyadh', p.paid_at) AS DATE) <= d.as_of
  WHERE p.reverses_payment_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM raw.payments AS r WHERE r.reverses_payment_id = p.payment_id
                    AND CAST(timezone('Asia/Riyadh', r.paid_at) AS DATE) <= d.as_of)
  GROUP BY d.as_of
),
model AS (
  SELECT as_of, sum(billed) AS billed, sum(adjustments) AS adjustments, sum(paid) AS paid,
         sum(outstanding) AS outstanding, sum(credit_balance) AS credit_balance
  FROM marts.employer_balance GROUP BY as_of
)
SELECT d.as_of, m.billed, coalesce(b.billed, 0) AS billed_from_extracts, m.paid, coalesce(p.paid, 0) AS paid_from_extracts,
       m.billed + m.adjustments - m.paid - (m.outstanding - m.credit_balance) AS identity_break
FROM dates AS d
LEFT JOIN model AS m ON m.as_of = d.as_of
LEFT JOIN billed AS b ON b.as_of = d.as_of
LEFT JOIN paid AS p ON p.as_of = d.as_of
WHERE coalesce(m.billed, 0) <> coalesce(b.billed, 0)
   OR coalesce(m.paid, 0) <> coalesce(p.paid, 0)
   OR coalesce(m.billed + m.adjustments - m.paid - (m.outstanding - m.credit_balance), 0) <> 0
