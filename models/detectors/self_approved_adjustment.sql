/*
description: >
  Adjustments approved by their own creator (rules.md §8, internal risk): a credit or debit note
  whose approved_by is its created_by. Four eyes is the control that stops one officer writing off
  what an employer owes; a note that passed only its author's has had none.
description_ar: تسوية (إشعار دائن أو مدين) اعتمدها منشئها نفسه، خلافًا لمبدأ الاعتماد المزدوج.
grain: one row per adjustment
materialized: table
params:
  detectors_self_approved_adjustment_severity: varchar
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
SELECT 'self_approved_adjustment' AS rule, 1 AS rule_version, 'adjustment' AS entity, a.adjustment_id AS entity_id,
       i.employer_id, CAST(NULL AS VARCHAR) AS contributor_id, i.period,
       getvariable('detectors_self_approved_adjustment_severity') AS severity,
       -- the bigger the note against the approval threshold, the more it matters
       CAST(1 + abs(a.amount) / getvariable('billing_approval_threshold') AS DOUBLE) AS score,
       json_object('created_by', a.created_by, 'approved_by', a.approved_by, 'amount', a.amount, 'reason_code', a.reason_code,
                   'invoice_id', a.invoice_id, 'threshold', 'approver must differ from creator') AS evidence
FROM staging.stg_adjustments AS a
JOIN staging.stg_invoices AS i USING (invoice_id)
WHERE a.approved_by IS NOT NULL AND a.approved_by = a.created_by
