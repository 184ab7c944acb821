/*
description: >
  Each employer's open amount as of every month-end and the as-of date, aged by days past due
  (D − due_on) into the buckets of rules.md §4 (edges from arrears.ageing_bucket_edges: the column
  names are those of the default edges 30, 60, 90, 180, 365), the part under an undecided objection,
  and the severity of the arrears: the first rule that holds of critical / high / medium / low /
  none, with the tolerance (a past-due total under arrears.tolerance is severity none).
description_ar: >
  المبلغ القائم لكل منشأة في كل نهاية شهر وفي التاريخ المرجعي، موزعًا حسب أيام التأخر على شرائح أعمار
  الديون، مع الجزء محل اعتراض قائم ودرجة خطورة المتأخرات (حرجة أو عالية أو متوسطة أو منخفضة أو لا
  شيء)؛ والمتأخرات دون حد التسامح درجتها لا شيء.
grain: one row per employer_id and as_of
materialized: table
params:
  arrears_tolerance: decimal
  arrears_severity_critical_over_days: integer
  arrears_severity_critical_past_due_at_least: decimal
  arrears_severity_high_over_days: integer
  arrears_severity_high_past_due_at_least: decimal
  arrears_severity_medium_over_days: integer
  arrears_severity_medium_past_due_at_least: decimal
columns:
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  as_of:
    description: Month-end or the build's as-of date.
    description_ar: نهاية الشهر أو التاريخ المرجعي للبناء.
  outstanding:
    description: Open amount after allocation (equals marts.employer_balance.outstanding).
    description_ar: المبلغ القائم بعد التخصيص (يساوي outstanding في marts.employer_balance).
  not_due:
    description: Open amount not yet due (days past due ≤ 0).
    description_ar: القائم الذي لم يحل استحقاقه بعد.
  d1_30:
    description: Open amount 1 to 30 days past due.
    description_ar: القائم المتأخر من 1 إلى 30 يومًا.
  d31_60:
    description: Open amount 31 to 60 days past due.
    description_ar: القائم المتأخر من 31 إلى 60 يومًا.
  d61_90:
    description: Open amount 61 to 90 days past due.
    description_ar: القائم المتأخر من 61 إلى 90 يومًا.
  d91_180:
    description: Open amount 91 to 180 days past due.
    description_ar: القائم المتأخر من 91 إلى 180 يومًا.
  d181_365:
    description: Open amount 181 to 365 days past due.
    description_ar: القائم المتأخر من 181 إلى 365 يومًا.
  over_365:
    description: Open amount more than 365 days past due.
    description_ar: القائم المتأخر أكثر من 365 يومًا.
  past_due:
    description: Open amount with due_on before D (all buckets but not_due).
    description_ar: "المتأخرات: القائم الذي تجاوز تاريخ استحقاقه (كل الشرائح عدا غير المستحق)."
  disputed:
    description: Whole open amount of each invoice with an objection submitted on or before D and undecided at D, counted once.
    description_ar: كامل القائم على كل فاتورة عليها اعتراض قُدّم حتى التاريخ ولم يُبتّ فيه، محسوبًا مرة واحدة.
  max_days_past_due:
    description: Days past due of the oldest open item (null when nothing is open).
    description_ar: أيام تأخر أقدم بند قائم (فارغ إن لم يكن هناك قائم).
  severity:
    description: critical, high, medium, low or none.
    description_ar: "درجة الخطورة: حرجة أو عالية أو متوسطة أو منخفضة أو لا شيء."
tests:
  - unique: [employer_id, as_of]
  - not_null: [employer_id, as_of, outstanding, severity]
  - expression: not_due + d1_30 + d31_60 + d61_90 + d91_180 + d181_365 + over_365 = outstanding
    name: sum of buckets = outstanding
  - expression: disputed >= 0 AND disputed <= outstanding
  - accepted_values: {column: severity, values: [critical, high, medium, low, none]}
  - reconciles: {sum: outstanding, by: [employer_id, as_of], equals: {model: marts.employer_balance, sum: outstanding}}
    name: outstanding = employer_balance.outstanding, per employer
*/
WITH balances AS (
  -- the open items summed once per employer and date (core.ledger_arrears), back from halalas to SAR
  SELECT b.employer_id, b.as_of, a.max_days_past_due,
    coalesce(a.outstanding_h, 0) * 0.01 AS outstanding, coalesce(a.not_due_h, 0) * 0.01 AS not_due,
    coalesce(a.b1_h, 0) * 0.01 AS b1, coalesce(a.b2_h, 0) * 0.01 AS b2, coalesce(a.b3_h, 0) * 0.01 AS b3,
    coalesce(a.b4_h, 0) * 0.01 AS b4, coalesce(a.b5_h, 0) * 0.01 AS b5, coalesce(a.b6_h, 0) * 0.01 AS b6,
    coalesce(a.past_due_h, 0) * 0.01 AS past_due, coalesce(a.disputed_h, 0) * 0.01 AS disputed
  FROM marts.employer_balance AS b
  JOIN core.ledger_employers AS e ON e.employer_id = b.employer_id
  LEFT JOIN core.ledger_arrears AS a ON a.as_of = b.as_of AND a.employer_key = e.employer_key
)
SELECT
  employer_id, as_of,
  CAST(outstanding AS DECIMAL(18,2)) AS outstanding,
  CAST(not_due AS DECIMAL(18,2)) AS not_due,
  CAST(b1 AS DECIMAL(18,2)) AS d1_30,
  CAST(b2 AS DECIMAL(18,2)) AS d31_60,
  CAST(b3 AS DECIMAL(18,2)) AS d61_90,
  CAST(b4 AS DECIMAL(18,2)) AS d91_180,
  CAST(b5 AS DECIMAL(18,2)) AS d181_365,
  CAST(b6 AS DECIMAL(18,2)) AS over_365,
  CAST(past_due AS DECIMAL(18,2)) AS past_due,
  CAST(disputed AS DECIMAL(18,2)) AS disputed,
  max_days_past_due,
  CASE
    WHEN past_due <= 0 THEN 'none'
    WHEN past_due < getvariable('arrears_tolerance') THEN 'none'
    WHEN max_days_past_due > getvariable('arrears_severity_critical_over_days')
      OR past_due >= getvariable('arrears_severity_critical_past_due_at_least') THEN 'critical'
    WHEN max_days_past_due > getvariable('arrears_severity_high_over_days')
      OR past_due >= getvariable('arrears_severity_high_past_due_at_least') THEN 'high'
    WHEN max_days_past_due > getvariable('arrears_severity_medium_over_days')
      OR past_due >= getvariable('arrears_severity_medium_past_due_at_least') THEN 'medium'
    ELSE 'low'
  END AS severity
FROM balances
