/*
description: >
  The objection KPIs of marts.kpi_monthly (rules.md §6), in its long shape: by month, overall and by
  the objecting employer's region, sector, size class and legal form that month (core.kpi_measures),
  from marts.dispute_lifecycle as of D. Each KPI counts an objection in one month: objections per
  1,000 invoices in the month it was submitted (against the invoices issued that month); days to
  decision, the service-level breach rate and the shares decided in the employer's favour in the
  month it was decided (closed_on), over the objections decided that month; the open backlog at the
  month's snapshot day (its last day, or D for the as-of month): submitted on or before it and not
  decided by it. Days to decision is the median of age_days, leaving out decisions dated before their
  submission (no duration to speak of; the Data health page counts them). In the employer's favour:
  outcome accepted or partially_accepted; by amount, what they conceded (resolved_amount) over what
  the month's decided objections contested. A ratio whose denominator is zero is null; the median of
  no decision is null.
description_ar: >
  مؤشرات الاعتراضات في marts.kpi_monthly لكل شهر، إجمالًا وحسب منطقة المنشأة المعترضة وقطاعها وفئة
  حجمها وشكلها القانوني: الاعتراضات لكل 1,000 فاتورة في شهر تقديمها، ووسيط أيام البتّ ونسبة تجاوز
  مستوى الخدمة وحصة ما قُبل لصالح المنشأة عددًا ومبلغًا في شهر البتّ، والاعتراضات القائمة ومبالغها في
  آخر يوم من الشهر.
grain: one row per period, kpi, dimension and dimension_value
materialized: table
params:
  as_of: date
columns:
  period:
    description: Month YYYY-MM.
    description_ar: الشهر YYYY-MM.
  kpi:
    description: KPI key, as in the KPI catalogue.
    description_ar: مفتاح المؤشر كما في فهرس المؤشرات.
  dimension:
    description: all, region, sector, size_class or legal_form.
    description_ar: "البُعد: الكل أو المنطقة أو القطاع أو فئة الحجم أو الشكل القانوني."
  dimension_value:
    description: The group (all for dimension all).
    description_ar: قيمة البُعد (all للبُعد الكلي).
  value:
    description: The KPI's value.
    description_ar: قيمة المؤشر.
  unit:
    description: SAR, ratio, days, count or per_1000.
    description_ar: "الوحدة: ريال أو نسبة أو أيام أو عدد أو لكل 1,000."
tests:
  - unique: [period, kpi, dimension, dimension_value]
  - not_null: [period, kpi, dimension, dimension_value, unit]
  - expression: value IS NULL OR value >= 0
*/
WITH months AS (
  SELECT DISTINCT period, CAST(least(last_day(CAST(period || '-01' AS DATE)), getvariable('as_of')) AS DATE) AS snapshot_day
  FROM core.kpi_measures
),
objections AS (
  SELECT employer_id, submitted_on, closed_on, age_days, sla_breached, outcome, disputed_amount, resolved_amount, decided_before_submission
  FROM marts.dispute_lifecycle
),
-- what each objection adds, in each month it counts in
parts AS (
  SELECT employer_id, strftime(submitted_on, '%Y-%m') AS period, 1 AS submitted FROM objections
  UNION ALL BY NAME
  SELECT employer_id, strftime(closed_on, '%Y-%m') AS period, 1 AS decided, CAST(sla_breached AS INTEGER) AS breached,
    CAST(outcome IN ('accepted', 'partially_accepted') AS INTEGER) AS favoured, disputed_amount AS decided_disputed,
    CASE WHEN outcome IN ('accepted', 'partially_accepted') THEN coalesce(resolved_amount, 0) ELSE 0 END AS conceded,
    CASE WHEN NOT decided_before_submission THEN age_days END AS days_to_decision
  FROM objections WHERE closed_on IS NOT NULL
  UNION ALL BY NAME
  SELECT o.employer_id, m.period, 1 AS open, o.disputed_amount AS open_amount
  FROM objections AS o JOIN months AS m ON o.submitted_on <= m.snapshot_day AND (o.closed_on IS NULL OR o.closed_on > m.snapshot_day)
),
-- each objection's part placed in its employer's groups that month; the invoices issued come with theirs
placed AS (
  SELECT p.*, coalesce(k.region, 'unknown') AS region, coalesce(k.sector, 'unknown') AS sector,
    coalesce(k.legal_form, 'unknown') AS legal_form, coalesce(k.size_class, 'unknown') AS size_class
  FROM parts AS p
  JOIN months AS m ON m.period = p.period
  LEFT JOIN core.kpi_measures AS k ON k.employer_id = p.employer_id AND k.period = p.period
  UNION ALL BY NAME
  SELECT employer_id, period, invoices_issued, region, sector, legal_form, size_class FROM core.kpi_measures
),
grouped AS (
  SELECT period,
    CASE WHEN grouping(region) = 0 THEN 'region' WHEN grouping(sector) = 0 THEN 'sector'
         WHEN grouping(size_class) = 0 THEN 'size_class' WHEN grouping(legal_form) = 0 THEN 'legal_form' ELSE 'all' END AS dimension,
    CASE WHEN grouping(region) = 0 THEN region WHEN grouping(sector) = 0 THEN sector
         WHEN grouping(size_class) = 0 THEN size_class WHEN grouping(legal_form) = 0 THEN legal_form ELSE 'all' END AS dimension_value,
    coalesce(sum(submitted), 0) AS submitted, coalesce(sum(invoices_issued), 0) AS invoices_issued,
    coalesce(sum(decided), 0) AS decided, coalesce(sum(breached), 0) AS breached, coalesce(sum(favoured), 0) AS favoured,
    coalesce(sum(decided_disputed), 0) AS decided_disputed, coalesce(sum(conceded), 0) AS conceded,
    median(days_to_decision) AS median_days,
    coalesce(sum(open), 0) AS open, coalesce(sum(open_amount), 0) AS open_amount
  FROM placed
  GROUP BY GROUPING SETS ((period), (period, region), (period, sector), (period, size_class), (period, legal_form))
)
-- money stays an exact decimal sum; ratios and days are rounded to 6 decimals (each cast on its own: VALUES
-- would otherwise bring every row to one type, a double)
SELECT period, kpi, dimension, dimension_value, value, unit
FROM grouped,
  LATERAL (VALUES
    ('objections_per_1000_invoices', CAST(round(submitted * 1000 / nullif(invoices_issued, 0), 6) AS DECIMAL(24,6)), 'per_1000'),
    ('objection_days_to_decision', CAST(round(median_days, 6) AS DECIMAL(24,6)), 'days'),
    ('objection_sla_breach_rate', CAST(round(breached / nullif(decided, 0), 6) AS DECIMAL(24,6)), 'ratio'),
    ('objections_favoured_share', CAST(round(favoured / nullif(decided, 0), 6) AS DECIMAL(24,6)), 'ratio'),
    ('objections_favoured_amount_share', CAST(round(conceded / nullif(decided_disputed, 0), 6) AS DECIMAL(24,6)), 'ratio'),
    ('objection_backlog', CAST(open AS DECIMAL(24,6)), 'count'),
    ('objection_backlog_amount', CAST(open_amount AS DECIMAL(24,6)), 'SAR')
  ) AS k(kpi, value, unit)
