/*
description: >
  Each employer's account as of each ledger date (rules.md §3), before the pool is shared out item by
  item: the running totals of core.ledger_employer_steps on the last day of change on or before D
  (one ASOF join over the employers × dates, not over the items). Employers are counted from their
  first day (core.ledger_employers). marts.employer_balance publishes the reporting dates; the pool
  is what core.ledger_items shares out oldest due first.
description_ar: >
  حساب كل منشأة في كل تاريخ من تواريخ السجل قبل توزيع الرصيد المجمّع على الفواتير: المجاميع التراكمية
  من core.ledger_employer_steps في آخر يوم تغيّر فيه الحساب حتى ذلك التاريخ. ويُحسب للمنشأة ابتداءً من
  أول يوم لها في السجل.
grain: one row per as_of and employer_key
materialized: table
columns:
  as_of:
    description: Ledger date.
    description_ar: تاريخ السجل.
  employer_key:
    description: Employer (core.ledger_employers.employer_key).
    description_ar: المنشأة (employer_key في core.ledger_employers).
  billed_h:
    description: total_amount as issued of the invoices issued and not cancelled as of D, halalas.
    description_ar: إجمالي الفواتير الصادرة غير الملغاة حتى ذلك التاريخ كما صدرت، بالهللات.
  adjustments_h:
    description: Approved adjustments effective by D on those invoices, halalas.
    description_ar: التسويات المعتمدة السارية حتى ذلك التاريخ على تلك الفواتير، بالهللات.
  paid_h:
    description: Payments counted as of D, halalas.
    description_ar: المدفوعات المحتسبة حتى ذلك التاريخ، بالهللات.
  fifo_due_h:
    description: What the invoices still owe after the payments naming them, halalas (Σ max(owed, 0) − named paid = billed + adjustments − paid + pool, since the pool is paid − named paid + Σ max(−owed, 0)).
    description_ar: ما بقي مستحقًا على الفواتير بعد المدفوعات التي سمّتها، بالهللات.
  pool_h:
    description: Payments less what went to named invoices, plus credit notes above their invoice, halalas.
    description_ar: المدفوعات بعد طرح ما ذهب إلى الفواتير المسماة، مضافًا إليها ما زاد من الإشعارات الدائنة على فواتيرها، بالهللات.
tests:
  - unique: [as_of, employer_key]
*/
WITH pairs AS (
  SELECT d.as_of, e.employer_key
  FROM core.ledger_dates AS d JOIN core.ledger_employers AS e ON e.first_day <= d.as_of
)
SELECT p.as_of, p.employer_key,
       coalesce(s.billed_h, 0) AS billed_h, coalesce(s.adjustments_h, 0) AS adjustments_h, coalesce(s.paid_h, 0) AS paid_h,
       coalesce(s.billed_h + s.adjustments_h - s.paid_h + s.pool_h, 0) AS fifo_due_h, coalesce(s.pool_h, 0) AS pool_h
FROM pairs AS p
ASOF LEFT JOIN core.ledger_employer_steps AS s ON s.employer_key = p.employer_key AND s.day <= p.as_of
