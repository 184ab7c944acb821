/*
description: >
  Credit and debit notes as they stand now (current snapshot version), with the Riyadh day from which
  an approved one changes what its invoice owes (rules.md §2). A note without approved_by (or without
  approved_at) is pending and changes nothing.
description_ar: >
  الإشعارات الدائنة والمدينة كما هي الآن، مع يوم الرياض الذي يبدأ فيه الإشعار المعتمد بتغيير المستحق
  على فاتورته. الإشعار غير المعتمد معلّق لا يغيّر شيئًا.
grain: one row per adjustment_id
materialized: view
columns:
  adjustment_id:
    description: Note number.
    description_ar: رقم الإشعار.
  invoice_id:
    description: Invoice it changes.
    description_ar: الفاتورة التي يعدّلها.
  amount:
    description: Signed amount; negative lowers what is owed.
    description_ar: المبلغ بإشارته؛ السالب يخفض المستحق.
  reason_code:
    description: Why it was raised.
    description_ar: سبب إصدار الإشعار.
  created_by:
    description: Who raised it.
    description_ar: من أصدره.
  created_at:
    description: When it was raised.
    description_ar: وقت إصداره.
  approved_by:
    description: Approver, null while pending.
    description_ar: المعتمِد؛ فارغ ما دام معلقًا.
  approved_at:
    description: Approval timestamp.
    description_ar: وقت الاعتماد.
  approved_on:
    description: Riyadh day of approved_at; null while pending.
    description_ar: يوم الاعتماد بتوقيت الرياض؛ فارغ ما دام معلقًا.
tests:
  - unique: adjustment_id
  - not_null: [adjustment_id, invoice_id, amount]
*/
SELECT
  adjustment_id, invoice_id, amount, reason_code, created_by, created_at, approved_by, approved_at,
  CASE WHEN approved_by IS NOT NULL AND approved_at IS NOT NULL
       THEN CAST(timezone('Asia/Riyadh', approved_at) AS DATE) END AS approved_on
FROM raw.invoice_adjustments
WHERE _valid_to IS NULL
