/*
description: >
  Each employer's risk score per date (every month-end and the as-of date) as numbers: an additive points
  scorecard from 0 to 100 (outputs.md, issue 19): ten drivers, each earning points up to its cap, read
  from core.risk_evidence — arrears (severity, age of the oldest past-due item, past due against the
  employer's own billing), payment behaviour over the lookback (average days late, share of invoices not
  paid in full by their due date, payments reversed), compliance (months with a wage not declared or
  declared late), findings (open or confirmed, by severity; false positives, exempt and resolved ones
  count nothing), objections (serial objections, share of the decided ones rejected) and exposure
  (contributors, billing). Each driver's points are rounded to 0.1 and risk_score is their sum, so the
  drivers add up to the score exactly. The tier follows the cut-offs of risk.tiers; the three drivers
  with the most points (ties: in the drivers' order) are kept as codes. The row also keeps the evidence
  the points were computed from, so that marts.employer_risk (a view) writes the drivers JSON and the
  reasons on read from this row and core.risk_caps (the lookback and each driver's cap, once) — nobody
  reads the text of every score, and writing it was most of the build. Points, caps and cut-offs are config/rules.json `risk`
  (docs/risk.md); rules_version records its version.
description_ar: >
  درجة مخاطر كل منشأة من 0 إلى 100 في كل نهاية شهر وفي التاريخ المرجعي بالأرقام، مجموع نقاط عشرة محركات
  لكل منها حد أعلى: المتأخرات وعمرها ونسبتها إلى فواتير المنشأة، وسلوك السداد، والالتزام بالتصريح،
  والملاحظات الرقابية القائمة أو المؤكدة، والاعتراضات، وحجم التعرض؛ مع فئة المخاطر ورموز المحركات الثلاثة
  الأعلى نقاطًا والأدلة التي حُسبت منها النقاط، ومنها تكتب marts.employer_risk نصوص المحركات والأسباب عند القراءة.
grain: one row per employer_id and as_of
materialized: table
params:
  risk_version: varchar
  risk_lookback_months: integer
  risk_tiers_medium: decimal
  risk_tiers_high: decimal
  risk_tiers_critical: decimal
  risk_drivers_arrears_severity_points_low: decimal
  risk_drivers_arrears_severity_points_medium: decimal
  risk_drivers_arrears_severity_points_high: decimal
  risk_drivers_arrears_severity_points_critical: decimal
  risk_drivers_arrears_age_max_points: decimal
  risk_drivers_arrears_age_days_per_point: decimal
  risk_drivers_arrears_amount_max_points: decimal
  risk_drivers_arrears_amount_share_for_max: decimal
  risk_drivers_days_late_max_points: decimal
  risk_drivers_days_late_days_for_max: decimal
  risk_drivers_invoices_paid_late_max_points: decimal
  risk_drivers_invoices_paid_late_min_invoices: integer
  risk_drivers_reversed_payments_max_points: decimal
  risk_drivers_reversed_payments_points_each: decimal
  risk_drivers_compliance_max_points: decimal
  risk_drivers_compliance_points_per_month: decimal
  risk_drivers_findings_max_points: decimal
  risk_drivers_findings_points_low: decimal
  risk_drivers_findings_points_medium: decimal
  risk_drivers_findings_points_high: decimal
  risk_drivers_findings_points_critical: decimal
  risk_drivers_objections_serial_at_least: integer
  risk_drivers_objections_serial_points: decimal
  risk_drivers_objections_rejected_share_points: decimal
  risk_drivers_exposure_contributors_at_least: integer
  risk_drivers_exposure_contributors_points: decimal
  risk_drivers_exposure_billed_at_least: decimal
  risk_drivers_exposure_billed_points: decimal
columns:
  employer_id: { same_as: core.risk_evidence }
  as_of: { same_as: core.risk_evidence }
  risk_score:
    description: 0 to 100, the sum of the drivers' points.
    description_ar: درجة المخاطر من 0 إلى 100، مجموع نقاط المحركات.
  risk_tier:
    description: low, medium, high or critical, by the cut-offs of risk.tiers (a score at a cut-off is in its tier).
    description_ar: "فئة المخاطر: منخفضة أو متوسطة أو عالية أو حرجة."
  arrears_severity_points:
    description: Points for the arrears' severity.
    description_ar: نقاط درجة خطورة المتأخرات.
  arrears_age_points:
    description: Points for the age of the oldest past-due item.
    description_ar: نقاط عمر أقدم بند متأخر.
  arrears_amount_points:
    description: Points for past due against the employer's billing over the lookback.
    description_ar: نقاط نسبة المتأخرات إلى فواتير المنشأة.
  days_late_points:
    description: Points for the average days late.
    description_ar: نقاط متوسط أيام التأخر.
  invoices_paid_late_points:
    description: Points for the share of invoices not paid in full by their due date.
    description_ar: نقاط نسبة الفواتير غير المسددة في موعدها.
  reversed_payments_points:
    description: Points for payments reversed.
    description_ar: نقاط الدفعات الملغاة.
  compliance_points:
    description: Points for months with wages not declared or declared late.
    description_ar: نقاط أشهر عدم التصريح أو التأخر فيه.
  findings_points:
    description: Points for open or confirmed findings.
    description_ar: نقاط الملاحظات الرقابية القائمة أو المؤكدة.
  objections_points:
    description: Points for serial and rejected objections.
    description_ar: نقاط الاعتراضات المتكررة والمرفوضة.
  exposure_points:
    description: Points for contributors and billing.
    description_ar: نقاط حجم التعرض.
  reason_1_driver:
    description: Code of the driver with the most points (ties in the drivers' order; null when no driver has any).
    description_ar: رمز المحرك الأعلى نقاطًا.
  reason_2_driver:
    description: Code of the second (null where fewer drivers have points).
    description_ar: رمز المحرك الثاني.
  reason_3_driver:
    description: Code of the third.
    description_ar: رمز المحرك الثالث.
  severity: { same_as: core.risk_evidence }
  past_due: { same_as: core.risk_evidence }
  oldest_days_past_due: { same_as: core.risk_evidence }
  billed_lookback: { same_as: core.risk_evidence }
  invoices_due: { same_as: core.risk_evidence }
  invoices_paid_late: { same_as: core.risk_evidence }
  days_late_total: { same_as: core.risk_evidence }
  reversed_payments: { same_as: core.risk_evidence }
  months_not_compliant: { same_as: core.risk_evidence }
  findings_open: { same_as: core.risk_evidence }
  findings_confirmed: { same_as: core.risk_evidence }
  findings_low: { same_as: core.risk_evidence }
  findings_medium: { same_as: core.risk_evidence }
  findings_high: { same_as: core.risk_evidence }
  findings_critical: { same_as: core.risk_evidence }
  finding_rules: { same_as: core.risk_evidence }
  objections: { same_as: core.risk_evidence }
  objections_decided: { same_as: core.risk_evidence }
  objections_rejected: { same_as: core.risk_evidence }
  contributors: { same_as: core.risk_evidence }
  rules_version:
    description: risk.version of config/rules.json that made the score.
    description_ar: إصدار إعدادات المخاطر الذي حُسبت به الدرجة.
tests:
  # one row per employer and date by construction: core.risk_evidence's rows are marts.arrears_ageing's (unique there),
  # each joined to at most one group of its employer and date; a test of that re-proved the ageing's key (0.8 s of 2.4
  # million rows at 100,000 employers)
  - not_null: [employer_id, as_of, risk_score, risk_tier, rules_version]
  - expression: risk_score >= 0 AND risk_score <= 100
    name: score from 0 to 100
  - expression: >
      risk_score = arrears_severity_points + arrears_age_points + arrears_amount_points + days_late_points
      + invoices_paid_late_points + reversed_payments_points + compliance_points + findings_points + objections_points
      + exposure_points
    name: the drivers' points add up to the score
  - accepted_values: {column: risk_tier, values: [low, medium, high, critical]}
  - expression: (reason_1_driver IS NULL) = (risk_score = 0)
    name: a top driver exactly when the score has points
  - expression: invoices_paid_late <= invoices_due AND objections_rejected <= objections_decided AND objections_decided <= objections
    name: the evidence's counts in order
*/
WITH e AS (
  SELECT *, getvariable('risk_lookback_months') AS months FROM core.risk_evidence
),
points AS (
  SELECT e.*,
    CAST(round(CASE severity
      WHEN 'low' THEN getvariable('risk_drivers_arrears_severity_points_low')
      WHEN 'medium' THEN getvariable('risk_drivers_arrears_severity_points_medium')
      WHEN 'high' THEN getvariable('risk_drivers_arrears_severity_points_high')
      WHEN 'critical' THEN getvariable('risk_drivers_arrears_severity_points_critical')
      ELSE 0 END, 1) AS DECIMAL(4,1)) AS arrears_severity_points,
    CAST(round(least(getvariable('risk_drivers_arrears_age_max_points'),
      oldest_days_past_due / getvariable('risk_drivers_arrears_age_days_per_point')), 1) AS DECIMAL(4,1)) AS arrears_age_points,
    -- past due against billing: with nothing billed in the lookback, any past due is the whole cap
    CAST(round(CASE WHEN severity = 'none' THEN 0
      WHEN billed_lookback <= 0 THEN getvariable('risk_drivers_arrears_amount_max_points')
      ELSE getvariable('risk_drivers_arrears_amount_max_points')
        * least(1, past_due / billed_lookback / getvariable('risk_drivers_arrears_amount_share_for_max')) END, 1)
      AS DECIMAL(4,1)) AS arrears_amount_points,
    CAST(round(CASE WHEN invoices_due < getvariable('risk_drivers_invoices_paid_late_min_invoices') THEN 0
      ELSE getvariable('risk_drivers_days_late_max_points')
        * least(1, days_late_total / invoices_due / getvariable('risk_drivers_days_late_days_for_max')) END, 1)
      AS DECIMAL(4,1)) AS days_late_points,
    CAST(round(CASE WHEN invoices_due < getvariable('risk_drivers_invoices_paid_late_min_invoices') THEN 0
      ELSE getvariable('risk_drivers_invoices_paid_late_max_points') * invoices_paid_late / invoices_due END, 1)
      AS DECIMAL(4,1)) AS invoices_paid_late_points,
    CAST(round(least(getvariable('risk_drivers_reversed_payments_max_points'),
      reversed_payments * getvariable('risk_drivers_reversed_payments_points_each')), 1) AS DECIMAL(4,1)) AS reversed_payments_points,
    CAST(round(least(getvariable('risk_drivers_compliance_max_points'),
      months_not_compliant * getvariable('risk_drivers_compliance_points_per_month')), 1) AS DECIMAL(4,1)) AS compliance_points,
    CAST(round(least(getvariable('risk_drivers_findings_max_points'),
      findings_low * getvariable('risk_drivers_findings_points_low') + findings_medium * getvariable('risk_drivers_findings_points_medium')
      + findings_high * getvariable('risk_drivers_findings_points_high')
      + findings_critical * getvariable('risk_drivers_findings_points_critical')), 1) AS DECIMAL(4,1)) AS findings_points,
    CAST(round(CASE WHEN objections >= getvariable('risk_drivers_objections_serial_at_least')
        THEN getvariable('risk_drivers_objections_serial_points') ELSE 0 END
      + CASE WHEN objections_decided > 0
        THEN getvariable('risk_drivers_objections_rejected_share_points') * objections_rejected / objections_decided ELSE 0 END, 1)
      AS DECIMAL(4,1)) AS objections_points,
    CAST(round(CASE WHEN contributors >= getvariable('risk_drivers_exposure_contributors_at_least')
        THEN getvariable('risk_drivers_exposure_contributors_points') ELSE 0 END
      + CASE WHEN billed_lookback >= getvariable('risk_drivers_exposure_billed_at_least')
        THEN getvariable('risk_drivers_exposure_billed_points') ELSE 0 END, 1) AS DECIMAL(4,1)) AS exposure_points
  FROM e
),
ranked AS (
  SELECT *,
    CAST(arrears_severity_points + arrears_age_points + arrears_amount_points + days_late_points + invoices_paid_late_points
      + reversed_payments_points + compliance_points + findings_points + objections_points + exposure_points AS DECIMAL(4,1))
      AS risk_score,
    -- each driver as one integer, its points in tenths times 16 plus 16 less its place: the largest is the driver
    -- with the most points, ties in the drivers' order, and a driver with no points is below 16
    CAST(arrears_severity_points * 160 AS INTEGER) + 15 AS k1, CAST(arrears_age_points * 160 AS INTEGER) + 14 AS k2,
    CAST(arrears_amount_points * 160 AS INTEGER) + 13 AS k3, CAST(days_late_points * 160 AS INTEGER) + 12 AS k4,
    CAST(invoices_paid_late_points * 160 AS INTEGER) + 11 AS k5, CAST(reversed_payments_points * 160 AS INTEGER) + 10 AS k6,
    CAST(compliance_points * 160 AS INTEGER) + 9 AS k7, CAST(findings_points * 160 AS INTEGER) + 8 AS k8,
    CAST(objections_points * 160 AS INTEGER) + 7 AS k9, CAST(exposure_points * 160 AS INTEGER) + 6 AS k10
  FROM points
),
first AS (
  SELECT *, greatest(k1, k2, k3, k4, k5, k6, k7, k8, k9, k10) AS t1 FROM ranked
),
second AS (
  -- the largest below the first, then below the second: three scalar maxima instead of sorting a list per row
  SELECT *, greatest(CASE WHEN k1 < t1 THEN k1 END, CASE WHEN k2 < t1 THEN k2 END, CASE WHEN k3 < t1 THEN k3 END,
    CASE WHEN k4 < t1 THEN k4 END, CASE WHEN k5 < t1 THEN k5 END, CASE WHEN k6 < t1 THEN k6 END, CASE WHEN k7 < t1 THEN k7 END,
    CASE WHEN k8 < t1 THEN k8 END, CASE WHEN k9 < t1 THEN k9 END, CASE WHEN k10 < t1 THEN k10 END) AS t2
  FROM first
),
third AS (
  SELECT *, greatest(CASE WHEN k1 < t2 THEN k1 END, CASE WHEN k2 < t2 THEN k2 END, CASE WHEN k3 < t2 THEN k3 END,
    CASE WHEN k4 < t2 THEN k4 END, CASE WHEN k5 < t2 THEN k5 END, CASE WHEN k6 < t2 THEN k6 END, CASE WHEN k7 < t2 THEN k7 END,
    CASE WHEN k8 < t2 THEN k8 END, CASE WHEN k9 < t2 THEN k9 END, CASE WHEN k10 < t2 THEN k10 END) AS t3
  FROM second
),
top AS (
  -- the three drivers' places in the drivers' order (1 to 10), null where fewer drivers have points
  SELECT *, CASE WHEN t1 >= 16 THEN 16 - t1 % 16 END AS p1, CASE WHEN t2 >= 16 THEN 16 - t2 % 16 END AS p2,
    CASE WHEN t3 >= 16 THEN 16 - t3 % 16 END AS p3
  FROM third
),
driver_codes AS (
  -- a place 1 to 10 in the drivers' order is its code
  SELECT driver_codes AS codes FROM core.risk_caps
)
SELECT
  employer_id, as_of, risk_score,
  CASE WHEN risk_score >= getvariable('risk_tiers_critical') THEN 'critical'
    WHEN risk_score >= getvariable('risk_tiers_high') THEN 'high'
    WHEN risk_score >= getvariable('risk_tiers_medium') THEN 'medium'
    ELSE 'low' END AS risk_tier,
  arrears_severity_points, arrears_age_points, arrears_amount_points, days_late_points, invoices_paid_late_points,
  reversed_payments_points, compliance_points, findings_points, objections_points, exposure_points,
  -- the top three as driver codes (p1..p3 are places in the drivers' order); marts.employer_risk words them
  codes[p1] AS reason_1_driver,
  codes[p2] AS reason_2_driver,
  codes[p3] AS reason_3_driver,
  severity, past_due, oldest_days_past_due, billed_lookback, invoices_due, invoices_paid_late, days_late_total,
  reversed_payments, months_not_compliant, findings_open, findings_confirmed, findings_low, findings_medium, findings_high,
  findings_critical, finding_rules, objections, objections_decided, objections_rejected, contributors,
  CAST(getvariable('risk_version') AS VARCHAR) AS rules_version
FROM top CROSS JOIN driver_codes
