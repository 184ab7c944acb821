/*
description: >
  Each employer's account as running totals by day (rules.md §3), valid from `day` until the next
  row of the employer: the positions of its live invoices summed (core.ledger_invoice_states: each
  interval adds its amounts on its first day and takes them back on its last) and the money received
  — payments paid on or before D (Riyadh day) and not reversed on or before D, whatever they named.
  A date's balance is read with an ASOF join on the last day on or before it, so the balances of all
  the reporting dates cost one pass over the changes, not one pass over every invoice per date.
  Whole halalas.
description_ar: >
  حساب كل منشأة مجاميعَ تراكمية حسب اليوم، سارية من يومها حتى الصف التالي للمنشأة: مراكز فواتيرها
  القائمة مجموعة، والمبالغ المحصلة المدفوعة حتى ذلك اليوم وغير المعكوسة. يُقرأ رصيد أي تاريخ بآخر صف
  في ذلك التاريخ أو قبله. بالهللات الصحيحة.
grain: one row per employer_key and day on which something changed
materialized: table
columns:
  employer_key:
    description: Employer (core.ledger_employers.employer_key).
    description_ar: المنشأة (employer_key في core.ledger_employers).
  day:
    description: First day these totals hold (end of that Riyadh day).
    description_ar: أول يوم تسري فيه هذه المجاميع (نهاية ذلك اليوم بتوقيت الرياض).
  billed_h:
    description: total_amount as issued of the invoices issued and not cancelled, halalas.
    description_ar: إجمالي الفواتير الصادرة غير الملغاة كما صدرت، بالهللات.
  adjustments_h:
    description: Approved adjustments effective on those invoices, halalas.
    description_ar: التسويات المعتمدة السارية على تلك الفواتير، بالهللات.
  paid_h:
    description: Payments counted, halalas.
    description_ar: المدفوعات المحتسبة، بالهللات.
  pool_h:
    description: What the pool shares out oldest due first (paid − named_paid + credit_note_excess), halalas.
    description_ar: الرصيد المجمّع الذي يُوزَّع على البنود الأقدم استحقاقًا أولًا، بالهللات.
tests:
  - unique: [employer_key, day]
*/
WITH deltas AS (
  -- the pool is what is paid, less what went to named invoices, plus credit notes above their invoice
  SELECT employer_key, from_day AS day, billed_h, adjustments_h, 0 AS paid_h, credit_note_excess_h - named_paid_h AS pool_h
  FROM core.ledger_invoice_states
  UNION ALL
  SELECT employer_key, to_day, -billed_h, -adjustments_h, 0, named_paid_h - credit_note_excess_h
  FROM core.ledger_invoice_states WHERE to_day < DATE '9999-12-31'
  UNION ALL
  SELECT e.employer_key, p.paid_on, 0, 0, p.amount_h, p.amount_h
  FROM (SELECT employer_id, paid_on, CAST(amount * 100 AS BIGINT) AS amount_h FROM staging.stg_payments
        UNION ALL
        -- a reversal dated before its payment removes it from the payment's own day
        SELECT employer_id, greatest(reversed_on, paid_on), -CAST(amount * 100 AS BIGINT) FROM staging.stg_payments WHERE reversed_on IS NOT NULL) AS p
  JOIN core.ledger_employers AS e ON e.employer_id = p.employer_id
),
steps AS (
  -- days are unique within an employer once grouped, so a frame of rows is the running total. Each
  -- running total costs a pass of its own: what the items still owe after step 1 is not summed, it is
  -- billed + adjustments − paid + pool (core.ledger_accounts)
  SELECT employer_key, day,
         sum(sum(billed_h)) OVER w AS billed_h, sum(sum(adjustments_h)) OVER w AS adjustments_h,
         sum(sum(paid_h)) OVER w AS paid_h, sum(sum(pool_h)) OVER w AS pool_h
  FROM deltas GROUP BY employer_key, day
  WINDOW w AS (PARTITION BY employer_key ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT
  employer_key, day,
  CAST(billed_h AS BIGINT) AS billed_h, CAST(adjustments_h AS BIGINT) AS adjustments_h,
  CAST(paid_h AS BIGINT) AS paid_h, CAST(pool_h AS BIGINT) AS pool_h
FROM steps
