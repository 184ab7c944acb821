-- In total per reporting date, straight from the extracts: billed = invoices issued by D that no
-- re-issue issued by D replaces; paid = payments by D (Riyadh day) that no reversal by D removes; and
-- billed + adjustments − paid = outstanding − credit. Returns each date where a total breaks.
-- Each invoice counts from its issue day until the first re-issue naming it, each payment from its
-- day until the first reversal naming it: changes by day, summed up to each date (not every invoice
-- joined to every date).
WITH dates AS (SELECT as_of FROM core.ledger_dates WHERE is_reporting),
cancelled AS (
  SELECT replaces_invoice_id AS invoice_id, min(issued_on) AS day FROM raw.invoices WHERE replaces_invoice_id IS NOT NULL GROUP BY 1
),
billed_changes AS (
  SELECT issued_on AS day, total_amount AS amount FROM raw.invoices
  UNION ALL
  SELECT greatest(c.day, i.issued_on), -i.total_amount FROM cancelled AS c JOIN raw.invoices AS i ON i.invoice_id = c.invoice_id
),
payments AS (
  SELECT payment_id, amount, reverses_payment_id, CAST(timezone('Asia/Riyadh', paid_at) AS DATE) AS day FROM raw.payments
),
reversed AS (
  SELECT reverses_payment_id AS payment_id, min(day) AS day FROM payments WHERE reverses_payment_id IS NOT NULL GROUP BY 1
),
paid_changes AS (
  SELECT day, amount FROM payments WHERE reverses_payment_id IS NULL
  UNION ALL
  SELECT greatest(r.day, p.day), -p.amount FROM reversed AS r JOIN payments AS p ON p.payment_id = r.payment_id AND p.reverses_payment_id IS NULL
),
billed AS (
  SELECT d.as_of, sum(c.amount) AS billed
  FROM dates AS d JOIN (SELECT day, sum(amount) AS amount FROM billed_changes GROUP BY day) AS c ON c.day <= d.as_of
  GROUP BY d.as_of
),
paid AS (
  SELECT d.as_of, sum(c.amount) AS paid
  FROM dates AS d JOIN (SELECT day, sum(amount) AS amount FROM paid_changes GROUP BY day) AS c ON c.day <= d.as_of
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
