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
