/*
description: >
  Each employer's risk score per date (every month-end and the as-of date), an additive points
  scorecard from 0 to 100 (outputs.md, issue 19): ten drivers, each earning points up to its cap, read
  from core.risk_evidence — arrears (severity, age of the oldest past-due item, past due against the
  employer's own billing), payment behaviour over the lookback (average days late, share of invoices not
  paid in full by their due date, payments reversed), compliance (months with a wage not declared or
  declared late), findings (open or confirmed, by severity; false positives, exempt and resolved ones
  count nothing), objections (serial objections, share of the decided ones rejected) and exposure
  (contributors, billing). Each driver's points are rounded to 0.1 and risk_score is their sum, so the
  drivers add up to the score exactly. The tier follows the cut-offs of risk.tiers; the three drivers
  with the most points (ties: in the drivers' order) give the reasons, as sentences in English and
  Arabic. Points, caps and cut-offs are config/rules.json `risk` (docs/risk.md); rules_version records
  its version.
description_ar: >
  درجة مخاطر كل منشأة من 0 إلى 100 في كل نهاية شهر وفي التاريخ المرجعي، مجموع نقاط عشرة محركات لكل منها
  حد أعلى: المتأخرات وعمرها ونسبتها إلى فواتير المنشأة، وسلوك السداد، والالتزام بالتصريح، والملاحظات
  الرقابية القائمة أو المؤكدة، والاعتراضات، وحجم التعرض؛ مع فئة المخاطر وأهم ثلاثة أسباب بالعربية والإنجليزية.
grain: one row per employer_id and as_of
materialized: table
params:
  risk_version: varchar
  risk_lookback_months: integer
  risk_tiers_medium: decimal
  risk_tiers_high: decimal
  risk_tiers_critical: decimal
  risk_drivers_arrears_severity_max_points: decimal
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
  risk_drivers_objections_max_points: decimal
  risk_drivers_objections_serial_at_least: integer
  risk_drivers_objections_serial_points: decimal
  risk_drivers_objections_rejected_share_points: decimal
  risk_drivers_exposure_max_points: decimal
  risk_drivers_exposure_contributors_at_least: integer
  risk_drivers_exposure_contributors_points: decimal
  risk_drivers_exposure_billed_at_least: decimal
  risk_drivers_exposure_billed_points: decimal
columns:
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  as_of:
    description: Month-end or the build's as-of date.
    description_ar: نهاية الشهر أو التاريخ المرجعي.
  risk_score:
    description: 0 to 100, the sum of the drivers' points.
    description_ar: درجة المخاطر من 0 إلى 100، مجموع نقاط المحركات.
  risk_tier:
    description: low, medium, high or critical, by the cut-offs of risk.tiers (a score at a cut-off is in its tier).
    description_ar: "فئة المخاطر: منخفضة أو متوسطة أو عالية أو حرجة."
  drivers:
    description: >
      JSON list of the ten drivers in order, each {driver, points, max_points, evidence}: the points add up to
      risk_score; evidence holds the values the points were computed from.
    description_ar: قائمة JSON بالمحركات العشرة، لكل منها نقاطه وحده الأعلى والأدلة؛ مجموع النقاط يساوي الدرجة.
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
  reason_1_en:
    description: The driver with the most points, as a sentence (null when no driver has any).
    description_ar: المحرك الأعلى نقاطًا في جملة بالإنجليزية.
  reason_1_ar:
    description: The same in Arabic.
    description_ar: المحرك الأعلى نقاطًا في جملة بالعربية.
  reason_2_en:
    description: The second, in English.
    description_ar: المحرك الثاني بالإنجليزية.
  reason_2_ar:
    description: The second, in Arabic.
    description_ar: المحرك الثاني بالعربية.
  reason_3_en:
    description: The third, in English.
    description_ar: المحرك الثالث بالإنجليزية.
  reason_3_ar:
    description: The third, in Arabic.
    description_ar: المحرك الثالث بالعربية.
  rules_version:
    description: risk.version of config/rules.json that made the score.
    description_ar: إصدار إعدادات المخاطر الذي حُسبت به الدرجة.
tests:
  - unique: [employer_id, as_of]
  - not_null: [employer_id, as_of, risk_score, risk_tier, drivers, rules_version]
  - expression: risk_score >= 0 AND risk_score <= 100
    name: score from 0 to 100
  - expression: >
      risk_score = arrears_severity_points + arrears_age_points + arrears_amount_points + days_late_points
      + invoices_paid_late_points + reversed_payments_points + compliance_points + findings_points + objections_points
      + exposure_points
    name: the drivers' points add up to the score
  - accepted_values: {column: risk_tier, values: [low, medium, high, critical]}
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
sentences AS (
  -- each driver's sentence written once, and made only on the rows where the driver is one of the three
  SELECT r.*,
    CASE WHEN 1 IN (p1, p2, p3) THEN 'Arrears of ' || severity || ' severity: ' || past_due || ' SAR past due' END AS en_1,
    CASE WHEN 2 IN (p1, p2, p3) THEN 'The oldest past-due item is ' || oldest_days_past_due || ' days past due' END AS en_2,
    CASE WHEN 3 IN (p1, p2, p3) THEN CASE WHEN billed_lookback > 0
          THEN 'Past due is ' || CAST(round(100 * past_due / billed_lookback) AS BIGINT) || '% of the last ' || months
            || ' months'' billing'
          ELSE past_due || ' SAR past due with nothing billed in the last ' || months || ' months' END END AS en_3,
    CASE WHEN 4 IN (p1, p2, p3) THEN
      'Invoices due in the last ' || months || ' months were paid ' || CAST(round(days_late_total / invoices_due) AS BIGINT)
          || ' days late on average' END AS en_4,
    CASE WHEN 5 IN (p1, p2, p3) THEN invoices_paid_late || ' of the last ' || invoices_due || ' invoices paid late' END AS en_5,
    CASE WHEN 6 IN (p1, p2, p3) THEN reversed_payments || CASE WHEN reversed_payments = 1 THEN ' payment' ELSE ' payments' END
          || ' reversed in the last ' || months || ' months' END AS en_6,
    CASE WHEN 7 IN (p1, p2, p3) THEN
      'Wages not declared or declared late in ' || months_not_compliant || ' of the last ' || months || ' months' END AS en_7,
    CASE WHEN 8 IN (p1, p2, p3) THEN concat_ws(' and ',
            CASE WHEN findings_confirmed > 0 THEN findings_confirmed || ' confirmed' END,
            CASE WHEN findings_open > 0 THEN findings_open || ' open' END)
          || CASE WHEN findings_confirmed + findings_open = 1 THEN ' finding: ' ELSE ' findings: ' END
          || array_to_string(list_transform(finding_rules, x -> replace(x, '_', ' ')), ', ') END AS en_8,
    CASE WHEN 9 IN (p1, p2, p3) THEN objections || ' objections in the last ' || months || ' months, ' || objections_rejected || ' of '
          || objections_decided || ' decided rejected' END AS en_9,
    CASE WHEN 10 IN (p1, p2, p3) THEN
      contributors || ' contributors and ' || billed_lookback || ' SAR billed in the last ' || months || ' months' END AS en_10,
    CASE WHEN 1 IN (p1, p2, p3) THEN
      'متأخرات بدرجة خطورة ' || CASE severity WHEN 'low' THEN 'منخفضة' WHEN 'medium' THEN 'متوسطة' WHEN 'high' THEN 'عالية'
          ELSE 'حرجة' END || ': ' || past_due || ' ريال متأخرة السداد' END AS ar_1,
    CASE WHEN 2 IN (p1, p2, p3) THEN 'أقدم بند متأخر مضى على استحقاقه ' || oldest_days_past_due || ' يومًا' END AS ar_2,
    CASE WHEN 3 IN (p1, p2, p3) THEN CASE WHEN billed_lookback > 0
          THEN 'المتأخرات تعادل ' || CAST(round(100 * past_due / billed_lookback) AS BIGINT) || '% من فواتير آخر ' || months || ' شهرًا'
          ELSE 'متأخرات قدرها ' || past_due || ' ريال دون فواتير في آخر ' || months || ' شهرًا' END END AS ar_3,
    CASE WHEN 4 IN (p1, p2, p3) THEN
      'متوسط تأخر سداد فواتير آخر ' || months || ' شهرًا: ' || CAST(round(days_late_total / invoices_due) AS BIGINT)
        || ' يومًا' END AS ar_4,
    CASE WHEN 5 IN (p1, p2, p3) THEN invoices_paid_late || ' من آخر ' || invoices_due || ' فاتورة سُدّدت بعد موعدها' END AS ar_5,
    CASE WHEN 6 IN (p1, p2, p3) THEN 'الدفعات الملغاة في آخر ' || months || ' شهرًا: ' || reversed_payments END AS ar_6,
    CASE WHEN 7 IN (p1, p2, p3) THEN
      'أجور لم يُصرَّح عنها أو صُرّح عنها متأخرة في ' || months_not_compliant || ' من آخر ' || months || ' شهرًا' END AS ar_7,
    CASE WHEN 8 IN (p1, p2, p3) THEN
      'ملاحظات رقابية ' || concat_ws(' و', CASE WHEN findings_confirmed > 0 THEN 'مؤكدة: ' || findings_confirmed END,
            CASE WHEN findings_open > 0 THEN 'قائمة: ' || findings_open END)
          || ' (' || array_to_string(finding_rules, '، ') || ')' END AS ar_8,
    CASE WHEN 9 IN (p1, p2, p3) THEN
      'الاعتراضات في آخر ' || months || ' شهرًا: ' || objections || '، رُفض منها ' || objections_rejected || ' من '
          || objections_decided || ' بُتّ فيها' END AS ar_9,
    CASE WHEN 10 IN (p1, p2, p3) THEN
      'المشتركون: ' || contributors || '، والفواتير في آخر ' || months || ' شهرًا: ' || billed_lookback || ' ريال' END AS ar_10
  FROM top AS r
)
SELECT
  employer_id, as_of, risk_score,
  CASE WHEN risk_score >= getvariable('risk_tiers_critical') THEN 'critical'
    WHEN risk_score >= getvariable('risk_tiers_high') THEN 'high'
    WHEN risk_score >= getvariable('risk_tiers_medium') THEN 'medium'
    ELSE 'low' END AS risk_tier,
  -- the JSON written as text in one concat and checked once by the cast: to_json over a list of structs (with each
  -- driver's evidence its own JSON value) cost five times as much. The text is what to_json wrote: the points and
  -- caps with one decimal, the amounts as doubles (30737.2), the rules a JSON list.
  CAST(concat(
    '[{"driver":"arrears_severity","points":', arrears_severity_points, ',"max_points":',
      CAST(getvariable('risk_drivers_arrears_severity_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"severity":"', severity, '","past_due":', CAST(past_due AS DOUBLE),
    '}},{"driver":"arrears_age","points":', arrears_age_points, ',"max_points":',
      CAST(getvariable('risk_drivers_arrears_age_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"oldest_days_past_due":', oldest_days_past_due,
    '}},{"driver":"arrears_amount","points":', arrears_amount_points, ',"max_points":',
      CAST(getvariable('risk_drivers_arrears_amount_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"past_due":', CAST(past_due AS DOUBLE), ',"billed_lookback":', CAST(billed_lookback AS DOUBLE),
    '}},{"driver":"days_late","points":', days_late_points, ',"max_points":',
      CAST(getvariable('risk_drivers_days_late_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"invoices_due":', invoices_due, ',"days_late_total":', days_late_total,
    '}},{"driver":"invoices_paid_late","points":', invoices_paid_late_points, ',"max_points":',
      CAST(getvariable('risk_drivers_invoices_paid_late_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"invoices_due":', invoices_due, ',"invoices_paid_late":', invoices_paid_late,
    '}},{"driver":"reversed_payments","points":', reversed_payments_points, ',"max_points":',
      CAST(getvariable('risk_drivers_reversed_payments_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"reversed_payments":', reversed_payments,
    '}},{"driver":"compliance","points":', compliance_points, ',"max_points":',
      CAST(getvariable('risk_drivers_compliance_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"months_not_compliant":', months_not_compliant,
    '}},{"driver":"findings","points":', findings_points, ',"max_points":',
      CAST(getvariable('risk_drivers_findings_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"open":', findings_open, ',"confirmed":', findings_confirmed, ',"low":', findings_low, ',"medium":', findings_medium,
    ',"high":', findings_high, ',"critical":', findings_critical, ',"rules":', CAST(to_json(finding_rules) AS VARCHAR),
    '}},{"driver":"objections","points":', objections_points, ',"max_points":',
      CAST(getvariable('risk_drivers_objections_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"objections":', objections, ',"decided":', objections_decided, ',"rejected":', objections_rejected,
    '}},{"driver":"exposure","points":', exposure_points, ',"max_points":',
      CAST(getvariable('risk_drivers_exposure_max_points') AS DECIMAL(4,1)),
    ',"evidence":{"contributors":', contributors, ',"billed_lookback":', CAST(billed_lookback AS DOUBLE), '}}]') AS JSON) AS drivers,
  arrears_severity_points, arrears_age_points, arrears_amount_points, days_late_points, invoices_paid_late_points,
  reversed_payments_points, compliance_points, findings_points, objections_points, exposure_points,
  CASE p1 WHEN 1 THEN en_1 WHEN 2 THEN en_2 WHEN 3 THEN en_3 WHEN 4 THEN en_4 WHEN 5 THEN en_5
    WHEN 6 THEN en_6 WHEN 7 THEN en_7 WHEN 8 THEN en_8 WHEN 9 THEN en_9 WHEN 10 THEN en_10 END AS reason_1_en,
  CASE p1 WHEN 1 THEN ar_1 WHEN 2 THEN ar_2 WHEN 3 THEN ar_3 WHEN 4 THEN ar_4 WHEN 5 THEN ar_5
    WHEN 6 THEN ar_6 WHEN 7 THEN ar_7 WHEN 8 THEN ar_8 WHEN 9 THEN ar_9 WHEN 10 THEN ar_10 END AS reason_1_ar,
  CASE p2 WHEN 1 THEN en_1 WHEN 2 THEN en_2 WHEN 3 THEN en_3 WHEN 4 THEN en_4 WHEN 5 THEN en_5
    WHEN 6 THEN en_6 WHEN 7 THEN en_7 WHEN 8 THEN en_8 WHEN 9 THEN en_9 WHEN 10 THEN en_10 END AS reason_2_en,
  CASE p2 WHEN 1 THEN ar_1 WHEN 2 THEN ar_2 WHEN 3 THEN ar_3 WHEN 4 THEN ar_4 WHEN 5 THEN ar_5
    WHEN 6 THEN ar_6 WHEN 7 THEN ar_7 WHEN 8 THEN ar_8 WHEN 9 THEN ar_9 WHEN 10 THEN ar_10 END AS reason_2_ar,
  CASE p3 WHEN 1 THEN en_1 WHEN 2 THEN en_2 WHEN 3 THEN en_3 WHEN 4 THEN en_4 WHEN 5 THEN en_5
    WHEN 6 THEN en_6 WHEN 7 THEN en_7 WHEN 8 THEN en_8 WHEN 9 THEN en_9 WHEN 10 THEN en_10 END AS reason_3_en,
  CASE p3 WHEN 1 THEN ar_1 WHEN 2 THEN ar_2 WHEN 3 THEN ar_3 WHEN 4 THEN ar_4 WHEN 5 THEN ar_5
    WHEN 6 THEN ar_6 WHEN 7 THEN ar_7 WHEN 8 THEN ar_8 WHEN 9 THEN ar_9 WHEN 10 THEN ar_10 END AS reason_3_ar,
  CAST(getvariable('risk_version') AS VARCHAR) AS rules_version
FROM sentences
