/*
description: >
  Payment reversals (rules.md §8, payment error): every reversal row (a returned transfer, a
  bounced cheque), so the money that came back is seen and followed up. Reversals that move a
  payment posted to the wrong employer back out of that account are the wrong-employer detector's
  finding, not a second one here.
description_ar: عكس مدفوعات (حوالة مرتجعة أو شيك مرتد)، لمتابعة المبالغ المستردة.
grain: one row per reversal
materialized: table
params:
  detectors_payment_reversal_severity: varchar
  billing_approval_threshold: decimal
*/
SELECT 'payment_reversal' AS rule, 1 AS rule_version, 'payment' AS entity, r.payment_id AS entity_id,
       r.employer_id, CAST(NULL AS VARCHAR) AS contributor_id, strftime(timezone('Asia/Riyadh', r.paid_at), '%Y-%m') AS period,
       getvariable('detectors_payment_reversal_severity') AS severity,
       CAST(1 + r.amount / getvariable('billing_approval_threshold') AS DOUBLE) AS score,
       json_object('reverses_payment_id', r.reverses_payment_id, 'amount', r.amount, 'channel', r.channel, 'posted_by', r.posted_by,
                   'reversed_after_days', date_diff('day', p.paid_at, r.paid_at), 'original_found', p.payment_id IS NOT NULL,
                   'threshold', 'any reversal') AS evidence
FROM raw.payments AS r
LEFT JOIN raw.payments AS p ON p.payment_id = r.reverses_payment_id
WHERE r.reverses_payment_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM detectors.wrong_employer_payment AS w WHERE w.entity_id = r.reverses_payment_id)
