/*
description: >
  Whether each month's contribution invoice was paid in full by its due date and how many days late
  it was settled (rules.md §5), read from the ledger's own allocation — no second allocation. The
  invoices judged are the contribution invoices issued on or before D and not cancelled as of D (M's
  invoice is the one not cancelled). paid_in_full_by_due: nothing of it open in the allocation as of
  its due date (core.ledger_item_amounts keeps every item at its due date; an invoice issued after
  its due date is absent there, and so not paid by it; a due date after D is judged as of D).
  days_late: days from the due date to the day from which the invoice stays fully paid, 0 when that
  is on or before the due date, null while it is open as of D. An employer's allocation changes only
  on the days its account changes (core.ledger_employer_steps), so the invoice is open or paid over
  each span between two such days: a span with an empty pool leaves open every item with something
  left after its named payments (core.ledger_invoice_states); a span whose pool holds something pays
  the items oldest due first, and only spans in arrears — the pool short of what is due by the span's
  end, known from the employer's totals and the few items not yet due — need that running total. The
  day the invoice stays paid from is the end of its last open span, and never before it was issued.
description_ar: >
  هل سُدّدت فاتورة اشتراكات كل شهر كاملة حتى تاريخ استحقاقها، وكم يومًا تأخر سدادها، مقروءًا من تخصيص
  السجل نفسه دون تخصيص ثانٍ. تُقيَّم فواتير الاشتراكات الصادرة حتى التاريخ المرجعي وغير الملغاة فيه؛
  وأيام التأخر هي الأيام من تاريخ الاستحقاق إلى اليوم الذي تبقى منه الفاتورة مسددة بالكامل.
grain: one row per invoice_id (contribution invoices issued on or before D and not cancelled as of D)
materialized: table
params:
  as_of: date
columns:
  invoice_id:
    description: The month's contribution invoice.
    description_ar: فاتورة اشتراكات الشهر.
  invoice_key:
    description: staging.stg_invoices.invoice_key.
    description_ar: invoice_key في staging.stg_invoices.
  employer_id:
    description: Billed employer.
    description_ar: المنشأة المفوترة.
  period:
    description: Month billed.
    description_ar: الشهر المفوتر.
  issued_on:
    description: Issue date.
    description_ar: تاريخ الإصدار.
  due_on:
    description: Due date used by the ledger (the original's for a re-issue).
    description_ar: تاريخ الاستحقاق الذي يعتمده السجل (تاريخ الفاتورة الأصلية عند إعادة الإصدار).
  owed_at_due:
    description: What it owed as of its due date, SAR (null when it was not yet issued then).
    description_ar: المستحق عليها في تاريخ استحقاقها، بالريال (فارغ إن لم تكن قد صدرت حينها).
  open_at_due:
    description: Open amount as of its due date (or D when that is later), SAR; null when not yet issued then.
    description_ar: القائم عليها في تاريخ استحقاقها (أو في التاريخ المرجعي إن كان أسبق)، بالريال؛ فارغ إن لم تكن قد صدرت حينها.
  paid_in_full_by_due:
    description: Nothing open as of the due date (false when it was not issued by then).
    description_ar: لا شيء قائم عليها في تاريخ الاستحقاق (ولا يتحقق إن لم تكن قد صدرت حتى ذلك التاريخ).
  open_amount:
    description: Open amount as of D, SAR.
    description_ar: القائم عليها في التاريخ المرجعي، بالريال.
  settled_on:
    description: The day from which it stays fully paid, when that is after the due date; null when paid by the due date or still open.
    description_ar: اليوم الذي تبقى منه مسددة بالكامل إذا جاء بعد تاريخ الاستحقاق؛ فارغ إن سُدّدت في الموعد أو ما زالت قائمة.
  days_late:
    description: Days from the due date to the day from which it stays fully paid; 0 on or before the due date; null while open.
    description_ar: الأيام من تاريخ الاستحقاق إلى اليوم الذي تبقى منه مسددة بالكامل؛ صفر إن سُدّدت في الموعد أو قبله؛ فارغ ما دامت قائمة.
tests:
  - unique: invoice_id
  - not_null: [invoice_id, employer_id, period, due_on, paid_in_full_by_due, open_amount]
  - expression: (days_late IS NULL) = (open_amount > 0)
    name: days_late is null exactly while the invoice is open
  - expression: days_late IS NULL OR days_late >= 0
*/
WITH targets AS (
  SELECT i.invoice_key, i.invoice_id, i.employer_id, e.employer_key, i.period, i.issued_on, i.due_on
  FROM staging.stg_invoices AS i
  JOIN core.ledger_employers AS e ON e.employer_id = i.employer_id
  WHERE i.invoice_type = 'contribution' AND i.issued_on <= getvariable('as_of')
    AND coalesce(i.cancelled_from, DATE '9999-12-31') > getvariable('as_of')
),
spans AS (
  -- the account holds from one day of change to the next; the last span runs to the end of D
  SELECT employer_key, from_day, least(to_day, CAST(getvariable('as_of') + 1 AS DATE)) AS to_day, pool_h, net_h
  FROM (SELECT employer_key, day AS from_day, lead(day, 1, DATE '9999-12-31') OVER (PARTITION BY employer_key ORDER BY day) AS to_day,
               pool_h, billed_h + adjustments_h - paid_h AS net_h
        FROM core.ledger_employer_steps)
  WHERE from_day <= getvariable('as_of')
),
due_later AS (
  -- in a span with money in the pool: what the items not yet due by the span's end still owe after step 1
  -- (few rows: the last month or two). The pool falls short of the items due by then exactly when the net
  -- balance (billed + adjustments − paid) exceeds it
  SELECT g.employer_key, g.from_day, sum(s.fifo_due_h) AS later_h
  FROM spans AS g
  JOIN core.ledger_invoice_states AS s
    ON s.employer_key = g.employer_key AND s.from_day <= g.from_day AND g.from_day < s.to_day AND s.due_on >= g.to_day
  WHERE g.pool_h > 0 AND s.fifo_due_h > 0 AND s.from_day < s.due_on
  GROUP BY g.employer_key, g.from_day
),
in_arrears AS (
  SELECT g.* FROM spans AS g
  LEFT JOIN due_later AS l ON l.employer_key = g.employer_key AND l.from_day = g.from_day
  WHERE g.pool_h > 0 AND g.net_h > coalesce(l.later_h, 0)
),
fifo AS (
  -- step 2 of the allocation on those spans, over the items due by the span's end (a prefix of the order)
  SELECT s.invoice_key, g.to_day, g.pool_h,
         sum(s.fifo_due_h) OVER (PARTITION BY g.employer_key, g.from_day ORDER BY s.invoice_key) AS slice_end_h
  FROM in_arrears AS g
  JOIN core.ledger_invoice_states AS s ON s.employer_key = g.employer_key AND s.from_day <= g.from_day AND g.from_day < s.to_day
  WHERE s.fifo_due_h > 0 AND s.due_on < g.to_day
),
open_spans AS (
  SELECT f.invoice_key, f.to_day FROM fifo AS f SEMI JOIN targets AS t ON t.invoice_key = f.invoice_key
  WHERE f.slice_end_h > f.pool_h
  UNION ALL
  -- an empty pool pays nothing: an item with something left after its named payments is open
  SELECT s.invoice_key, g.to_day
  FROM (SELECT s.* FROM core.ledger_invoice_states AS s SEMI JOIN targets AS t ON t.invoice_key = s.invoice_key
        WHERE s.fifo_due_h > 0 AND s.to_day > s.due_on) AS s
  JOIN spans AS g ON g.employer_key = s.employer_key AND s.from_day <= g.from_day AND g.from_day < s.to_day
  WHERE g.pool_h = 0 AND g.to_day > s.due_on
),
last_open AS (
  SELECT invoice_key, max(to_day) AS open_until FROM open_spans GROUP BY invoice_key
),
amounts AS (
  -- each item as of its due date (or D, when that is earlier) and as of D, in one pass over the ledger's amounts
  SELECT invoice_key,
         any_value(billed_h + adjustments_h) FILTER (WHERE as_of = least(due_on, getvariable('as_of'))) AS owed_at_due_h,
         any_value(open_h) FILTER (WHERE as_of = least(due_on, getvariable('as_of'))) AS open_at_due_h,
         any_value(open_h) FILTER (WHERE as_of = getvariable('as_of')) AS open_now_h
  FROM core.ledger_item_amounts
  WHERE as_of = getvariable('as_of') OR as_of = least(due_on, getvariable('as_of'))
  GROUP BY invoice_key
),
judged AS (
  SELECT t.*, a.owed_at_due_h, a.open_at_due_h, a.open_now_h,
         greatest(t.issued_on, coalesce(l.open_until, t.issued_on)) AS paid_from
  FROM targets AS t
  LEFT JOIN amounts AS a ON a.invoice_key = t.invoice_key
  LEFT JOIN last_open AS l ON l.invoice_key = t.invoice_key
)
SELECT
  invoice_id, invoice_key, employer_id, period, issued_on, due_on,
  CAST(greatest(owed_at_due_h, 0) * 0.01 AS DECIMAL(18,2)) AS owed_at_due,
  CAST(open_at_due_h * 0.01 AS DECIMAL(18,2)) AS open_at_due,
  coalesce(open_at_due_h = 0, false) AS paid_in_full_by_due,
  CAST(open_now_h * 0.01 AS DECIMAL(18,2)) AS open_amount,
  CASE WHEN open_now_h = 0 AND paid_from > due_on THEN paid_from END AS settled_on,
  CASE WHEN open_now_h = 0 THEN CAST(greatest(paid_from - due_on, 0) AS INTEGER) END AS days_late
FROM judged
