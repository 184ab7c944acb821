/*
description: >
  The additive pieces of the collection KPIs (marts.kpi_monthly), per employer and month, each with the employer's region, sector, legal form and size class that month. Months run
  from the first reporting month-end to the as-of month; a month's snapshot is taken at its last day,
  or at the as-of date for the as-of month. Flows: billed (invoices issued in the month, less invoices
  cancelled by a re-issue in the month), collected (payments received in the month, less payments
  reversed in the month), late fees billed and waived, absolute approved adjustments, invoices issued
  and manually posted. Period KPIs (the month's contribution invoices): owed and paid as of their due
  date and as of the as-of date, and whether the employer owed and paid in full by the due date.
  Snapshots: outstanding, past due and credit at the month's snapshot day. Coverage gaps.
description_ar: >
  المكونات القابلة للجمع لمؤشرات التحصيل، لكل منشأة وشهر، مع منطقة المنشأة وقطاعها وشكلها القانوني
  وفئة حجمها في ذلك الشهر: التدفقات (المفوتر والمحصل وغرامات التأخير المفوترة والمعفاة والتسويات
  والفواتير الصادرة والمرحّلة يدويًا)، ومؤشرات الفترة (المستحق والمسدد في تاريخ الاستحقاق وحتى التاريخ
  المرجعي)، واللقطات في آخر يوم من الشهر (القائم والمتأخرات والرصيد الدائن)، وفجوات التغطية.
grain: one row per employer_id and period
materialized: table
params:
  as_of: date
columns:
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  period:
    description: Month YYYY-MM.
    description_ar: الشهر YYYY-MM.
  billed:
    description: Invoices issued in the month less invoices cancelled by a re-issue in the month, SAR.
    description_ar: الفواتير الصادرة في الشهر مطروحًا منها ما ألغته إعادة إصدار في الشهر، بالريال.
  collected:
    description: Payments received in the month less payments reversed in the month, SAR.
    description_ar: المدفوعات المحصلة في الشهر مطروحًا منها المدفوعات المعكوسة فيه، بالريال.
  late_fee_billed:
    description: Late-fee invoices issued in the month, SAR.
    description_ar: فواتير غرامات التأخير الصادرة في الشهر، بالريال.
  late_fee_waived:
    description: Approved fee_waiver credits on late-fee invoices, approved in the month, SAR (positive).
    description_ar: إعفاءات غرامات التأخير المعتمدة في الشهر، بالريال (موجبة).
  adjustments_absolute:
    description: Absolute value of the adjustments approved in the month, SAR.
    description_ar: القيمة المطلقة للتسويات المعتمدة في الشهر، بالريال.
  invoices_issued:
    description: Invoices issued in the month.
    description_ar: عدد الفواتير الصادرة في الشهر.
  invoices_manual:
    description: Of them, posted manually.
    description_ar: عدد ما رُحّل منها يدويًا.
  due_owed:
    description: The month's contribution invoices, what they owed at the end of their due date, SAR.
    description_ar: المستحق على فواتير اشتراكات الشهر في نهاية يوم استحقاقها، بالريال.
  due_paid:
    description: Of that, paid by then, SAR.
    description_ar: ما سُدّد منه حتى ذلك اليوم، بالريال.
  employers_owing_at_due:
    description: 1 when the month's contribution invoice owed something at its due date.
    description_ar: واحد إذا كان على فاتورة اشتراكات الشهر مبلغ مستحق في تاريخ استحقاقها.
  employers_paid_by_due:
    description: 1 when it owed something and was paid in full by then.
    description_ar: واحد إذا كان عليها مستحق وسُدّد كاملًا حتى تاريخ الاستحقاق.
  to_date_owed:
    description: The month's contribution invoices, what they owe as of the as-of date, SAR.
    description_ar: المستحق على فواتير اشتراكات الشهر حتى التاريخ المرجعي، بالريال.
  to_date_paid:
    description: Of that, paid as of the as-of date, SAR.
    description_ar: ما سُدّد منه حتى التاريخ المرجعي، بالريال.
  outstanding:
    description: Open amount at the month's snapshot day, SAR.
    description_ar: المبلغ القائم في يوم اللقطة من الشهر، بالريال.
  past_due:
    description: Past-due open amount at the snapshot day, SAR.
    description_ar: المتأخرات (القائم الذي تجاوز تاريخ استحقاقه) في يوم اللقطة، بالريال.
  credit_balance:
    description: Credit balance at the snapshot day, SAR.
    description_ar: الرصيد الدائن في يوم اللقطة، بالريال.
  coverage_gaps:
    description: Engaged contributor-months with no wage declared.
    description_ar: عدد أشهر المشتركين المرتبطين بالمنشأة دون أجر مصرح به.
  region:
    description: Employer's region (current snapshot).
    description_ar: منطقة المنشأة (أحدث بيانات).
  sector:
    description: ISIC section (current snapshot).
    description_ar: قسم النشاط في التصنيف ISIC (أحدث بيانات).
  legal_form:
    description: Legal form (current snapshot).
    description_ar: الشكل القانوني (أحدث بيانات).
  size_class:
    description: Nitaqat size by contributors engaged that month (micro 1–9, small 10–49, medium 50–499, large 500–2999, giant 3000+; none when nobody is engaged).
    description_ar: فئة الحجم في نطاقات بعدد المشتركين في الشهر (صغيرة جدًا 1–9، صغيرة 10–49، متوسطة 50–499، كبيرة 500–2999، عملاقة 3000 فأكثر؛ none إن لم يوجد مشترك).
tests:
  - not_null: [employer_id, period, billed, collected]
  - unique: [employer_id, period]
*/
WITH months AS (
  SELECT strftime(m, '%Y-%m') AS period, CAST(least(last_day(m), getvariable('as_of')) AS DATE) AS snapshot_day
  FROM (SELECT min(as_of) AS first_day FROM core.ledger_dates WHERE is_month_end OR is_as_of) AS f,
       unnest(generate_series(CAST(date_trunc('month', f.first_day) AS DATE), CAST(getvariable('as_of') AS DATE), INTERVAL 1 MONTH)) AS t(m)
),
-- Each source is summed by employer and month into its own columns first; the months are then one
-- plain sum over those few rows per source (one FILTER per measure over every row cost more than the
-- rest of the build of this model).
invoices_issued AS (
  SELECT employer_id, strftime(issued_on, '%Y-%m') AS period,
    sum(total_amount) AS billed, sum(total_amount) FILTER (WHERE invoice_type = 'late_fee') AS late_fee_billed,
    count(*) AS invoices_issued, count(*) FILTER (WHERE posting = 'manual') AS invoices_manual
  FROM staging.stg_invoices GROUP BY ALL
),
invoices_cancelled AS (
  SELECT employer_id, strftime(cancelled_from, '%Y-%m') AS period, -sum(total_amount) AS billed
  FROM staging.stg_invoices WHERE cancelled_from IS NOT NULL GROUP BY ALL
),
payments_received AS (
  SELECT employer_id, strftime(paid_on, '%Y-%m') AS period, sum(amount) AS collected FROM staging.stg_payments GROUP BY ALL
),
payments_reversed AS (
  SELECT employer_id, strftime(reversed_on, '%Y-%m') AS period, -sum(amount) AS collected
  FROM staging.stg_payments WHERE reversed_on IS NOT NULL GROUP BY ALL
),
adjustments AS (
  SELECT i.employer_id, strftime(a.approved_on, '%Y-%m') AS period, sum(abs(a.amount)) AS adjustments_absolute,
    -sum(a.amount) FILTER (WHERE a.reason_code = 'fee_waiver' AND i.invoice_type = 'late_fee') AS late_fee_waived
  FROM staging.stg_adjustments AS a JOIN staging.stg_invoices AS i ON i.invoice_id = a.invoice_id
  WHERE a.approved_on IS NOT NULL GROUP BY ALL
),
by_due_date AS (
  -- each month's contribution invoice as it stood at the end of its due date
  SELECT employer_id, period, sum(greatest(owed, 0)) AS due_owed, sum(greatest(owed, 0) - open_amount) AS due_paid
  FROM core.ledger_items WHERE invoice_type = 'contribution' AND as_of = due_on
  GROUP BY employer_id, period
),
on_time AS (
  SELECT employer_id, period, due_owed, due_paid,
    CASE WHEN due_owed > 0 THEN 1 ELSE 0 END AS employers_owing_at_due,
    CASE WHEN due_owed > 0 AND due_paid = due_owed THEN 1 ELSE 0 END AS employers_paid_by_due
  FROM by_due_date
),
to_date AS (
  SELECT employer_id, period, sum(greatest(owed, 0)) AS to_date_owed, sum(greatest(owed, 0) - open_amount) AS to_date_paid
  FROM core.ledger_items WHERE invoice_type = 'contribution' AND as_of = getvariable('as_of')
  GROUP BY employer_id, period
),
balances AS (
  SELECT b.employer_id, m.period, b.outstanding, b.credit_balance
  FROM marts.employer_balance AS b JOIN months AS m ON m.snapshot_day = b.as_of
),
arrears AS (
  SELECT a.employer_id, m.period, a.past_due FROM marts.arrears_ageing AS a JOIN months AS m ON m.snapshot_day = a.as_of
),
gaps AS (
  SELECT employer_id, period, count(*) AS coverage_gaps FROM marts.coverage_gaps GROUP BY employer_id, period
),
measures AS (
  SELECT x.employer_id, x.period,
    CAST(coalesce(sum(x.billed), 0) AS DECIMAL(38,2)) AS billed,
    CAST(coalesce(sum(x.collected), 0) AS DECIMAL(38,2)) AS collected,
    CAST(coalesce(sum(x.late_fee_billed), 0) AS DECIMAL(38,2)) AS late_fee_billed,
    CAST(coalesce(sum(x.late_fee_waived), 0) AS DECIMAL(38,2)) AS late_fee_waived,
    CAST(coalesce(sum(x.adjustments_absolute), 0) AS DECIMAL(38,2)) AS adjustments_absolute,
    CAST(coalesce(sum(x.invoices_issued), 0) AS DECIMAL(38,2)) AS invoices_issued,
    CAST(coalesce(sum(x.invoices_manual), 0) AS DECIMAL(38,2)) AS invoices_manual,
    CAST(coalesce(sum(x.due_owed), 0) AS DECIMAL(38,2)) AS due_owed,
    CAST(coalesce(sum(x.due_paid), 0) AS DECIMAL(38,2)) AS due_paid,
    CAST(coalesce(sum(x.employers_owing_at_due), 0) AS DECIMAL(38,2)) AS employers_owing_at_due,
    CAST(coalesce(sum(x.employers_paid_by_due), 0) AS DECIMAL(38,2)) AS employers_paid_by_due,
    CAST(coalesce(sum(x.to_date_owed), 0) AS DECIMAL(38,2)) AS to_date_owed,
    CAST(coalesce(sum(x.to_date_paid), 0) AS DECIMAL(38,2)) AS to_date_paid,
    CAST(coalesce(sum(x.outstanding), 0) AS DECIMAL(38,2)) AS outstanding,
    CAST(coalesce(sum(x.past_due), 0) AS DECIMAL(38,2)) AS past_due,
    CAST(coalesce(sum(x.credit_balance), 0) AS DECIMAL(38,2)) AS credit_balance,
    CAST(coalesce(sum(x.coverage_gaps), 0) AS DECIMAL(38,2)) AS coverage_gaps
  FROM (
    SELECT * FROM invoices_issued UNION ALL BY NAME SELECT * FROM invoices_cancelled
    UNION ALL BY NAME SELECT * FROM payments_received UNION ALL BY NAME SELECT * FROM payments_reversed
    UNION ALL BY NAME SELECT * FROM adjustments UNION ALL BY NAME SELECT * FROM on_time
    UNION ALL BY NAME SELECT * FROM to_date UNION ALL BY NAME SELECT * FROM balances
    UNION ALL BY NAME SELECT * FROM arrears UNION ALL BY NAME SELECT * FROM gaps
  ) AS x
  JOIN months AS m ON m.period = x.period
  GROUP BY x.employer_id, x.period
),
engaged AS (
  SELECT employer_id, period, count(DISTINCT contributor_id) AS contributors FROM core.engagement_months GROUP BY employer_id, period
)
SELECT
  ms.*,
  coalesce(e.region, 'unknown') AS region, coalesce(e.sector, 'unknown') AS sector, coalesce(e.legal_form, 'unknown') AS legal_form,
  CASE WHEN coalesce(g.contributors, 0) = 0 THEN 'none' WHEN g.contributors < 10 THEN 'micro' WHEN g.contributors < 50 THEN 'small'
       WHEN g.contributors < 500 THEN 'medium' WHEN g.contributors < 3000 THEN 'large' ELSE 'giant' END AS size_class
FROM measures AS ms
LEFT JOIN staging.stg_employers AS e ON e.employer_id = ms.employer_id
LEFT JOIN engaged AS g ON g.employer_id = ms.employer_id AND g.period = ms.period
