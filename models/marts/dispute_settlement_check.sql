/*
description: >
  The settlement control (rules.md §6): every objection decided accepted or partially_accepted as of D
  must reach the ledger as an approved dispute_settlement adjustment of its resolved_amount on its
  invoice — where conceded money goes missing or is conceded twice. Matched per invoice, since an
  adjustment names the invoice, not the objection: the conceding objections' resolved amounts against
  the approved (approved_on on or before D, current snapshot) dispute_settlement credits. One row per
  invoice that disagrees, with the first problem that holds: settlement_without_decision (credits on an
  invoice no objection was conceded on), resolved_amount_missing (a conceding decision carries no
  amount), missing (conceded, nothing credited), conceded_twice (more credits than conceding
  decisions, crediting more than conceded), amount_differs (credited total ≠ conceded total; a credit
  with the wrong sign is one). A concession credited in several parts that add up is no mismatch.
  Credits awaiting approval are counted beside them (they change nothing until approved).
grain: one row per invoice_id with a mismatch
materialized: table
params:
  as_of: date
columns:
  invoice_id: Invoice the objections and credits name.
  employer_id: Billed employer.
  problem: settlement_without_decision, resolved_amount_missing, missing, conceded_twice or amount_differs.
  dispute_ids: Objections decided accepted or partially_accepted on it by D.
  conceded: Sum of their resolved_amount, SAR.
  adjustment_ids: Approved dispute_settlement adjustments on it by D.
  settlements: How many.
  settled: What they credit (the negated sum of their amounts), SAR.
  difference: settled − conceded, SAR.
  pending_settlements: dispute_settlement adjustments on it not yet approved by D.
  as_of: The date the control is taken as of.
tests:
  - unique: invoice_id
  - not_null: [invoice_id, problem]
  - accepted_values:
      column: problem
      values: [settlement_without_decision, resolved_amount_missing, missing, conceded_twice, amount_differs]
*/
WITH conceded AS (
  SELECT invoice_id, any_value(employer_id) AS employer_id, list(dispute_id ORDER BY dispute_id) AS dispute_ids,
         CAST(count(*) AS INTEGER) AS decisions, count(*) FILTER (WHERE resolved_amount IS NULL) AS without_amount,
         sum(resolved_amount) AS conceded
  FROM marts.dispute_lifecycle
  WHERE outcome IN ('accepted', 'partially_accepted')
  GROUP BY invoice_id
),
credits AS (
  SELECT invoice_id,
         list(adjustment_id ORDER BY adjustment_id) FILTER (WHERE approved_on <= getvariable('as_of')) AS adjustment_ids,
         CAST(count(*) FILTER (WHERE approved_on <= getvariable('as_of')) AS INTEGER) AS settlements,
         -sum(amount) FILTER (WHERE approved_on <= getvariable('as_of')) AS settled,
         CAST(count(*) FILTER (WHERE approved_on IS NULL OR approved_on > getvariable('as_of')) AS INTEGER) AS pending_settlements
  FROM staging.stg_adjustments
  WHERE reason_code = 'dispute_settlement' AND CAST(timezone('Asia/Riyadh', created_at) AS DATE) <= getvariable('as_of')
  GROUP BY invoice_id
),
compared AS (
  SELECT coalesce(c.invoice_id, s.invoice_id) AS invoice_id, coalesce(c.employer_id, i.employer_id) AS employer_id,
         coalesce(c.dispute_ids, []) AS dispute_ids, coalesce(c.decisions, 0) AS decisions, coalesce(c.without_amount, 0) AS without_amount,
         coalesce(c.conceded, 0) AS conceded, coalesce(s.adjustment_ids, []) AS adjustment_ids, coalesce(s.settlements, 0) AS settlements,
         coalesce(s.settled, 0) AS settled, coalesce(s.pending_settlements, 0) AS pending_settlements
  FROM conceded AS c
  FULL OUTER JOIN credits AS s ON s.invoice_id = c.invoice_id
  LEFT JOIN staging.stg_invoices AS i ON i.invoice_id = s.invoice_id
)
SELECT invoice_id, employer_id,
  CASE WHEN decisions = 0 THEN 'settlement_without_decision'
       WHEN without_amount > 0 THEN 'resolved_amount_missing'
       WHEN settlements = 0 THEN 'missing'
       WHEN settlements > decisions AND settled > conceded THEN 'conceded_twice'
       ELSE 'amount_differs' END AS problem,
  dispute_ids, CAST(conceded AS DECIMAL(18,2)) AS conceded, adjustment_ids, settlements,
  CAST(settled AS DECIMAL(18,2)) AS settled, CAST(settled - conceded AS DECIMAL(18,2)) AS difference, pending_settlements,
  CAST(getvariable('as_of') AS DATE) AS as_of
FROM compared
WHERE (decisions = 0 AND settlements > 0) OR without_amount > 0 OR (decisions > 0 AND settlements = 0) OR settled <> conceded
