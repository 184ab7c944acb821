/*
description: >
  Payments posted to the wrong employer (rules.md §8, payment error): a payment credited to one
  account that names another employer's invoice, or whose payment reference carries another
  employer's 9-digit account number (SADAD and bank references carry the payer's account). The
  reversal that later moves it back, if any (within move_back_days), is in the evidence.
description_ar: دفعة قُيّدت لمنشأة وهي تذكر فاتورة منشأة أخرى أو رقم حسابها في مرجع السداد.
grain: one row per payment
materialized: table
params:
  detectors_wrong_employer_payment_severity: varchar
  detectors_wrong_employer_payment_move_back_days: integer
  billing_approval_threshold: decimal
*/
WITH payments AS (
  SELECT p.*, regexp_extract(p.payment_id, '(\d{9})', 1) AS reference_account
  FROM raw.payments AS p
  WHERE p.reverses_payment_id IS NULL
),
flagged AS (
  SELECT p.*, i.employer_id AS invoice_employer,
         CASE WHEN i.employer_id IS NOT NULL AND i.employer_id <> p.employer_id THEN 'names_another_employers_invoice'
              ELSE 'reference_names_another_account' END AS signal,
         coalesce(i.employer_id, p.reference_account) AS meant_for
  FROM payments AS p
  LEFT JOIN staging.stg_invoices AS i ON i.invoice_id = p.invoice_id
  WHERE (i.employer_id IS NOT NULL AND i.employer_id <> p.employer_id)
     OR (p.reference_account <> p.employer_id AND p.reference_account IN (SELECT employer_id FROM raw.employers_current))
),
moved_back AS (
  -- the reversals of the flagged payments only, by an equality join: the day limit inside a left join's
  -- condition made it a nested loop over every payment
  SELECT r.reverses_payment_id, r.payment_id, r.paid_at
  FROM raw.payments AS r JOIN flagged AS f ON r.reverses_payment_id = f.payment_id
  WHERE date_diff('day', f.paid_at, r.paid_at) <= getvariable('detectors_wrong_employer_payment_move_back_days')
)
SELECT 'wrong_employer_payment' AS rule, 1 AS rule_version, 'payment' AS entity, f.payment_id AS entity_id,
       f.employer_id, CAST(NULL AS VARCHAR) AS contributor_id, strftime(timezone('Asia/Riyadh', f.paid_at), '%Y-%m') AS period,
       getvariable('detectors_wrong_employer_payment_severity') AS severity,
       CAST(1 + f.amount / getvariable('billing_approval_threshold') AS DOUBLE) AS score,
       json_object('credited_to', f.employer_id, 'meant_for', f.meant_for, 'signal', f.signal, 'amount', f.amount,
                   'invoice_id', f.invoice_id, 'moved_back_by', r.payment_id,
                   'moved_back_after_days', date_diff('day', f.paid_at, r.paid_at),
                   'threshold', 'the payer names the account credited') AS evidence
FROM flagged AS f
LEFT JOIN moved_back AS r ON r.reverses_payment_id = f.payment_id
QUALIFY row_number() OVER (PARTITION BY f.payment_id ORDER BY r.paid_at) = 1
