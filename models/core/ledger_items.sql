/*
description: >
  The allocated items of core.ledger_item_amounts in the ledger's words: invoice number, employer,
  type and period, amounts in SAR. A view: the rows are stored once, in halalas with integer keys,
  and a reader that filters on as_of reads only that date.
grain: one row per as_of and invoice_id (as stored in core.ledger_item_amounts)
materialized: view
columns:
  as_of: Ledger date.
  employer_id: Billed employer.
  invoice_id: Invoice.
  invoice_type: contribution or late_fee.
  period: Month billed.
  due_on: Due date used by the ledger.
  billed: total_amount as issued.
  adjustments: Approved adjustments effective by D.
  owed: billed + adjustments.
  named_paid: Paid by payments naming this invoice.
  pool_paid: Paid from the employer's pool.
  open_amount: Still owed after allocation (never negative; a credit note above the invoice feeds the pool).
  days_past_due: as_of − due_on (0 or less means not yet due).
*/
SELECT
  a.as_of, i.employer_id, i.invoice_id, i.invoice_type, i.period, a.due_on,
  CAST(a.billed_h * 0.01 AS DECIMAL(18,2)) AS billed,
  CAST(a.adjustments_h * 0.01 AS DECIMAL(18,2)) AS adjustments,
  CAST((a.billed_h + a.adjustments_h) * 0.01 AS DECIMAL(18,2)) AS owed,
  CAST(a.named_paid_h * 0.01 AS DECIMAL(18,2)) AS named_paid,
  CAST(a.pool_paid_h * 0.01 AS DECIMAL(18,2)) AS pool_paid,
  CAST(a.open_h * 0.01 AS DECIMAL(18,2)) AS open_amount,
  CAST(a.as_of - a.due_on AS INTEGER) AS days_past_due
FROM core.ledger_item_amounts AS a
JOIN staging.stg_invoices AS i ON i.invoice_key = a.invoice_key
