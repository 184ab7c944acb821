/*
description: >
  What each staff user did in the systems the fund audits (rules.md §8, staff patterns), as the
  volumes the Staff page sets the staff findings against: adjustments created and approved, fee
  waivers (how many, how much, on how many employers and how concentrated on one), wage changes,
  manual invoice postings. A staff user is anyone acting as staff in activity_log, creating or
  approving an adjustment, or posting an invoice by hand.
description_ar: >
  نشاط كل مستخدم من الموظفين: التسويات التي أنشأها أو اعتمدها، الإعفاءات من غرامات التأخير (عددها
  ومبلغها وعدد المنشآت وتركّزها)، تعديلات الأجور، والفواتير المرحّلة يدويًا.
grain: one row per staff user_id
materialized: table
columns:
  user_id:
    description: Staff user.
    description_ar: المستخدم من الموظفين.
  adjustments_created:
    description: Adjustments the user created.
    description_ar: التسويات التي أنشأها.
  adjustments_approved:
    description: Adjustments the user approved.
    description_ar: التسويات التي اعتمدها.
  fee_waivers:
    description: Late-fee waivers the user created.
    description_ar: الإعفاءات من غرامات التأخير التي أنشأها.
  fee_waiver_amount:
    description: Their total, SAR (positive).
    description_ar: مجموع مبالغها بالريال.
  waiver_employers:
    description: Employers whose fees the user waived.
    description_ar: عدد المنشآت المعفاة.
  waiver_concentration:
    description: Share of the user's waivers on the one employer with most of them (1 = all on one).
    description_ar: حصة المنشأة الأكثر إعفاءً من إعفاءات المستخدم.
  wage_changes:
    description: Updates the user made to declared wages (activity_log).
    description_ar: تعديلات المستخدم على الأجور المصرّح بها.
  manual_postings:
    description: Invoices the user posted by hand.
    description_ar: الفواتير التي رحّلها يدويًا.
tests:
  - unique: user_id
  - not_null: [user_id, adjustments_created, adjustments_approved, fee_waivers, fee_waiver_amount, wage_changes, manual_postings]
  - expression: waiver_concentration IS NULL OR waiver_concentration BETWEEN 0 AND 1
*/
WITH users AS (
  SELECT actor_id AS user_id FROM raw.activity_log WHERE actor_role = 'staff'
  UNION SELECT created_by FROM staging.stg_adjustments WHERE created_by IS NOT NULL
  UNION SELECT approved_by FROM staging.stg_adjustments WHERE approved_by IS NOT NULL
  UNION SELECT posted_by FROM staging.stg_invoices WHERE posting = 'manual' AND posted_by IS NOT NULL
),
waivers AS (
  SELECT a.created_by AS user_id, i.employer_id, count(*) AS n, sum(-a.amount) AS amount
  FROM staging.stg_adjustments AS a JOIN staging.stg_invoices AS i USING (invoice_id)
  WHERE a.reason_code = 'fee_waiver' AND i.invoice_type = 'late_fee'
  GROUP BY ALL
),
by_user AS (
  SELECT user_id, sum(n) AS n, sum(amount) AS amount, count(*) AS employers, max(n) / sum(n) AS concentration
  FROM waivers GROUP BY user_id
)
SELECT u.user_id,
       (SELECT count(*) FROM staging.stg_adjustments AS a WHERE a.created_by = u.user_id)::INTEGER AS adjustments_created,
       (SELECT count(*) FROM staging.stg_adjustments AS a WHERE a.approved_by = u.user_id)::INTEGER AS adjustments_approved,
       coalesce(w.n, 0)::INTEGER AS fee_waivers,
       CAST(coalesce(w.amount, 0) AS DECIMAL(18,2)) AS fee_waiver_amount,
       coalesce(w.employers, 0)::INTEGER AS waiver_employers,
       CAST(w.concentration AS DOUBLE) AS waiver_concentration,
       (SELECT count(*) FROM core.staff_wage_changes AS c WHERE c.actor_id = u.user_id)::INTEGER AS wage_changes,
       (SELECT count(*) FROM staging.stg_invoices AS i WHERE i.posting = 'manual' AND i.posted_by = u.user_id)::INTEGER AS manual_postings
FROM users AS u LEFT JOIN by_user AS w USING (user_id)
