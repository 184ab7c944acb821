/*
description: >
  Each employer's risk score per date (every month-end and the as-of date), an additive points
  scorecard from 0 to 100 (outputs.md, issue 19), with its drivers and reasons in words: core.risk_scores
  as it is, plus `drivers` (every driver's points, cap and evidence as JSON) and the top three drivers as
  sentences in English and Arabic. A view: the text is written when it is read, from the numbers
  core.risk_scores keeps, so a build writes no text and a reader of one date or one employer writes only
  theirs (docs/risk.md). The scorecard itself — drivers, points, caps, cut-offs — is described on
  core.risk_scores and in docs/risk.md.
description_ar: >
  درجة مخاطر كل منشأة من 0 إلى 100 في كل نهاية شهر وفي التاريخ المرجعي، مجموع نقاط عشرة محركات لكل منها
  حد أعلى: المتأخرات وعمرها ونسبتها إلى فواتير المنشأة، وسلوك السداد، والالتزام بالتصريح، والملاحظات
  الرقابية القائمة أو المؤكدة، والاعتراضات، وحجم التعرض؛ مع فئة المخاطر وأهم ثلاثة أسباب بالعربية والإنجليزية.
grain: one row per employer_id and as_of
materialized: view
columns:
  employer_id: { same_as: core.risk_scores }
  as_of: { same_as: core.risk_scores }
  risk_score: { same_as: core.risk_scores }
  risk_tier: { same_as: core.risk_scores }
  drivers:
    description: >
      JSON list of the ten drivers in order, each {driver, points, max_points, evidence}: the points add up to
      risk_score; evidence holds the values the points were computed from.
    description_ar: قائمة JSON بالمحركات العشرة، لكل منها نقاطه وحده الأعلى والأدلة؛ مجموع النقاط يساوي الدرجة.
  arrears_severity_points: { same_as: core.risk_scores }
  arrears_age_points: { same_as: core.risk_scores }
  arrears_amount_points: { same_as: core.risk_scores }
  days_late_points: { same_as: core.risk_scores }
  invoices_paid_late_points: { same_as: core.risk_scores }
  reversed_payments_points: { same_as: core.risk_scores }
  compliance_points: { same_as: core.risk_scores }
  findings_points: { same_as: core.risk_scores }
  objections_points: { same_as: core.risk_scores }
  exposure_points: { same_as: core.risk_scores }
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
  rules_version: { same_as: core.risk_scores }
tests:
  # the score's own tests (unique, 0 to 100, the points adding up, the tiers) are on core.risk_scores: the same
  # rows, without writing every row's text to check them
  - not_null: [employer_id, as_of, risk_score, risk_tier, rules_version]
  - reconciles: {sum: "1", by: [as_of], equals: {model: core.risk_scores, sum: "1"}}
*/
WITH sentences AS (
  -- each driver's sentence written once, and made only on the rows where the driver is one of the three
  SELECT r.*,
    CASE WHEN 'arrears_severity' IN (r1, r2, r3) THEN 'Arrears of ' || severity || ' severity: ' || past_due || ' SAR past due' END AS en_1,
    CASE WHEN 'arrears_age' IN (r1, r2, r3) THEN 'The oldest past-due item is ' || oldest_days_past_due || ' days past due' END AS en_2,
    CASE WHEN 'arrears_amount' IN (r1, r2, r3) THEN CASE WHEN billed_lookback > 0
          THEN 'Past due is ' || CAST(round(100 * past_due / billed_lookback) AS BIGINT) || '% of the last ' || months
            || ' months'' billing'
          ELSE past_due || ' SAR past due with nothing billed in the last ' || months || ' months' END END AS en_3,
    CASE WHEN 'days_late' IN (r1, r2, r3) THEN
      'Invoices due in the last ' || months || ' months were paid ' || CAST(round(days_late_total / invoices_due) AS BIGINT)
          || ' days late on average' END AS en_4,
    CASE WHEN 'invoices_paid_late' IN (r1, r2, r3) THEN
      invoices_paid_late || ' of the last ' || invoices_due || ' invoices paid late' END AS en_5,
    CASE WHEN 'reversed_payments' IN (r1, r2, r3) THEN
      reversed_payments || CASE WHEN reversed_payments = 1 THEN ' payment' ELSE ' payments' END
          || ' reversed in the last ' || months || ' months' END AS en_6,
    CASE WHEN 'compliance' IN (r1, r2, r3) THEN
      'Wages not declared or declared late in ' || months_not_compliant || ' of the last ' || months || ' months' END AS en_7,
    CASE WHEN 'findings' IN (r1, r2, r3) THEN concat_ws(' and ',
            CASE WHEN findings_confirmed > 0 THEN findings_confirmed || ' confirmed' END,
            CASE WHEN findings_open > 0 THEN findings_open || ' open' END)
          || CASE WHEN findings_confirmed + findings_open = 1 THEN ' finding: ' ELSE ' findings: ' END
          || array_to_string(list_transform(finding_rules, x -> replace(x, '_', ' ')), ', ') END AS en_8,
    CASE WHEN 'objections' IN (r1, r2, r3) THEN
      objections || ' objections in the last ' || months || ' months, ' || objections_rejected || ' of '
          || objections_decided || ' decided rejected' END AS en_9,
    CASE WHEN 'exposure' IN (r1, r2, r3) THEN
      contributors || ' contributors and ' || billed_lookback || ' SAR billed in the last ' || months || ' months' END AS en_10,
    CASE WHEN 'arrears_severity' IN (r1, r2, r3) THEN
      'متأخرات بدرجة خطورة ' || CASE severity WHEN 'low' THEN 'منخفضة' WHEN 'medium' THEN 'متوسطة' WHEN 'high' THEN 'عالية'
          ELSE 'حرجة' END || ': ' || past_due || ' ريال متأخرة السداد' END AS ar_1,
    CASE WHEN 'arrears_age' IN (r1, r2, r3) THEN 'أقدم بند متأخر مضى على استحقاقه ' || oldest_days_past_due || ' يومًا' END AS ar_2,
    CASE WHEN 'arrears_amount' IN (r1, r2, r3) THEN CASE WHEN billed_lookback > 0
          THEN 'المتأخرات تعادل ' || CAST(round(100 * past_due / billed_lookback) AS BIGINT) || '% من فواتير آخر ' || months || ' شهرًا'
          ELSE 'متأخرات قدرها ' || past_due || ' ريال دون فواتير في آخر ' || months || ' شهرًا' END END AS ar_3,
    CASE WHEN 'days_late' IN (r1, r2, r3) THEN
      'متوسط تأخر سداد فواتير آخر ' || months || ' شهرًا: ' || CAST(round(days_late_total / invoices_due) AS BIGINT)
        || ' يومًا' END AS ar_4,
    CASE WHEN 'invoices_paid_late' IN (r1, r2, r3) THEN
      invoices_paid_late || ' من آخر ' || invoices_due || ' فاتورة سُدّدت بعد موعدها' END AS ar_5,
    CASE WHEN 'reversed_payments' IN (r1, r2, r3) THEN 'الدفعات الملغاة في آخر ' || months || ' شهرًا: ' || reversed_payments END AS ar_6,
    CASE WHEN 'compliance' IN (r1, r2, r3) THEN
      'أجور لم يُصرَّح عنها أو صُرّح عنها متأخرة في ' || months_not_compliant || ' من آخر ' || months || ' شهرًا' END AS ar_7,
    CASE WHEN 'findings' IN (r1, r2, r3) THEN
      'ملاحظات رقابية ' || concat_ws(' و', CASE WHEN findings_confirmed > 0 THEN 'مؤكدة: ' || findings_confirmed END,
            CASE WHEN findings_open > 0 THEN 'قائمة: ' || findings_open END)
          || ' (' || array_to_string(finding_rules, '، ') || ')' END AS ar_8,
    CASE WHEN 'objections' IN (r1, r2, r3) THEN
      'الاعتراضات في آخر ' || months || ' شهرًا: ' || objections || '، رُفض منها ' || objections_rejected || ' من '
          || objections_decided || ' بُتّ فيها' END AS ar_9,
    CASE WHEN 'exposure' IN (r1, r2, r3) THEN
      'المشتركون: ' || contributors || '، والفواتير في آخر ' || months || ' شهرًا: ' || billed_lookback || ' ريال' END AS ar_10
  FROM (SELECT s.*, c.*, c.lookback_months AS months, s.reason_1_driver AS r1, s.reason_2_driver AS r2, s.reason_3_driver AS r3
    FROM core.risk_scores AS s CROSS JOIN core.risk_caps AS c) AS r
)
SELECT
  employer_id, as_of, risk_score,
  risk_tier,
  -- the JSON written as text in one concat and checked once by the cast: to_json over a list of structs (with each
  -- driver's evidence its own JSON value) cost five times as much. The text is what to_json wrote: the points and
  -- caps with one decimal, the amounts as doubles (30737.2), the rules a JSON list.
  CAST(concat(
    '[{"driver":"arrears_severity","points":', arrears_severity_points, ',"max_points":', arrears_severity_max_points,
    ',"evidence":{"severity":"', severity, '","past_due":', CAST(past_due AS DOUBLE),
    '}},{"driver":"arrears_age","points":', arrears_age_points, ',"max_points":', arrears_age_max_points,
    ',"evidence":{"oldest_days_past_due":', oldest_days_past_due,
    '}},{"driver":"arrears_amount","points":', arrears_amount_points, ',"max_points":', arrears_amount_max_points,
    ',"evidence":{"past_due":', CAST(past_due AS DOUBLE), ',"billed_lookback":', CAST(billed_lookback AS DOUBLE),
    '}},{"driver":"days_late","points":', days_late_points, ',"max_points":', days_late_max_points,
    ',"evidence":{"invoices_due":', invoices_due, ',"days_late_total":', days_late_total,
    '}},{"driver":"invoices_paid_late","points":', invoices_paid_late_points, ',"max_points":', invoices_paid_late_max_points,
    ',"evidence":{"invoices_due":', invoices_due, ',"invoices_paid_late":', invoices_paid_late,
    '}},{"driver":"reversed_payments","points":', reversed_payments_points, ',"max_points":', reversed_payments_max_points,
    ',"evidence":{"reversed_payments":', reversed_payments,
    '}},{"driver":"compliance","points":', compliance_points, ',"max_points":', compliance_max_points,
    ',"evidence":{"months_not_compliant":', months_not_compliant,
    '}},{"driver":"findings","points":', findings_points, ',"max_points":', findings_max_points,
    ',"evidence":{"open":', findings_open, ',"confirmed":', findings_confirmed, ',"low":', findings_low, ',"medium":', findings_medium,
    ',"high":', findings_high, ',"critical":', findings_critical, ',"rules":', CAST(to_json(finding_rules) AS VARCHAR),
    '}},{"driver":"objections","points":', objections_points, ',"max_points":', objections_max_points,
    ',"evidence":{"objections":', objections, ',"decided":', objections_decided, ',"rejected":', objections_rejected,
    '}},{"driver":"exposure","points":', exposure_points, ',"max_points":', exposure_max_points,
    ',"evidence":{"contributors":', contributors, ',"billed_lookback":', CAST(billed_lookback AS DOUBLE), '}}]') AS JSON) AS drivers,
  arrears_severity_points, arrears_age_points, arrears_amount_points, days_late_points, invoices_paid_late_points,
  reversed_payments_points, compliance_points, findings_points, objections_points, exposure_points,
  -- each reason is its driver's sentence, picked by the driver's place in the scorecard's order
  en[p1] AS reason_1_en, ar[p1] AS reason_1_ar, en[p2] AS reason_2_en, ar[p2] AS reason_2_ar, en[p3] AS reason_3_en,
  ar[p3] AS reason_3_ar,
  rules_version
FROM (
  SELECT *, [en_1, en_2, en_3, en_4, en_5, en_6, en_7, en_8, en_9, en_10] AS en,
    [ar_1, ar_2, ar_3, ar_4, ar_5, ar_6, ar_7, ar_8, ar_9, ar_10] AS ar,
    list_position(driver_codes, r1) AS p1, list_position(driver_codes, r2) AS p2, list_position(driver_codes, r3) AS p3
  FROM sentences
)
