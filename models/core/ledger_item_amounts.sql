/*
description: >
  The open amount of invoices as of each ledger date after the allocation of rules.md §3: payments
  naming an invoice first (core.ledger_invoice_states), then the employer's pool — the payments
  counted as of D less what went to named invoices, plus credit notes above their invoice
  (core.ledger_accounts) — pays the rest oldest due_on first (ties: contribution before late
  fee, then invoice_id; the order of invoice_key). Set-based: the items' cumulative amounts in that
  order against the pool total; an item is paid by the part of the pool that overlaps its slice, so
  an underpayment leaves the youngest items open. Only items the pool still has to pay (fifo_due > 0)
  take part in the running total — the others add nothing to it — so a date costs its unpaid items,
  not every invoice ever issued; and an employer whose pool is empty on a date pays nothing from it,
  so only employers with something in the pool need the running total at all. Kept: every item
  still open on a reporting date (month-ends and the as-of date), every item as of the as-of date,
  each item as of its own due date (on-time KPIs), and on the eve of a late fee the open past-due
  contribution invoices of the fee's employer and period (marts.invoice_check); the other rows of
  the other ledger dates are computed for the allocation and not stored. Whole halalas and integer
  keys: this is the largest table of the ledger, and core.ledger_items adds the texts, what is owed
  and the days past due for readers.
description_ar: >
  المبلغ القائم على الفواتير في كل تاريخ من تواريخ السجل بعد التخصيص: المدفوعات المسماة أولًا، ثم يسدد
  الرصيد المجمّع للمنشأة الباقي بدءًا بالأقدم استحقاقًا، فإذا قصر بقيت أحدث البنود قائمة. يُحفظ كل بند
  قائم في تواريخ التقرير، وكل البنود في التاريخ المرجعي وفي تاريخ استحقاقها، وأساس غرامة التأخير عشية
  إصدارها. بالهللات الصحيحة.
grain: one row per as_of and invoice_id (open items on reporting dates; all items as of the as-of date and at their due date; a late fee's base on its eve)
materialized: table
params:
  as_of: date
columns:
  as_of:
    description: Ledger date.
    description_ar: تاريخ السجل.
  employer_key:
    description: Billed employer (core.ledger_employers.employer_key).
    description_ar: المنشأة المفوترة (employer_key في core.ledger_employers).
  invoice_key:
    description: Invoice (staging.stg_invoices.invoice_key).
    description_ar: الفاتورة (invoice_key في staging.stg_invoices).
  due_on:
    description: Due date used by the ledger.
    description_ar: تاريخ الاستحقاق الذي يعتمده السجل.
  billed_h:
    description: total_amount as issued, halalas.
    description_ar: إجمالي الفاتورة كما صدرت، بالهللات.
  adjustments_h:
    description: Approved adjustments effective by D, halalas.
    description_ar: التسويات المعتمدة السارية حتى التاريخ، بالهللات.
  named_paid_h:
    description: Paid by payments naming this invoice, halalas.
    description_ar: ما سدّدته المدفوعات التي تسمّي هذه الفاتورة، بالهللات.
  pool_paid_h:
    description: Paid from the employer's pool, halalas.
    description_ar: ما سُدّد من الرصيد المجمّع للمنشأة، بالهللات.
  open_h:
    description: Still owed after allocation, halalas (never negative; a credit note above the invoice feeds the pool).
    description_ar: ما بقي مستحقًا بعد التخصيص، بالهللات (لا يكون سالبًا).
tests:
  - unique: [as_of, invoice_key]
  - not_null: [as_of, invoice_key, employer_key, open_h]
  - expression: open_h >= 0 AND named_paid_h >= 0 AND pool_paid_h >= 0
  - expression: open_h + named_paid_h + pool_paid_h = greatest(billed_h + adjustments_h, 0)
    name: open + paid = owed, per invoice
*/
WITH pools AS (
  -- the accounts whose pool holds something on a ledger date (core.ledger_accounts): few
  SELECT as_of, employer_key, pool_h FROM core.ledger_accounts WHERE pool_h > 0
),
fee_bases AS (
  -- the contribution invoices a late fee is reckoned on, on the fee's eve (marts.invoice_check)
  SELECT CAST(f.issued_on - 1 AS DATE) AS as_of, c.invoice_key
  FROM staging.stg_invoices AS f
  JOIN staging.stg_invoices AS c ON c.employer_id = f.employer_id AND c.period = f.period AND c.invoice_type = 'contribution'
  WHERE f.invoice_type = 'late_fee'
),
stored_elsewhere AS (
  -- on the other ledger dates (due dates, fee eves) only some unpaid items are stored: each at its own
  -- due date, and a late fee's base on its eve
  SELECT DISTINCT c.as_of, c.invoice_key
  FROM (SELECT due_on AS as_of, invoice_key FROM staging.stg_invoices UNION ALL SELECT as_of, invoice_key FROM fee_bases) AS c
  JOIN core.ledger_dates AS d ON d.as_of = c.as_of AND NOT d.is_reporting
),
positions AS (
  -- (date, invoice) pairs. On a reporting date, every item the pool still has to pay (a range join over
  -- the few unpaid intervals)
  SELECT d.as_of, true AS is_reporting, s.* FROM core.ledger_invoice_states AS s
  JOIN core.ledger_dates AS d ON d.is_reporting AND d.as_of >= s.from_day AND d.as_of < s.to_day
  WHERE s.fifo_due_h > 0
  UNION ALL
  -- on another ledger date, every unpaid item of an employer whose pool holds something (it is shared
  -- out over all of them in order) ...
  SELECT p.as_of, false, s.* FROM pools AS p
  JOIN core.ledger_dates AS d ON d.as_of = p.as_of AND NOT d.is_reporting
  JOIN core.ledger_invoice_states AS s ON s.employer_key = p.employer_key AND p.as_of >= s.from_day AND p.as_of < s.to_day
  WHERE s.fifo_due_h > 0
  UNION ALL
  -- ... and, with an empty pool, only the unpaid items stored that day
  SELECT e.as_of, false, s.* FROM stored_elsewhere AS e
  JOIN core.ledger_invoice_states AS s ON s.invoice_key = e.invoice_key AND e.as_of >= s.from_day AND e.as_of < s.to_day
  WHERE s.fifo_due_h > 0 AND (e.as_of, s.employer_key) NOT IN (SELECT as_of, employer_key FROM pools)
  UNION ALL
  -- with nothing left for the pool, the items stored anyway: each at its due date, every item at the as-of date
  SELECT d.as_of, d.is_reporting, s.* FROM core.ledger_invoice_states AS s
  JOIN core.ledger_dates AS d ON d.as_of = s.due_on
  WHERE s.fifo_due_h = 0 AND s.from_day <= s.due_on AND s.due_on < s.to_day
  UNION ALL
  SELECT CAST(getvariable('as_of') AS DATE), true, s.* FROM core.ledger_invoice_states AS s
  WHERE s.fifo_due_h = 0 AND s.from_day <= getvariable('as_of') AND getvariable('as_of') < s.to_day
    AND s.due_on <> getvariable('as_of')
),
with_pool AS (
  SELECT x.*, coalesce(a.pool_h, 0) AS pool_h
  FROM positions AS x
  LEFT JOIN pools AS a ON a.as_of = x.as_of AND a.employer_key = x.employer_key
),
allocated AS (
  -- the running total is a HUGEINT: back to BIGINT, which DuckDB stores compressed and sums fast
  SELECT *, CAST(least(fifo_due_h, greatest(0, pool_h - (slice_end_h - fifo_due_h))) AS BIGINT) AS pool_paid_h
  FROM (SELECT *, sum(fifo_due_h) OVER (PARTITION BY as_of, employer_key ORDER BY invoice_key) AS slice_end_h
        FROM with_pool WHERE pool_h > 0)
  UNION ALL BY NAME
  SELECT *, 0 AS slice_end_h, CAST(0 AS BIGINT) AS pool_paid_h FROM with_pool WHERE pool_h <= 0
),
kept AS (
  SELECT * FROM allocated
  WHERE as_of = getvariable('as_of') OR as_of = due_on
     OR (fifo_due_h > pool_paid_h AND (is_reporting OR (as_of, invoice_key) IN (SELECT as_of, invoice_key FROM fee_bases)))
)
SELECT k.as_of, k.employer_key, k.invoice_key, k.due_on, k.billed_h, k.adjustments_h, k.named_paid_h, k.pool_paid_h,
  k.fifo_due_h - k.pool_paid_h AS open_h
FROM kept AS k
