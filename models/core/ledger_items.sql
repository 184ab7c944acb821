/*
description: >
  The allocated items of core.ledger_item_amounts in the ledger's words: invoice number, employer,
  type and period, amounts in SAR. A view: the rows are stored once, in halalas with integer keys,
  and a reader that filters on as_of reads only that date.
description_ar: >
  البنود المخصصة في core.ledger_item_amounts بلغة السجل: رقم الفاتورة والمنشأة والنوع والفترة،
  والمبالغ بالريال. جدول عرض (view) تُخزن صفوفه مرة واحدة بالهللات.
grain: one row per as_of and invoice_id (as stored in core.ledger_item_amounts)
materialized: view
columns:
  as_of:
    description: Ledger date.
    description_ar: تاريخ السجل.
  employer_id:
    description: Billed employer.
    description_ar: المنشأة المفوترة.
  invoice_id:
    description: Invoice.
    description_ar: الفاتورة.
  invoice_type:
    description: contribution or late_fee.
    description_ar: "نوع الفاتورة: اشتراكات أو غرامة تأخير."
  period:
    description: Month billed.
    description_ar: الشهر المفوتر.
  due_on:
    description: Due date used by the ledger.
    description_ar: تاريخ الاستحقاق الذي يعتمده السجل.
  billed:
    description: total_amount as issued.
    description_ar: إجمالي الفاتورة كما صدرت.
  adjustments:
    description: Approved adjustments effective by D.
    description_ar: التسويات المعتمدة السارية حتى التاريخ.
  owed:
    description: billed + adjustments.
    description_ar: المفوتر مع التسويات.
  named_paid:
    description: Paid by payments naming this invoice.
    description_ar: ما سدّدته المدفوعات التي تسمّي هذه الفاتورة.
  pool_paid:
    description: Paid from the employer's pool.
    description_ar: ما سُدّد من الرصيد المجمّع للمنشأة.
  open_amount:
    description: Still owed after allocation (never negative; a credit note above the invoice feeds the pool).
    description_ar: ما بقي مستحقًا بعد التخصيص (لا يكون سالبًا).
  days_past_due:
    description: as_of − due_on (0 or less means not yet due).
    description_ar: "أيام التأخر: التاريخ ناقص تاريخ الاستحقاق (صفر أو أقل يعني أنه لم يستحق بعد)."
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
