/*
description: >
  How each payment is allocated as of the as-of date (rules.md §3), payment by payment, for tracing
  and for the check that every payment is allocated exactly once. The payments counted are those
  paid on or before D and not reversed on or before D. Step 1: a payment naming an invoice of its
  employer that owes something pays it first, up to what it still owes (several payments naming
  the same invoice take their turns by paid_at, then payment_id). Step 2: the rest joins the pool,
  which pays the open items oldest due first (core.ledger_items); a payment's share is the overlap
  of its slice of the pool (payments in paid_at order, after any credit notes above their invoice)
  with what the items still owed after step 1. Step 3: what no item takes is left as credit.
description_ar: >
  كيف خُصّصت كل دفعة في التاريخ المرجعي، دفعةً دفعة، للتتبع وللتحقق من أن كل دفعة خُصّصت مرة واحدة
  بالضبط: الدفعة تسدد أولًا الفاتورة التي تسميها، ثم ينضم الباقي إلى الرصيد المجمّع الذي يسدد البنود
  الأقدم استحقاقًا، وما لا يأخذه أي بند يبقى رصيدًا دائنًا.
grain: one row per payment_id counted as of the as-of date
materialized: table
params:
  as_of: date
columns:
  as_of:
    description: The build's as-of date.
    description_ar: التاريخ المرجعي للبناء.
  employer_id:
    description: Paying employer.
    description_ar: المنشأة الدافعة.
  payment_id:
    description: Payment.
    description_ar: الدفعة.
  paid_on:
    description: Riyadh day paid.
    description_ar: يوم السداد بتوقيت الرياض.
  amount:
    description: Amount received.
    description_ar: المبلغ المحصل.
  named_invoice_id:
    description: Invoice named by the payer (whatever it is).
    description_ar: الفاتورة التي سمّاها الدافع (أيًّا كانت).
  named_applied:
    description: Part paid to the named invoice in step 1.
    description_ar: ما ذهب إلى الفاتورة المسماة في الخطوة الأولى.
  pool_part:
    description: amount − named_applied, what joins the pool.
    description_ar: المبلغ مطروحًا منه ما ذهب إلى الفاتورة المسماة، وهو ما ينضم إلى الرصيد المجمّع.
  pool_applied:
    description: Part of pool_part that pays open items oldest due first.
    description_ar: ما سدّده ذلك الجزء من البنود القائمة الأقدم استحقاقًا أولًا.
  to_credit:
    description: Part of pool_part left as credit balance.
    description_ar: ما بقي من ذلك الجزء رصيدًا دائنًا.
tests:
  - unique: payment_id
  - not_null: [as_of, payment_id, named_applied, pool_applied, to_credit]
  - expression: named_applied >= 0 AND pool_applied >= 0 AND to_credit >= 0
    name: no negative allocation
  - expression: named_applied + pool_applied + to_credit = amount
    name: every payment allocated exactly once
*/
WITH live AS (
  SELECT getvariable('as_of') AS as_of, employer_id, payment_id, paid_on, paid_at, amount, named_invoice_id
  FROM staging.stg_payments
  WHERE paid_on <= getvariable('as_of') AND coalesce(reversed_on, DATE '9999-12-31') > getvariable('as_of')
),
items AS (
  SELECT employer_id, invoice_id, owed, pool_paid + open_amount AS fifo_due
  FROM core.ledger_items WHERE as_of = getvariable('as_of')
),
named_pairs AS MATERIALIZED (
  SELECT l.payment_id, l.paid_at, l.amount, i.invoice_id, greatest(i.owed, 0) AS owed
  FROM live AS l
  JOIN items AS i ON i.invoice_id = l.named_invoice_id AND i.employer_id = l.employer_id
),
shared AS (
  SELECT invoice_id FROM named_pairs GROUP BY invoice_id HAVING count(*) > 1
),
named AS (
  -- an invoice named by one payment takes what it owes from it; only invoices named by several
  -- payments need them in turn (a window over those few, not over every payment)
  SELECT p.payment_id, least(p.amount, p.owed) AS named_applied
  FROM named_pairs AS p ANTI JOIN shared AS s ON s.invoice_id = p.invoice_id
  UNION ALL
  SELECT p.payment_id,
         least(p.amount, greatest(0, p.owed - coalesce(sum(p.amount) OVER (
           PARTITION BY p.invoice_id ORDER BY p.paid_at, p.payment_id
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)))
  FROM named_pairs AS p SEMI JOIN shared AS s ON s.invoice_id = p.invoice_id
),
per_employer AS (
  SELECT employer_id, sum(fifo_due) AS fifo_due, sum(greatest(-owed, 0)) AS credit_note_excess FROM items GROUP BY employer_id
),
parts AS MATERIALIZED (
  SELECT l.*, coalesce(n.named_applied, 0) AS named_applied, l.amount - coalesce(n.named_applied, 0) AS pool_part
  FROM live AS l
  LEFT JOIN named AS n ON n.payment_id = l.payment_id
),
sliced AS (
  -- a payment with nothing left for the pool adds nothing to its running total and takes nothing from
  -- it: only the others are put in order
  SELECT p.*, coalesce(e.fifo_due, 0) AS fifo_due,
         coalesce(e.credit_note_excess, 0) + sum(p.pool_part) OVER (
           PARTITION BY p.employer_id ORDER BY p.paid_at, p.payment_id) AS slice_end
  FROM parts AS p
  LEFT JOIN per_employer AS e ON e.employer_id = p.employer_id
  WHERE p.pool_part > 0
  UNION ALL BY NAME
  SELECT p.*, 0 AS fifo_due, 0 AS slice_end FROM parts AS p WHERE p.pool_part <= 0
)
SELECT
  as_of, employer_id, payment_id, paid_on, amount, named_invoice_id,
  CAST(named_applied AS DECIMAL(18,2)) AS named_applied,
  CAST(pool_part AS DECIMAL(18,2)) AS pool_part,
  CAST(greatest(0, least(slice_end, fifo_due) - least(slice_end - pool_part, fifo_due)) AS DECIMAL(18,2)) AS pool_applied,
  CAST(pool_part - greatest(0, least(slice_end, fifo_due) - least(slice_end - pool_part, fifo_due)) AS DECIMAL(18,2)) AS to_credit
FROM sliced
