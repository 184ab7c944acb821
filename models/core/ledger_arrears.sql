/*
description: >
  Each employer's open items on each reporting date (month-ends and the as-of date), summed the ways
  the arrears marts read them (rules.md §4): by days past due (D − due_on) into the buckets of
  arrears.ageing_bucket_edges, the part under an objection submitted on or before D and undecided at
  D (each invoice once), and the undisputed past-due part with its oldest due date. One pass over
  the stored items (core.ledger_item_amounts) for marts.arrears_ageing and
  marts.suspension_candidates. Whole halalas.
description_ar: >
  البنود القائمة لكل منشأة في كل تاريخ تقرير (نهايات الأشهر والتاريخ المرجعي) مجمّعة كما تقرؤها جداول
  المتأخرات: حسب أيام التأخر في شرائح أعمار الديون، والجزء محل اعتراض قائم، والجزء المتأخر غير المعترض
  عليه مع أقدم تاريخ استحقاق له. بالهللات الصحيحة.
grain: one row per as_of and employer_key with an open item on a reporting date
materialized: table
params:
  arrears_ageing_bucket_edges: varchar
columns:
  as_of:
    description: Reporting date.
    description_ar: تاريخ التقرير.
  employer_key:
    description: Employer (core.ledger_employers.employer_key).
    description_ar: المنشأة (employer_key في core.ledger_employers).
  outstanding_h:
    description: Open amount, halalas.
    description_ar: المبلغ القائم، بالهللات.
  not_due_h:
    description: Open amount not yet due (days past due ≤ 0), halalas.
    description_ar: القائم الذي لم يحل استحقاقه بعد، بالهللات.
  b1_h:
    description: Open amount 1 day to the first edge past due, halalas.
    description_ar: القائم المتأخر من يوم واحد حتى الحد الأول، بالهللات.
  b2_h:
    description: Open amount past the first edge up to the second, halalas.
    description_ar: القائم المتأخر بعد الحد الأول حتى الحد الثاني، بالهللات.
  b3_h:
    description: Open amount past the second edge up to the third, halalas.
    description_ar: القائم المتأخر بعد الحد الثاني حتى الحد الثالث، بالهللات.
  b4_h:
    description: Open amount past the third edge up to the fourth, halalas.
    description_ar: القائم المتأخر بعد الحد الثالث حتى الحد الرابع، بالهللات.
  b5_h:
    description: Open amount past the fourth edge up to the fifth, halalas.
    description_ar: القائم المتأخر بعد الحد الرابع حتى الحد الخامس، بالهللات.
  b6_h:
    description: Open amount past the fifth edge, halalas.
    description_ar: القائم المتأخر بعد الحد الخامس، بالهللات.
  past_due_h:
    description: Open amount with due_on before D, halalas.
    description_ar: القائم الذي تجاوز تاريخ استحقاقه، بالهللات.
  disputed_h:
    description: Open amount of invoices under an undecided objection, halalas.
    description_ar: القائم على فواتير عليها اعتراض لم يُبتّ فيه، بالهللات.
  max_days_past_due:
    description: Days past due of the oldest open item.
    description_ar: أيام تأخر أقدم بند قائم.
  past_due_undisputed_h:
    description: Past-due open amount of invoices with no undecided objection, halalas.
    description_ar: المتأخرات على فواتير لا اعتراض قائمًا عليها، بالهللات.
  oldest_undisputed_due_on:
    description: Due date of the oldest undisputed past-due open item.
    description_ar: تاريخ استحقاق أقدم بند متأخر غير معترض عليه.
tests:
  - unique: [as_of, employer_key]
  - expression: not_due_h + b1_h + b2_h + b3_h + b4_h + b5_h + b6_h = outstanding_h
    name: sum of buckets = outstanding
*/
WITH edges AS (
  SELECT e[1] AS e1, e[2] AS e2, e[3] AS e3, e[4] AS e4, e[5] AS e5
  FROM (SELECT from_json(getvariable('arrears_ageing_bucket_edges'), '["INTEGER"]') AS e)
),
undecided AS (
  SELECT DISTINCT d.as_of, i.invoice_key
  FROM core.ledger_dates AS d
  JOIN staging.stg_disputes AS s
    ON s.submitted_on <= d.as_of AND coalesce(s.decided_on, DATE '9999-12-31') > d.as_of
  JOIN staging.stg_invoices AS i ON i.invoice_id = s.invoice_id
  WHERE d.is_reporting
),
items AS (
  SELECT i.as_of, i.employer_key, i.open_h, i.due_on, CAST(i.as_of - i.due_on AS INTEGER) AS days_past_due,
         u.invoice_key IS NOT NULL AS disputed
  FROM core.ledger_item_amounts AS i
  JOIN core.ledger_dates AS d ON d.as_of = i.as_of AND d.is_reporting
  LEFT JOIN undecided AS u ON u.as_of = i.as_of AND u.invoice_key = i.invoice_key
  WHERE i.open_h > 0
)
-- sums back to BIGINT: DuckDB sums BIGINT into HUGEINT, which it stores and reads far more slowly
SELECT i.as_of, i.employer_key,
  CAST(sum(open_h) AS BIGINT) AS outstanding_h,
  CAST(coalesce(sum(open_h) FILTER (WHERE days_past_due <= 0), 0) AS BIGINT) AS not_due_h,
  CAST(coalesce(sum(open_h) FILTER (WHERE days_past_due BETWEEN 1 AND e1), 0) AS BIGINT) AS b1_h,
  CAST(coalesce(sum(open_h) FILTER (WHERE days_past_due > e1 AND days_past_due <= e2), 0) AS BIGINT) AS b2_h,
  CAST(coalesce(sum(open_h) FILTER (WHERE days_past_due > e2 AND days_past_due <= e3), 0) AS BIGINT) AS b3_h,
  CAST(coalesce(sum(open_h) FILTER (WHERE days_past_due > e3 AND days_past_due <= e4), 0) AS BIGINT) AS b4_h,
  CAST(coalesce(sum(open_h) FILTER (WHERE days_past_due > e4 AND days_past_due <= e5), 0) AS BIGINT) AS b5_h,
  CAST(coalesce(sum(open_h) FILTER (WHERE days_past_due > e5), 0) AS BIGINT) AS b6_h,
  CAST(coalesce(sum(open_h) FILTER (WHERE days_past_due > 0), 0) AS BIGINT) AS past_due_h,
  CAST(coalesce(sum(open_h) FILTER (WHERE disputed), 0) AS BIGINT) AS disputed_h,
  max(days_past_due) AS max_days_past_due,
  CAST(coalesce(sum(open_h) FILTER (WHERE days_past_due > 0 AND NOT disputed), 0) AS BIGINT) AS past_due_undisputed_h,
  min(due_on) FILTER (WHERE days_past_due > 0 AND NOT disputed) AS oldest_undisputed_due_on
FROM items AS i CROSS JOIN edges
GROUP BY i.as_of, i.employer_key
