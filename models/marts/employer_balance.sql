/*
description: >
  Each employer's account as of every month-end and the as-of date (outputs.md, rules.md §3): what
  was billed and adjusted on invoices not cancelled as of D, what was paid, and — after allocation —
  what is still open and what is left as credit. Open-item allocation never leaves both: the pool
  (payments less what went to named invoices, plus credit notes above their invoice) either covers
  what the invoices still owe, leaving credit, or falls short, leaving that much outstanding. A row
  for every employer with an invoice issued or a payment row (reversals included) dated on or
  before D. Checked on every build: billed + adjustments − paid = outstanding − credit_balance;
  outstanding equals the open items of core.ledger_items (the FIFO); totals equal the extracts.
description_ar: >
  حساب كل منشأة في كل نهاية شهر وفي التاريخ المرجعي: ما فوتر وما عُدّل على الفواتير غير الملغاة، وما
  سُدّد، وبعد التخصيص ما بقي قائمًا وما بقي رصيدًا دائنًا؛ ولا يجتمع الاثنان. ويُتحقق في كل بناء من أن
  المفوتر مع التسويات ناقص المسدد يساوي القائم ناقص الرصيد الدائن.
grain: one row per employer_id and as_of
materialized: table
columns:
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  as_of:
    description: Month-end or the build's as-of date.
    description_ar: نهاية الشهر أو التاريخ المرجعي للبناء.
  billed:
    description: Totals as issued of the invoices issued on or before D and not cancelled as of D, SAR.
    description_ar: إجمالي الفواتير الصادرة حتى التاريخ وغير الملغاة فيه كما صدرت، بالريال.
  adjustments:
    description: Signed approved adjustments effective by D on those invoices.
    description_ar: التسويات المعتمدة السارية حتى التاريخ على تلك الفواتير، بإشارتها.
  paid:
    description: Money received on or before D, reversed payments and reversal rows excluded, allocated or not.
    description_ar: المحصل حتى التاريخ دون المدفوعات المعكوسة وقيود العكس، خُصّص أم لم يُخصّص.
  outstanding:
    description: Open amounts after allocation.
    description_ar: المبلغ القائم بعد التخصيص.
  credit_balance:
    description: What is left of the payments after allocation.
    description_ar: ما بقي من المدفوعات بعد التخصيص رصيدًا دائنًا.
tests:
  - unique: [employer_id, as_of]
  - not_null: [employer_id, as_of, billed, adjustments, paid, outstanding, credit_balance]
  - expression: billed + adjustments - paid = outstanding - credit_balance
    name: billed + adjustments − paid = outstanding − credit, per employer
  - expression: outstanding >= 0 AND credit_balance >= 0 AND paid >= 0 AND (outstanding = 0 OR credit_balance = 0)
  - reconciles: {sum: outstanding, by: [employer_id, as_of], equals: {model: core.ledger_items, sum: open_amount, where: "as_of IN (SELECT as_of FROM core.ledger_dates WHERE is_reporting)"}}
    name: outstanding = the open items left by the FIFO, per employer
*/
WITH balances AS (
  -- every employer from the first day it was invoiced or paid anything (core.ledger_employers), on the reporting dates
  SELECT e.employer_id, a.*
  FROM core.ledger_accounts AS a
  JOIN core.ledger_dates AS d ON d.as_of = a.as_of AND d.is_reporting
  JOIN core.ledger_employers AS e ON e.employer_key = a.employer_key
)
SELECT
  employer_id, as_of,
  CAST(billed_h * 0.01 AS DECIMAL(18,2)) AS billed,
  CAST(adjustments_h * 0.01 AS DECIMAL(18,2)) AS adjustments,
  CAST(paid_h * 0.01 AS DECIMAL(18,2)) AS paid,
  CAST(greatest(fifo_due_h - pool_h, 0) * 0.01 AS DECIMAL(18,2)) AS outstanding,
  CAST(greatest(pool_h - fifo_due_h, 0) * 0.01 AS DECIMAL(18,2)) AS credit_balance
FROM balances
