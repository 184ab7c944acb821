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
columns:
  rule:
    description: Detector that raised the finding.
    description_ar: الكاشف الذي أثار النتيجة.
  rule_version:
    description: Version of the detector's logic; raised when what it flags changes.
    description_ar: إصدار منطق الكاشف؛ يُرفع عند تغيّر ما يرصده.
  entity:
    description: Kind of row that tripped it, in the extracts' words.
    description_ar: نوع السجل الذي أثار النتيجة، بتسمية المستخرجات.
  entity_id:
    description: Key of that row.
    description_ar: مفتاح ذلك السجل.
  employer_id:
    description: Employer concerned.
    description_ar: المنشأة المعنية.
  contributor_id:
    description: Contributor concerned, where there is one.
    description_ar: المشترك المعني، إن وُجد.
  period:
    description: Month YYYY-MM, where the finding has one.
    description_ar: الشهر YYYY-MM، إن كان للنتيجة شهر.
  severity:
    description: low, medium, high or critical (the detector's severity setting).
    description_ar: درجة الخطورة (منخفضة أو متوسطة أو عالية أو حرجة) حسب إعداد الكاشف.
  score:
    description: How far past its threshold (1 = at the threshold); ranks findings of one rule.
    description_ar: مقدار تجاوز العتبة (1 = عند العتبة)؛ يرتّب نتائج الكاشف الواحد.
  evidence:
    description: JSON with the values that tripped the rule and the threshold crossed.
    description_ar: JSON بالقيم التي أثارت القاعدة والعتبة التي تم تجاوزها.
tests:
  - unique: [rule, entity, entity_id, period]
  - not_null: [rule, entity, entity_id, severity, score]
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
