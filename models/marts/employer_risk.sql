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
    -- the three drivers with the most points, ties in the drivers' order: each driver as one integer, its points in
    -- tenths times 16 plus 16 less its place, so that a plain descending sort of integers ranks them (a sort of
    -- structs cost more); a driver with no points is below 16
    list_transform(list_slice(list_reverse_sort(list_filter([
      CAST(arrears_severity_points * 160 AS INTEGER) + 15, CAST(arrears_age_points * 160 AS INTEGER) + 14,
      CAST(arrears_amount_points * 160 AS INTEGER) + 13, CAST(days_late_points * 160 AS INTEGER) + 12,
      CAST(invoices_paid_late_points * 160 AS INTEGER) + 11, CAST(reversed_payments_points * 160 AS INTEGER) + 10,
      CAST(compliance_points * 160 AS INTEGER) + 9, CAST(findings_points * 160 AS INTEGER) + 8,
      CAST(objections_points * 160 AS INTEGER) + 7, CAST(exposure_points * 160 AS INTEGER) + 6], x -> x >= 16)), 1, 3), x -> 16 - x % 16) AS top
  FROM points
),
sentences AS (
  -- a sentence for each of the three drivers only, in each language
  SELECT r.*,
    list_transform(top, o -> CASE o
      WHEN 1 THEN 'Arrears of ' || severity || ' severity: ' || past_due || ' SAR past due'
      WHEN 2 THEN 'The oldest past-due item is ' || oldest_days_past_due || ' days past due'
      WHEN 3 THEN CASE WHEN billed_lookback > 0
        THEN 'Past due is ' || CAST(round(100 * past_due / billed_lookback) AS BIGINT) || '% of the last ' || months || ' months'' billing'
        ELSE past_due || ' SAR past due with nothing billed in the last ' || months || ' months' END
      WHEN 4 THEN 'Invoices due in the last ' || months || ' months were paid ' || CAST(round(days_late_total / invoices_due) AS BIGINT)
        || ' days late on average'
      WHEN 5 THEN invoices_paid_late || ' of the last ' || invoices_due || ' invoices paid late'
      WHEN 6 THEN reversed_payments || CASE WHEN reversed_payments = 1 THEN ' payment' ELSE ' payments' END
        || ' reversed in the last ' || months || ' months'
      WHEN 7 THEN 'Wages not declared or declared late in ' || months_not_compliant || ' of the last ' || months || ' months'
      WHEN 8 THEN concat_ws(' and ',
          CASE WHEN findings_confirmed > 0 THEN findings_confirmed || ' confirmed' END,
          CASE WHEN findings_open > 0 THEN findings_open || ' open' END)
        || CASE WHEN findings_confirmed + findings_open = 1 THEN ' finding: ' ELSE ' findings: ' END
        || array_to_string(list_transform(finding_rules, x -> replace(x, '_', ' ')), ', ')
      WHEN 9 THEN objections || ' objections in the last ' || months || ' months, ' || objections_rejected || ' of '
        || objections_decided || ' decided rejected'
      WHEN 10 THEN contributors || ' contributors and ' || billed_lookback || ' SAR billed in the last ' || months || ' months'
    END) AS en,
    list_transform(top, o -> CASE o
      WHEN 1 THEN 'متأخرات بدرجة خطورة ' || CASE severity WHEN 'low' THEN 'منخفضة' WHEN 'medium' THEN 'متوسطة' WHEN 'high' THEN 'عالية'
        ELSE 'حرجة' END || ': ' || past_due || ' ريال متأخرة السداد'
      WHEN 2 THEN 'أقدم بند متأخر مضى على استحقاقه ' || oldest_days_past_due || ' يومًا'
      WHEN 3 THEN CASE WHEN billed_lookback > 0
        THEN 'المتأخرات تعادل ' || CAST(round(100 * past_due / billed_lookback) AS BIGINT) || '% من فواتير آخر ' || months || ' شهرًا'
        ELSE 'متأخرات قدرها ' || past_due || ' ريال دون فواتير في آخر ' || months || ' شهرًا' END
      WHEN 4 THEN 'متوسط تأخر سداد فواتير آخر ' || months || ' شهرًا: ' || CAST(round(days_late_total / invoices_due) AS BIGINT) || ' يومًا'
      WHEN 5 THEN invoices_paid_late || ' من آخر ' || invoices_due || ' فاتورة سُدّدت بعد موعدها'
      WHEN 6 THEN 'الدفعات الملغاة في آخر ' || months || ' شهرًا: ' || reversed_payments
      WHEN 7 THEN 'أجور لم يُصرَّح عنها أو صُرّح عنها متأخرة في ' || months_not_compliant || ' من آخر ' || months || ' شهرًا'
      WHEN 8 THEN 'ملاحظات رقابية ' || concat_ws(' و', CASE WHEN findings_confirmed > 0 THEN 'مؤكدة: ' || findings_confirmed END,
          CASE WHEN findings_open > 0 THEN 'قائمة: ' || findings_open END)
        || ' (' || array_to_string(finding_rules, '، ') || ')'
      WHEN 9 THEN 'الاعتراضات في آخر ' || months || ' شهرًا: ' || objections || '، رُفض منها ' || objections_rejected || ' من '
        || objections_decided || ' بُتّ فيها'
      WHEN 10 THEN 'المشتركون: ' || contributors || '، والفواتير في آخر ' || months || ' شهرًا: ' || billed_lookback || ' ريال'
    END) AS ar
  FROM ranked AS r
)
SELECT
  employer_id, as_of, risk_score,
  CASE WHEN risk_score >= getvariable('risk_tiers_critical') THEN 'critical'
    WHEN risk_score >= getvariable('risk_tiers_high') THEN 'high'
    WHEN risk_score >= getvariable('risk_tiers_medium') THEN 'medium'
    ELSE 'low' END AS risk_tier,
  -- one list of structs made JSON once: a json_object per driver cost three times as much at scale
  to_json([
    {'driver': 'arrears_severity', 'points': arrears_severity_points,
      'max_points': CAST(getvariable('risk_drivers_arrears_severity_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'severity': severity, 'past_due': past_due})},
    {'driver': 'arrears_age', 'points': arrears_age_points,
      'max_points': CAST(getvariable('risk_drivers_arrears_age_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'oldest_days_past_due': oldest_days_past_due})},
    {'driver': 'arrears_amount', 'points': arrears_amount_points,
      'max_points': CAST(getvariable('risk_drivers_arrears_amount_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'past_due': past_due, 'billed_lookback': billed_lookback})},
    {'driver': 'days_late', 'points': days_late_points,
      'max_points': CAST(getvariable('risk_drivers_days_late_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'invoices_due': invoices_due, 'days_late_total': days_late_total})},
    {'driver': 'invoices_paid_late', 'points': invoices_paid_late_points,
      'max_points': CAST(getvariable('risk_drivers_invoices_paid_late_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'invoices_due': invoices_due, 'invoices_paid_late': invoices_paid_late})},
    {'driver': 'reversed_payments', 'points': reversed_payments_points,
      'max_points': CAST(getvariable('risk_drivers_reversed_payments_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'reversed_payments': reversed_payments})},
    {'driver': 'compliance', 'points': compliance_points,
      'max_points': CAST(getvariable('risk_drivers_compliance_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'months_not_compliant': months_not_compliant})},
    {'driver': 'findings', 'points': findings_points,
      'max_points': CAST(getvariable('risk_drivers_findings_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'open': findings_open, 'confirmed': findings_confirmed, 'low': findings_low, 'medium': findings_medium,
        'high': findings_high, 'critical': findings_critical, 'rules': finding_rules})},
    {'driver': 'objections', 'points': objections_points,
      'max_points': CAST(getvariable('risk_drivers_objections_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'objections': objections, 'decided': objections_decided, 'rejected': objections_rejected})},
    {'driver': 'exposure', 'points': exposure_points,
      'max_points': CAST(getvariable('risk_drivers_exposure_max_points') AS DECIMAL(4,1)),
      'evidence': to_json({'contributors': contributors, 'billed_lookback': billed_lookback})}
  ]) AS drivers,
  arrears_severity_points, arrears_age_points, arrears_amount_points, days_late_points, invoices_paid_late_points,
  reversed_payments_points, compliance_points, findings_points, objections_points, exposure_points,
  en[1] AS reason_1_en, ar[1] AS reason_1_ar, en[2] AS reason_2_en, ar[2] AS reason_2_ar, en[3] AS reason_3_en, ar[3] AS reason_3_ar,
  CAST(getvariable('risk_version') AS VARCHAR) AS rules_version
FROM sentences
