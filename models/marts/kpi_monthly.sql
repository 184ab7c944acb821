/*
description: >
  Collection KPIs by month, overall (dimension all) and by region, sector, size class and legal
  form, from core.kpi_measures. Which KPIs there are — their names, definitions in Arabic and English,
  units and which way is better — is the KPI catalogue (dashboards/components/kpi-catalogue.ts); this
  model computes them. A month's snapshot is its last day, or the as-of date for the as-of month;
  "the month's contribution invoices" are those whose period is the month. A ratio whose denominator
  is zero is null. The objection KPIs come computed from core.kpi_objections (a median does not add
  up over employers, so they cannot be sums of core.kpi_measures). The compliance KPIs (rules.md §5) are counts of marts.compliance_monthly's
  employer-months (the employers with an obligation that month); the payment-channel KPIs are cut from
  staging.stg_payments (see their block below and docs/compliance.md).
description_ar: >
  مؤشرات التحصيل لكل شهر، إجمالًا وحسب المنطقة والقطاع وفئة الحجم والشكل القانوني، من
  core.kpi_measures. أسماء المؤشرات وتعريفاتها بالعربية والإنجليزية ووحداتها والاتجاه الأفضل لكل منها
  في فهرس المؤشرات (dashboards/components/kpi-catalogue.ts)؛ وهذا النموذج يحسبها. النسبة التي مقامها صفر فارغة.
grain: one row per period, kpi, dimension and dimension_value
materialized: table
params:
  as_of: date
columns:
  period:
    description: Month YYYY-MM.
    description_ar: الشهر YYYY-MM.
  kpi:
    description: KPI key, as in the KPI catalogue (dashboards/components/kpi-catalogue.ts).
    description_ar: مفتاح المؤشر كما في فهرس المؤشرات.
  dimension:
    description: all, region, sector, size_class or legal_form.
    description_ar: "البُعد: الكل أو المنطقة أو القطاع أو فئة الحجم أو الشكل القانوني."
  dimension_value:
    description: The group (all for dimension all).
    description_ar: قيمة البُعد (all للبُعد الكلي).
  value:
    description: The KPI's value (SAR, a ratio from 0 to 1, days or a count — see unit).
    description_ar: قيمة المؤشر (بالريال، أو نسبة من 0 إلى 1، أو أيام، أو عدد؛ انظر الوحدة).
  unit:
    description: SAR, ratio, days, count or per_1000.
    description_ar: "الوحدة: ريال أو نسبة أو أيام أو عدد."
tests:
  - unique: [period, kpi, dimension, dimension_value]
  - not_null: [period, kpi, dimension, dimension_value, unit]
  - accepted_values: {column: dimension, values: [all, region, sector, size_class, legal_form]}
  - expression: unit <> 'ratio' OR value IS NULL OR value >= 0
  - reconciles: {sum: value, where: "kpi = 'billed' AND dimension = 'all'", equals: {model: core.kpi_measures, sum: billed}}
    name: billed overall = the sum of the employers' billed
  - reconciles: {sum: value, where: "starts_with(kpi, 'collected_') AND dimension = 'all'", equals: {model: core.kpi_measures, sum: collected}}
    name: collected by channel adds up to collected
  - expression: >
      value IS NULL OR value <= 1 OR NOT (kpi IN ('compliance_rate', 'declared_on_time_rate', 'paid_by_due_rate')
      OR starts_with(kpi, 'reversal_rate_'))
    name: shares of employers and of payments are at most 1
*/
WITH grouped AS (
  -- every cut at once: overall, then one per dimension; GROUPING() says which column a row is cut by
  SELECT period,
    CASE WHEN grouping(region) = 0 THEN 'region' WHEN grouping(sector) = 0 THEN 'sector'
         WHEN grouping(size_class) = 0 THEN 'size_class' WHEN grouping(legal_form) = 0 THEN 'legal_form' ELSE 'all' END AS dimension,
    CASE WHEN grouping(region) = 0 THEN region WHEN grouping(sector) = 0 THEN sector
         WHEN grouping(size_class) = 0 THEN size_class WHEN grouping(legal_form) = 0 THEN legal_form ELSE 'all' END AS dimension_value,
    sum(billed) AS billed,
    sum(collected) AS collected,
    sum(due_owed) AS due_owed,
    sum(due_paid) AS due_paid,
    sum(to_date_owed) AS to_date_owed,
    sum(to_date_paid) AS to_date_paid,
    sum(past_due) AS past_due,
    sum(outstanding) AS outstanding,
    sum(credit_balance) AS credit_balance,
    sum(employers_owing_at_due) AS employers_owing_at_due,
    sum(employers_paid_by_due) AS employers_paid_by_due,
    sum(adjustments_absolute) AS adjustments_absolute,
    sum(invoices_issued) AS invoices_issued,
    sum(invoices_manual) AS invoices_manual,
    sum(late_fee_billed) AS late_fee_billed,
    sum(late_fee_waived) AS late_fee_waived,
    sum(coverage_gaps) AS coverage_gaps
  FROM core.kpi_measures
  GROUP BY GROUPING SETS ((period), (period, region), (period, sector), (period, size_class), (period, legal_form))
),
wide AS (
  SELECT *, past_due AS arrears, credit_balance AS credit_balances_held,
         employers_owing_at_due AS employers_owing, employers_paid_by_due AS employers_paid,
         CAST(substr(period, 1, 4) AS INTEGER) * 12 + CAST(substr(period, 6, 2) AS INTEGER) AS month_number
  FROM grouped
),
trailing_sums AS (
  SELECT *,
    sum(billed) OVER (PARTITION BY dimension, dimension_value ORDER BY month_number RANGE BETWEEN 11 PRECEDING AND CURRENT ROW) AS billed_12m,
    sum(billed) OVER (PARTITION BY dimension, dimension_value ORDER BY month_number RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) AS billed_3m,
    -- days in the trailing three calendar months ending with this one
    CAST(date_diff('day', CAST(CAST(period || '-01' AS DATE) - INTERVAL 2 MONTH AS DATE), last_day(CAST(period || '-01' AS DATE))) + 1 AS INTEGER) AS days_3m
  FROM wide
),
kpis AS (
  SELECT period, dimension, dimension_value,
    billed, collected,
    CAST(due_paid / nullif(due_owed, 0) AS DOUBLE) AS on_time_collection_rate,
    CAST(to_date_paid / nullif(to_date_owed, 0) AS DOUBLE) AS collection_rate_to_date,
    arrears,
    CAST(arrears / nullif(billed_12m, 0) AS DOUBLE) AS arrears_ratio,
    CAST(outstanding / nullif(billed_3m, 0) * days_3m AS DOUBLE) AS days_sales_outstanding,
    outstanding,
    CAST(employers_paid / nullif(employers_owing, 0) AS DOUBLE) AS employers_paying_on_time_share,
    CAST(adjustments_absolute / nullif(billed, 0) AS DOUBLE) AS adjustment_rate,
    CAST(invoices_manual / nullif(invoices_issued, 0) AS DOUBLE) AS manual_posting_rate,
    late_fee_billed, late_fee_waived, credit_balances_held, coverage_gaps
  FROM trailing_sums
),
names(kpi, unit) AS (
  VALUES ('billed', 'SAR'), ('collected', 'SAR'), ('on_time_collection_rate', 'ratio'), ('collection_rate_to_date', 'ratio'),
         ('arrears', 'SAR'), ('arrears_ratio', 'ratio'), ('days_sales_outstanding', 'days'), ('outstanding', 'SAR'),
         ('employers_paying_on_time_share', 'ratio'), ('adjustment_rate', 'ratio'), ('manual_posting_rate', 'ratio'),
         ('late_fee_billed', 'SAR'), ('late_fee_waived', 'SAR'), ('credit_balances_held', 'SAR'), ('coverage_gaps', 'count')
),
-- Compliance (rules.md §5) and collections by payment channel. These are counts of employer-months
-- and medians of payments, not sums of core.kpi_measures, so they are cut here from one row per
-- obligation or payment, by the same dimensions (the employer's, from core.kpi_measures, that month).
compliance_facts AS (
  -- every employer-month with an obligation; its payment is counted once judged (its due date passed),
  -- never as late before it is due
  SELECT 'compliance' AS series, c.period, c.declared_on_time, c.paid_in_full_by_due, c.compliant, c.payment_judged,
    coalesce(m.region, e.region, 'unknown') AS region, coalesce(m.sector, e.sector, 'unknown') AS sector,
    coalesce(m.legal_form, e.legal_form, 'unknown') AS legal_form, coalesce(m.size_class, 'unknown') AS size_class
  FROM marts.compliance_monthly AS c
  JOIN (SELECT DISTINCT period FROM core.kpi_measures) AS months ON months.period = c.period
  LEFT JOIN core.kpi_measures AS m ON m.employer_id = c.employer_id AND m.period = c.period
  LEFT JOIN staging.stg_employers AS e ON e.employer_id = c.employer_id
),
payment_facts AS (
  -- a payment counts in the month received and, reversed, against the month of its reversal, as
  -- collected does (so the channels add up to it); days from due: from the due date of the
  -- contribution invoice it names, for payments not reversed as of D (money in the pool has no due date)
  SELECT p.employer_id, p.channel AS series, strftime(p.paid_on, '%Y-%m') AS period, p.amount AS collected, true AS received,
    coalesce(p.reversed_on <= getvariable('as_of'), false) AS reversed,
    CASE WHEN p.reversed_on IS NULL OR p.reversed_on > getvariable('as_of') THEN date_diff('day', i.due_on, p.paid_on) END AS days_from_due
  FROM staging.stg_payments AS p
  LEFT JOIN staging.stg_invoices AS i
    ON i.invoice_id = p.named_invoice_id AND i.employer_id = p.employer_id AND i.invoice_type = 'contribution'
  UNION ALL
  SELECT employer_id, channel, strftime(reversed_on, '%Y-%m'), -amount, false, false, NULL
  FROM staging.stg_payments WHERE reversed_on IS NOT NULL
),
facts AS (
  SELECT f.*, m.region, m.sector, m.legal_form, m.size_class
  FROM payment_facts AS f JOIN core.kpi_measures AS m ON m.employer_id = f.employer_id AND m.period = f.period
  UNION ALL BY NAME
  SELECT * FROM compliance_facts
),
facts_grouped AS (
  SELECT period, series,
    CASE WHEN grouping(region) = 0 THEN 'region' WHEN grouping(sector) = 0 THEN 'sector'
         WHEN grouping(size_class) = 0 THEN 'size_class' WHEN grouping(legal_form) = 0 THEN 'legal_form' ELSE 'all' END AS dimension,
    CASE WHEN grouping(region) = 0 THEN region WHEN grouping(sector) = 0 THEN sector
         WHEN grouping(size_class) = 0 THEN size_class WHEN grouping(legal_form) = 0 THEN legal_form ELSE 'all' END AS dimension_value,
    count(*) FILTER (WHERE series = 'compliance') AS obliged,
    count(*) FILTER (WHERE declared_on_time) AS declared_on_time,
    count(*) FILTER (WHERE payment_judged) AS judged,
    count(*) FILTER (WHERE payment_judged AND paid_in_full_by_due) AS paid_by_due,
    count(*) FILTER (WHERE payment_judged AND compliant) AS compliant,
    sum(collected) AS collected,
    count(*) FILTER (WHERE received) AS received,
    count(*) FILTER (WHERE received AND reversed) AS reversed,
    -- the median, not the mean: a few payments of year-old arrears would swamp a mean
    median(days_from_due) AS days_from_due
  FROM facts
  GROUP BY GROUPING SETS ((period, series), (period, series, region), (period, series, sector), (period, series, size_class),
    (period, series, legal_form))
),
fact_names(series, kpi, measure, unit) AS (
  VALUES ('compliance', 'compliance_rate', 'compliant', 'ratio'), ('compliance', 'declared_on_time_rate', 'declared_on_time', 'ratio'),
         ('compliance', 'paid_by_due_rate', 'paid_by_due', 'ratio'),
         ('sadad', 'collected_sadad', 'collected', 'SAR'), ('sadad', 'reversal_rate_sadad', 'reversed', 'ratio'),
         ('sadad', 'days_from_due_sadad', 'days_from_due', 'days'),
         ('bank_transfer', 'collected_bank_transfer', 'collected', 'SAR'),
         ('bank_transfer', 'reversal_rate_bank_transfer', 'reversed', 'ratio'),
         ('bank_transfer', 'days_from_due_bank_transfer', 'days_from_due', 'days'),
         ('cash', 'collected_cash', 'collected', 'SAR'), ('cash', 'reversal_rate_cash', 'reversed', 'ratio'),
         ('cash', 'days_from_due_cash', 'days_from_due', 'days'),
         ('cheque', 'collected_cheque', 'collected', 'SAR'), ('cheque', 'reversal_rate_cheque', 'reversed', 'ratio'),
         ('cheque', 'days_from_due_cheque', 'days_from_due', 'days')
),
fact_kpis AS (
  -- every month and group the other KPIs have, so a channel with no payment shows 0 collected, not a gap
  SELECT k.period, n.kpi, k.dimension, k.dimension_value,
    CAST(CASE n.measure
      WHEN 'compliant' THEN round(g.compliant / nullif(g.judged, 0), 6)
      WHEN 'declared_on_time' THEN round(g.declared_on_time / nullif(g.obliged, 0), 6)
      WHEN 'paid_by_due' THEN round(g.paid_by_due / nullif(g.judged, 0), 6)
      WHEN 'collected' THEN coalesce(g.collected, 0)
      WHEN 'reversed' THEN round(g.reversed / nullif(g.received, 0), 6)
      WHEN 'days_from_due' THEN round(g.days_from_due, 6)
    END AS DECIMAL(24,6)) AS value,
    n.unit
  FROM kpis AS k CROSS JOIN fact_names AS n
  LEFT JOIN facts_grouped AS g
    ON g.period = k.period AND g.series = n.series AND g.dimension = k.dimension AND g.dimension_value = k.dimension_value
)
SELECT
  k.period, n.kpi, k.dimension, k.dimension_value,
  -- money stays an exact decimal sum; ratios and days are rounded to 6 decimals
  CAST(CASE n.kpi
    WHEN 'billed' THEN k.billed
    WHEN 'collected' THEN k.collected
    WHEN 'on_time_collection_rate' THEN round(k.on_time_collection_rate, 6)
    WHEN 'collection_rate_to_date' THEN round(k.collection_rate_to_date, 6)
    WHEN 'arrears' THEN k.arrears
    WHEN 'arrears_ratio' THEN round(k.arrears_ratio, 6)
    WHEN 'days_sales_outstanding' THEN round(k.days_sales_outstanding, 6)
    WHEN 'outstanding' THEN k.outstanding
    WHEN 'employers_paying_on_time_share' THEN round(k.employers_paying_on_time_share, 6)
    WHEN 'adjustment_rate' THEN round(k.adjustment_rate, 6)
    WHEN 'manual_posting_rate' THEN round(k.manual_posting_rate, 6)
    WHEN 'late_fee_billed' THEN k.late_fee_billed
    WHEN 'late_fee_waived' THEN k.late_fee_waived
    WHEN 'credit_balances_held' THEN k.credit_balances_held
    WHEN 'coverage_gaps' THEN k.coverage_gaps
  END AS DECIMAL(24,6)) AS value,
  n.unit
FROM kpis AS k CROSS JOIN names AS n
-- objections (rules.md §6): computed by month and dimension in their own model
UNION ALL
SELECT period, kpi, dimension, dimension_value, value, unit FROM core.kpi_objections
UNION ALL
SELECT period, kpi, dimension, dimension_value, value, unit FROM fact_kpis
