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
WITH payments AS (
  SELECT payment_id, employer_id, amount, channel, invoice_id, posted_by, paid_at,
         CAST(timezone('Asia/Riyadh', paid_at) AS DATE) AS paid_on
  FROM raw.payments
  WHERE reverses_payment_id IS NULL
),
repeats AS (
  SELECT *, row_number() OVER same AS nth, first_value(payment_id) OVER same AS first_payment,
         count(*) OVER (PARTITION BY employer_id, amount, paid_on, coalesce(invoice_id, '')) AS copies
  FROM payments
  WINDOW same AS (PARTITION BY employer_id, amount, paid_on, coalesce(invoice_id, '') ORDER BY paid_at, payment_id)
)
SELECT 'duplicate_payment' AS rule, 1 AS rule_version, 'payment' AS entity, payment_id AS entity_id,
       employer_id, CAST(NULL AS VARCHAR) AS contributor_id, strftime(paid_on, '%Y-%m') AS period,
       getvariable('detectors_duplicate_payment_severity') AS severity,
       CAST(1 + amount / getvariable('billing_approval_threshold') AS DOUBLE) AS score,
       json_object('amount', amount, 'paid_on', paid_on, 'first_payment', first_payment, 'copies', copies, 'channel', channel,
                   'invoice_id', invoice_id, 'threshold', 'one payment per employer, amount, day and invoice named') AS evidence
FROM repeats
WHERE nth > 1
