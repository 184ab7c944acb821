/*
description: >
  Every invoice as issued, with what the rules add to it (rules.md §2): the day a re-issue cancels it
  (the earliest issued_on of the invoices naming it in replaces_invoice_id) and the due date it is
  aged and allocated by — a re-issue keeps the due date of the invoice it replaces, followed back to
  the first invoice of the chain.
grain: one row per invoice_id
materialized: table
columns:
  invoice_id: Invoice number.
  employer_id: Billed employer.
  invoice_type: contribution or late_fee.
  period: Month billed (for a late fee, the month whose contributions were late).
  issued_on: Issue date.
  due_on_as_issued: due_on as delivered.
  due_on: The due date the ledger uses; the original's for a re-issue.
  original_invoice_id: First invoice of the re-issue chain (itself when it replaces nothing).
  invoice_key: A whole number in allocation order (employer, due_on, contribution before late fee, invoice_id), so the ledger sorts on one integer.
  replaces_invoice_id: The invoice this one re-issues, if any.
  cancelled_from: Day from which a re-issue cancels this invoice; null while none does.
  type_rank: 0 for contribution, 1 for late_fee — the tie-break of the allocation order.
  annuities_amount: Billed annuities branch.
  hazards_amount: Billed occupational hazards branch.
  unemployment_amount: Billed unemployment (SANED) branch.
  fee_amount: Billed late fee.
  total_amount: Total billed, as issued.
  posting: auto or manual.
  posted_by: User id, or SYSTEM.
tests:
  - unique: invoice_id
  - unique: invoice_key
  - not_null: [invoice_id, employer_id, due_on, total_amount]
  - expression: cancelled_from IS NULL OR cancelled_from >= issued_on
    severity: warn
    name: re-issued no earlier than the original
*/
WITH RECURSIVE chain(invoice_id, original_invoice_id, depth) AS (
  SELECT invoice_id, invoice_id, 0 FROM raw.invoices WHERE replaces_invoice_id IS NULL
  UNION ALL
  SELECT r.invoice_id, c.original_invoice_id, c.depth + 1
  FROM raw.invoices AS r JOIN chain AS c ON r.replaces_invoice_id = c.invoice_id
  -- a malformed cycle of re-issues must not loop forever
  WHERE c.depth < 50
),
cancellations AS (
  SELECT replaces_invoice_id AS invoice_id, min(issued_on) AS cancelled_from
  FROM raw.invoices WHERE replaces_invoice_id IS NOT NULL GROUP BY 1
)
SELECT
  row_number() OVER (ORDER BY i.employer_id, coalesce(o.due_on, i.due_on), CASE i.invoice_type WHEN 'contribution' THEN 0 ELSE 1 END, i.invoice_id) AS invoice_key,
  i.invoice_id, i.employer_id, i.invoice_type, i.period, i.issued_on,
  i.due_on AS due_on_as_issued,
  coalesce(o.due_on, i.due_on) AS due_on,
  coalesce(c.original_invoice_id, i.invoice_id) AS original_invoice_id,
  i.replaces_invoice_id,
  x.cancelled_from,
  CASE i.invoice_type WHEN 'contribution' THEN 0 ELSE 1 END AS type_rank,
  i.annuities_amount, i.hazards_amount, i.unemployment_amount, i.fee_amount, i.total_amount,
  i.posting, i.posted_by
FROM raw.invoices AS i
LEFT JOIN chain AS c ON c.invoice_id = i.invoice_id
LEFT JOIN raw.invoices AS o ON o.invoice_id = c.original_invoice_id
LEFT JOIN cancellations AS x ON x.invoice_id = i.invoice_id
