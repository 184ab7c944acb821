/*
description: >
  Employers' objections (current snapshot) with the Riyadh day of the event that decided them: the
  first accepted, partially_accepted, rejected, withdrawn or closed event (rules.md §4, §6). An
  objection is undecided as of D when submitted on or before D and not decided on or before D.
grain: one row per dispute_id
materialized: view
columns:
  dispute_id: Objection number.
  employer_id: Objecting employer.
  invoice_id: Invoice objected to.
  category: What the objection is about.
  disputed_amount: Amount contested.
  submitted_on: Day it was submitted.
  decided_on: Riyadh day of the first deciding event; null while undecided.
  decision: Status of that event.
tests:
  - unique: dispute_id
  - not_null: [dispute_id, invoice_id, submitted_on]
*/
WITH decisions AS (
  SELECT dispute_id,
         min(CAST(timezone('Asia/Riyadh', "at") AS DATE)) AS decided_on,
         arg_min(status, "at") AS decision
  FROM raw.dispute_events
  WHERE status IN ('accepted', 'partially_accepted', 'rejected', 'withdrawn', 'closed')
  GROUP BY dispute_id
)
SELECT d.dispute_id, d.employer_id, d.invoice_id, d.category, d.disputed_amount, d.submitted_on, x.decided_on, x.decision
FROM raw.disputes AS d
LEFT JOIN decisions AS x ON x.dispute_id = d.dispute_id
WHERE d._valid_to IS NULL
