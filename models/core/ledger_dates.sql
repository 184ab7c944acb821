/*
description: >
  The days the ledger is allocated as of (rules.md §3): every month-end from the month of the first
  invoice issued or payment made up to the as-of date, the as-of date itself (these two are the
  reporting dates of marts.employer_balance and marts.arrears_ageing), the eve of every late-fee
  invoice's issue (its expected amount is 2% of what was unpaid then) and every contribution
  invoice's due date up to the as-of date (on-time payment, for KPIs and compliance).
description_ar: >
  الأيام التي يُحسب عندها تخصيص السجل: كل نهاية شهر من أول فاتورة أو دفعة حتى التاريخ المرجعي،
  والتاريخ المرجعي نفسه، واليوم السابق لإصدار كل فاتورة غرامة تأخير، وتاريخ استحقاق كل فاتورة اشتراكات
  حتى التاريخ المرجعي.
grain: one row per as_of date
materialized: table
params:
  as_of: date
columns:
  as_of:
    description: End of this Riyadh day is the moment the allocation is taken.
    description_ar: نهاية هذا اليوم بتوقيت الرياض هي لحظة حساب التخصيص.
  is_reporting:
    description: A month-end or the as-of date, published in the balance and ageing marts.
    description_ar: نهاية شهر أو التاريخ المرجعي، ويُنشر في جدولي الأرصدة وأعمار الديون.
  is_month_end:
    description: Last day of a month.
    description_ar: آخر يوم في الشهر.
  is_as_of:
    description: The build's as-of date.
    description_ar: التاريخ المرجعي للبناء.
  is_fee_eve:
    description: The day before a late-fee invoice's issue date.
    description_ar: اليوم السابق لتاريخ إصدار فاتورة غرامة تأخير.
  is_due_date:
    description: The due date of a contribution invoice.
    description_ar: تاريخ استحقاق فاتورة اشتراكات.
tests:
  - unique: as_of
  - not_null: as_of
*/
WITH first_day AS (
  -- the earliest of the employers' first days (an invoice issued or any payment row)
  SELECT min(first_day) AS d FROM core.ledger_employers
),
month_ends AS (
  SELECT CAST(last_day(CAST(m AS DATE)) AS DATE) AS as_of
  FROM first_day,
       unnest(generate_series(CAST(date_trunc('month', first_day.d) AS DATE), CAST(getvariable('as_of') AS DATE), INTERVAL 1 MONTH)) AS t(m)
  WHERE first_day.d IS NOT NULL
),
candidates AS (
  SELECT as_of, 'month_end' AS kind FROM month_ends WHERE as_of <= getvariable('as_of')
  UNION ALL SELECT getvariable('as_of'), 'as_of'
  UNION ALL SELECT DISTINCT CAST(issued_on - 1 AS DATE), 'fee_eve' FROM raw.invoices WHERE invoice_type = 'late_fee'
  UNION ALL SELECT DISTINCT due_on, 'due_date' FROM staging.stg_invoices
            WHERE invoice_type = 'contribution' AND due_on <= getvariable('as_of')
)
SELECT
  as_of,
  bool_or(kind IN ('month_end', 'as_of')) AS is_reporting,
  bool_or(kind = 'month_end') AS is_month_end,
  bool_or(kind = 'as_of') AS is_as_of,
  bool_or(kind = 'fee_eve') AS is_fee_eve,
  bool_or(kind = 'due_date') AS is_due_date
FROM candidates
GROUP BY as_of
