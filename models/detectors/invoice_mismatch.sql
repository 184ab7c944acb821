/*
description: >
  Invoices whose total differs from the recomputed contributions (rules.md §8, human error): any
  invoice in force (not cancelled by a re-issue) of marts.invoice_check whose difference exceeds
  detectors.invoice_mismatch.tolerance in either direction. Cancelled invoices are left out: their
  re-issue carries the late declarations they lacked, so their difference is expected.
description_ar: فواتير سارية يختلف إجماليها عن الاشتراكات المعاد احتسابها بأكثر من حد التسامح.
grain: one row per invoice
materialized: table
params:
  detectors_invoice_mismatch_severity: varchar
  detectors_invoice_mismatch_tolerance: decimal
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
SELECT 'invoice_mismatch' AS rule, 1 AS rule_version, 'invoice' AS entity, invoice_id AS entity_id,
       employer_id, CAST(NULL AS VARCHAR) AS contributor_id, period,
       getvariable('detectors_invoice_mismatch_severity') AS severity,
       CAST(abs(difference) / greatest(getvariable('detectors_invoice_mismatch_tolerance'), 0.01) AS DOUBLE) AS score,
       json_object('invoice_type', invoice_type, 'billed_amount', billed_amount, 'expected_amount', expected_amount,
                   'difference', difference, 'billed_annuities', billed_annuities, 'expected_annuities', expected_annuities,
                   'billed_hazards', billed_hazards, 'expected_hazards', expected_hazards,
                   'billed_unemployment', billed_unemployment, 'expected_unemployment', expected_unemployment,
                   'tolerance', getvariable('detectors_invoice_mismatch_tolerance')) AS evidence
FROM marts.invoice_check
WHERE NOT cancelled AND abs(difference) > getvariable('detectors_invoice_mismatch_tolerance')
