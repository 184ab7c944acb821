/*
description: >
  Employers' objections (current snapshot) with the Riyadh day of the event that decided them: the
  first accepted, partially_accepted, rejected, withdrawn or closed event (rules.md §4, §6), first in
  the order outputs.md sets — by at, then event_id — so two deciding events in the same second
  always give the same decision (core.dispute_timeline orders the same way). An objection is
  undecided as of D when submitted on or before D and not decided on or before D.
description_ar: >
  اعتراضات المنشآت كما هي الآن، مع يوم الرياض للحدث الذي بتّ فيها (قبول أو قبول جزئي أو رفض أو سحب أو
  إغلاق). يكون الاعتراض قائمًا في تاريخ ما إذا قُدّم في ذلك التاريخ أو قبله ولم يُبتّ فيه حتى ذلك
  التاريخ.
grain: one row per dispute_id
materialized: view
columns:
  dispute_id:
    description: Objection number.
    description_ar: رقم الاعتراض.
  employer_id:
    description: Objecting employer.
    description_ar: المنشأة المعترضة.
  invoice_id:
    description: Invoice objected to.
    description_ar: الفاتورة المعترض عليها.
  category:
    description: What the objection is about.
    description_ar: موضوع الاعتراض.
  disputed_amount:
    description: Amount contested.
    description_ar: المبلغ المعترض عليه.
  submitted_on:
    description: Day it was submitted.
    description_ar: يوم تقديم الاعتراض.
  decided_on:
    description: Riyadh day of the first deciding event; null while undecided.
    description_ar: يوم أول حدث بتّ في الاعتراض بتوقيت الرياض؛ فارغ ما دام قائمًا.
  decision:
    description: Status of that event.
    description_ar: حالة ذلك الحدث.
tests:
  - unique: dispute_id
  - not_null: [dispute_id, invoice_id, submitted_on]
*/
WITH decisions AS (
  SELECT dispute_id,
         min(CAST(timezone('Asia/Riyadh', "at") AS DATE)) AS decided_on,
         -- the event_id breaks a tie in at: without it, which of two same-second decisions wins is up to the hash table
         first(status ORDER BY "at", event_id) AS decision
  FROM raw.dispute_events
  WHERE status IN ('accepted', 'partially_accepted', 'rejected', 'withdrawn', 'closed')
  GROUP BY dispute_id
)
SELECT d.dispute_id, d.employer_id, d.invoice_id, d.category, d.disputed_amount, d.submitted_on, x.decided_on, x.decision
FROM raw.disputes AS d
LEFT JOIN decisions AS x ON x.dispute_id = d.dispute_id
WHERE d._valid_to IS NULL
