/*
description: >
  Manual postings without review (rules.md §8, internal risk): an invoice posted by hand (posting
  = manual) with no approval of it in activity_log by anyone other than the user who posted it. A
  manual invoice bypasses the billing run's computation; a second pair of eyes is its only check.
description_ar: فاتورة مرحّلة يدويًا دون اعتماد من مستخدم غير الذي رحّلها.
grain: one row per invoice
materialized: table
params:
  detectors_manual_posting_unreviewed_severity: varchar
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
SELECT 'manual_posting_unreviewed' AS rule, 1 AS rule_version, 'invoice' AS entity, i.invoice_id AS entity_id,
       i.employer_id, CAST(NULL AS VARCHAR) AS contributor_id, i.period,
       getvariable('detectors_manual_posting_unreviewed_severity') AS severity,
       CAST(1 + i.total_amount / getvariable('billing_approval_threshold') AS DOUBLE) AS score,
       json_object('posted_by', i.posted_by, 'posting', i.posting, 'total_amount', i.total_amount, 'issued_on', i.issued_on,
                   'threshold', 'an approval by another user in activity_log') AS evidence
FROM raw.invoices AS i
WHERE i.posting = 'manual'
  AND NOT EXISTS (
    SELECT 1 FROM raw.activity_log AS l
    WHERE l.entity = 'invoice' AND l.action = 'approve' AND l.entity_id = i.invoice_id AND l.actor_id <> i.posted_by)
