/*
description: >
  Duplicate payments (rules.md §8, payment error): two or more payments (not reversals) to the
  same employer of the same amount on the same Riyadh day, naming the same invoice (or none): two
  equal payments naming two invoices are two bills paid. Each one after the first is a finding:
  money posted twice is either taken twice from the payer or a posting error that inflates what
  was paid.
description_ar: "مدفوعات مكررة: دفعتان أو أكثر للمنشأة نفسها بالمبلغ نفسه في اليوم نفسه وللفاتورة نفسها؛ كل دفعة بعد الأولى نتيجة."
grain: one row per repeated payment
materialized: table
params:
  detectors_duplicate_payment_severity: varchar
  billing_approval_threshold: decimal
*/
WITH same_payer AS (
  -- employer, amount and invoice named, as one hash grouped once: the few payments that share it (and those
  -- of any hash collision) are the only ones whose Riyadh day is taken and compared below
  SELECT hash(employer_id, amount, coalesce(invoice_id, '')) AS key
  FROM raw.payments WHERE reverses_payment_id IS NULL
  GROUP BY key HAVING count(*) > 1
),
candidates AS (
  SELECT payment_id, employer_id, amount, channel, invoice_id, paid_at,
         CAST(timezone('Asia/Riyadh', paid_at) AS DATE) AS paid_on, coalesce(invoice_id, '') AS invoice_named
  FROM raw.payments
  WHERE reverses_payment_id IS NULL AND hash(employer_id, amount, coalesce(invoice_id, '')) IN (SELECT key FROM same_payer)
),
repeated AS (
  SELECT employer_id, amount, paid_on, invoice_named, count(*) AS copies
  FROM candidates GROUP BY ALL HAVING count(*) > 1
),
repeats AS (
  SELECT p.*, r.copies, row_number() OVER same AS nth, first_value(p.payment_id) OVER same AS first_payment
  FROM candidates AS p JOIN repeated AS r USING (employer_id, amount, paid_on, invoice_named)
  WINDOW same AS (PARTITION BY p.employer_id, p.amount, p.paid_on, p.invoice_named ORDER BY p.paid_at, p.payment_id)
)
SELECT 'duplicate_payment' AS rule, 1 AS rule_version, 'payment' AS entity, payment_id AS entity_id,
       employer_id, CAST(NULL AS VARCHAR) AS contributor_id, strftime(paid_on, '%Y-%m') AS period,
       getvariable('detectors_duplicate_payment_severity') AS severity,
       CAST(1 + amount / getvariable('billing_approval_threshold') AS DOUBLE) AS score,
       json_object('amount', amount, 'paid_on', paid_on, 'first_payment', first_payment, 'copies', copies, 'channel', channel,
                   'invoice_id', invoice_id, 'threshold', 'one payment per employer, amount, day and invoice named') AS evidence
FROM repeats
WHERE nth > 1
