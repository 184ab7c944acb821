/*
description: >
  Each invoice's position before the pool is shared out (rules.md §2–§3), as intervals of days over
  which it does not change: from its issue to the day a re-issue cancels it (cancelled invoices owe
  nothing, so they are absent after), cut at every day an adjustment is approved and every day a
  payment naming it is made or reversed. On a day D inside [from_day, to_day) the invoice owes its
  total plus the adjustments approved by D, and the payments naming it (of its own employer, counted
  as of D) pay it together up to that (step 1 of the allocation; their order does not change the
  invoice's position). Kept as intervals, not as one row per ledger date and invoice: an invoice
  changes a few times in its life, while the dates are every month-end and due date, so the ledger
  reads the position of any date from a few million rows instead of tens of millions. Amounts are
  whole halalas (BIGINT) and invoices their invoice_key: exact, and cheap to sum and sort.
description_ar: >
  مركز كل فاتورة قبل توزيع الرصيد المجمّع، فتراتٍ من الأيام لا يتغير فيها: من إصدارها حتى إلغائها
  بإعادة الإصدار، مقطّعة عند كل يوم تُعتمد فيه تسوية وكل يوم تُسدَّد فيه أو تُعكس دفعة تسمّيها.
  بالهللات الصحيحة ومفتاح الفاتورة الرقمي.
grain: one row per invoice_key and from_day
materialized: table
columns:
  invoice_key:
    description: The invoice (staging.stg_invoices.invoice_key, allocation order).
    description_ar: الفاتورة (invoice_key في staging.stg_invoices، بترتيب التخصيص).
  employer_key:
    description: Billed employer (core.ledger_employers.employer_key).
    description_ar: المنشأة المفوترة (employer_key في core.ledger_employers).
  due_on:
    description: Due date used by the ledger.
    description_ar: تاريخ الاستحقاق الذي يعتمده السجل.
  from_day:
    description: First day of the interval (the issue day, or a day the position changed).
    description_ar: أول يوم في الفترة (يوم الإصدار أو يوم تغيّر فيه المركز).
  to_day:
    description: Day the position changes next or the invoice is cancelled (exclusive); 9999-12-31 when neither happens.
    description_ar: اليوم الذي يتغير فيه المركز بعد ذلك أو تُلغى الفاتورة (غير مشمول)؛ 9999-12-31 إن لم يحدث أي منهما.
  billed_h:
    description: total_amount as issued, halalas.
    description_ar: إجمالي الفاتورة كما صدرت، بالهللات.
  adjustments_h:
    description: Approved adjustments effective in the interval, halalas.
    description_ar: التسويات المعتمدة السارية في الفترة، بالهللات.
  owed_h:
    description: billed + adjustments, halalas.
    description_ar: المفوتر مع التسويات، بالهللات.
  named_paid_h:
    description: Paid by payments naming it — the smaller of what it owes and what they bring, halalas.
    description_ar: ما سدّدته المدفوعات التي تسمّيها، وهو الأقل من المستحق ومما جاءت به، بالهللات.
  fifo_due_h:
    description: What is left for the pool to pay (never negative), halalas.
    description_ar: ما بقي ليسدده الرصيد المجمّع (لا يكون سالبًا)، بالهللات.
  credit_note_excess_h:
    description: How far credit notes took it below zero (that money joins the pool), halalas.
    description_ar: ما نزلت به الإشعارات الدائنة بالفاتورة دون الصفر (ويضاف إلى الرصيد المجمّع)، بالهللات.
tests:
  - unique: [invoice_key, from_day]
  - expression: from_day < to_day
*/
WITH invoices AS (
  SELECT i.invoice_key, i.invoice_id, i.employer_id, e.employer_key, i.due_on, i.issued_on,
         coalesce(i.cancelled_from, DATE '9999-12-31') AS cancelled_from, CAST(i.total_amount * 100 AS BIGINT) AS billed_h
  FROM staging.stg_invoices AS i JOIN core.ledger_employers AS e ON e.employer_id = i.employer_id
),
named_payments AS (
  -- only a payment of the invoice's own employer names it; a reversal dated before the payment removes it from the start
  SELECT i.invoice_key, p.paid_on, CAST(p.amount * 100 AS BIGINT) AS amount_h,
         CASE WHEN p.reversed_on IS NOT NULL THEN greatest(p.reversed_on, p.paid_on) END AS reversed_on
  FROM staging.stg_payments AS p JOIN invoices AS i ON i.invoice_id = p.named_invoice_id AND i.employer_id = p.employer_id
),
changes AS (
  -- every day the position may change; issue and cancellation days carry no amount, they bound the intervals
  SELECT invoice_key, issued_on AS day, 0 AS adjustment_h, 0 AS named_h FROM invoices
  UNION ALL SELECT invoice_key, cancelled_from, 0, 0 FROM invoices WHERE cancelled_from < DATE '9999-12-31'
  UNION ALL SELECT i.invoice_key, a.approved_on, CAST(a.amount * 100 AS BIGINT), 0
            FROM staging.stg_adjustments AS a JOIN invoices AS i ON i.invoice_id = a.invoice_id WHERE a.approved_on IS NOT NULL
  UNION ALL SELECT invoice_key, paid_on, 0, amount_h FROM named_payments
  UNION ALL SELECT invoice_key, reversed_on, 0, -amount_h FROM named_payments WHERE reversed_on IS NOT NULL
),
running AS (
  -- running totals as of each change day, valid until the next one: the default frame takes in every
  -- change of the same day, and of several changes on one day only the last keeps an interval (the
  -- others end where they start), so the changes need no grouping by day first
  SELECT invoice_key, day AS from_day,
         lead(day, 1, DATE '9999-12-31') OVER w AS to_day,
         sum(adjustment_h) OVER w AS adjustments_h,
         sum(named_h) OVER w AS named_h
  FROM changes
  WINDOW w AS (PARTITION BY invoice_key ORDER BY day)
),
positions AS (
  -- the intervals while the invoice is issued and not cancelled (issue and cancellation days are change days)
  SELECT r.invoice_key, i.employer_key, i.due_on, r.from_day, r.to_day, i.billed_h,
         CAST(r.adjustments_h AS BIGINT) AS adjustments_h, CAST(i.billed_h + r.adjustments_h AS BIGINT) AS owed_h, CAST(r.named_h AS BIGINT) AS named_h
  FROM running AS r JOIN invoices AS i ON i.invoice_key = r.invoice_key
  WHERE r.from_day < r.to_day AND r.from_day >= i.issued_on AND r.from_day < i.cancelled_from
)
SELECT
  invoice_key, employer_key, due_on, from_day, to_day, billed_h, adjustments_h, owed_h,
  least(greatest(owed_h, 0), named_h) AS named_paid_h,
  greatest(owed_h, 0) - least(greatest(owed_h, 0), named_h) AS fifo_due_h,
  greatest(-owed_h, 0) AS credit_note_excess_h
FROM positions
