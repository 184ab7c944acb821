/*
description: >
  Employers to consider for suspension (rules.md §4) as of every month-end and the as-of date: an
  active establishment (current snapshot) whose undisputed past-due amount is at least
  arrears.suspension.min_past_due, part of it more than arrears.suspension.over_days past due, whose
  past-due total is not under the tolerance, and with no instalment plan whose latest status is
  active and that was agreed on or before D. Undisputed: invoices without an objection undecided at D.
description_ar: >
  المنشآت المرشحة للإيقاف في كل نهاية شهر وفي التاريخ المرجعي: منشأة نشطة متأخراتها غير المعترض عليها
  لا تقل عن الحد الأدنى وجزء منها تجاوز عدد الأيام المحدد، ومتأخراتها ليست دون حد التسامح، وليس لها
  خطة تقسيط نشطة متفق عليها حتى ذلك التاريخ.
grain: one row per employer_id and as_of (candidates only)
materialized: table
params:
  arrears_tolerance: decimal
  arrears_suspension_min_past_due: decimal
  arrears_suspension_over_days: integer
columns:
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  as_of:
    description: Month-end or the build's as-of date.
    description_ar: نهاية الشهر أو التاريخ المرجعي للبناء.
  past_due_undisputed:
    description: Open amount past due on invoices with no undecided objection.
    description_ar: المتأخرات على فواتير لا اعتراض قائمًا عليها.
  oldest_due_on:
    description: Due date of the oldest open undisputed past-due invoice.
    description_ar: تاريخ استحقاق أقدم فاتورة متأخرة غير معترض عليها.
  days_past_due:
    description: as_of − oldest_due_on.
    description_ar: "أيام التأخر: التاريخ ناقص أقدم تاريخ استحقاق."
  reason:
    description: The facts behind the listing, in words.
    description_ar: الوقائع التي أوجبت الإدراج، نصًا.
tests:
  - unique: [employer_id, as_of]
  - not_null: [employer_id, as_of, past_due_undisputed, oldest_due_on, reason]
  - relationships: {column: employer_id, to: marts.arrears_ageing}
*/
WITH undisputed AS (
  -- the open items summed once per employer and date (core.ledger_arrears)
  SELECT a.as_of, e.employer_id,
         a.past_due_undisputed_h * 0.01 AS past_due_undisputed,
         a.oldest_undisputed_due_on AS oldest_due_on,
         a.as_of - a.oldest_undisputed_due_on AS days_past_due
  FROM core.ledger_arrears AS a
  JOIN core.ledger_employers AS e ON e.employer_key = a.employer_key
  WHERE a.past_due_undisputed_h > 0
),
planned AS (
  SELECT DISTINCT d.as_of, p.employer_id
  FROM core.ledger_dates AS d
  JOIN raw.instalment_plans_current AS p ON p.status = 'active' AND p.agreed_on <= d.as_of
  WHERE d.is_reporting
)
SELECT
  u.employer_id, u.as_of,
  CAST(u.past_due_undisputed AS DECIMAL(18,2)) AS past_due_undisputed,
  u.oldest_due_on,
  CAST(u.days_past_due AS INTEGER) AS days_past_due,
  format('undisputed past due {} SAR, oldest due {} ({} days); active establishment with no active instalment plan',
         CAST(CAST(u.past_due_undisputed AS DECIMAL(18,2)) AS VARCHAR), strftime(u.oldest_due_on, '%Y-%m-%d'), u.days_past_due) AS reason
FROM undisputed AS u
JOIN marts.arrears_ageing AS a ON a.employer_id = u.employer_id AND a.as_of = u.as_of
JOIN raw.employers_current AS e ON e.employer_id = u.employer_id
LEFT JOIN planned AS p ON p.as_of = u.as_of AND p.employer_id = u.employer_id
WHERE e.status = 'active' AND e.account_type = 'establishment'
  AND a.past_due >= getvariable('arrears_tolerance')
  AND u.past_due_undisputed >= getvariable('arrears_suspension_min_past_due')
  AND u.days_past_due > getvariable('arrears_suspension_over_days')
  AND p.employer_id IS NULL
