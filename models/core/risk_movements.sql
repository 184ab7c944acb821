/*
description: >
  How each employer's risk moved since the previous month-end, as numbers (issue 19, item 2): for every date
  of core.risk_scores, the employer's tier and score against those of the latest month-end before it (the
  month-end before, or for the as-of date the month-end it follows), the movement, the rank of the employer
  among the date's by the size of its score's change, and the (at most three) drivers whose points changed
  most with their points then and now. marts.employer_risk_movements is the view that writes the drivers
  as JSON when read, so the build stores no text (docs/risk.md).
description_ar: >
  حركة مخاطر كل منشأة منذ نهاية الشهر السابق بالأرقام: الفئة والدرجة مقارنة بآخر نهاية شهر قبلها، والحركة،
  وترتيب المنشأة حسب حجم تغير الدرجة، وأكثر ثلاثة محركات تغيرت نقاطها مع نقاطها قبل وبعد.
grain: one row per employer_id and as_of
materialized: table
columns:
  employer_id: { same_as: core.risk_scores }
  as_of: { same_as: core.risk_scores }
  previous_as_of:
    description: The month-end compared with (null for the first date).
    description_ar: نهاية الشهر التي تُقارن بها.
  risk_score: { same_as: core.risk_scores }
  previous_score:
    description: Score at previous_as_of (null when the employer had none).
    description_ar: الدرجة في نهاية الشهر السابقة.
  score_delta:
    description: risk_score − previous_score (the whole score for a new employer).
    description_ar: تغير الدرجة.
  risk_tier: { same_as: core.risk_scores }
  previous_tier:
    description: Tier at previous_as_of (null when new).
    description_ar: الفئة في نهاية الشهر السابقة.
  movement:
    description: up, down, same or new.
    description_ar: "الحركة: ارتفاع أو انخفاض أو ثبات أو جديدة."
  mover_rank:
    description: Rank of the employer among the date's by the absolute score change (1 = moved most).
    description_ar: ترتيب المنشأة بين منشآت التاريخ حسب القيمة المطلقة لتغير الدرجة.
  moved_1_driver:
    description: Code of the driver whose points changed most (null when none changed); ties in the drivers' order.
    description_ar: رمز المحرك الذي تغيرت نقاطه أكثر من غيره.
  moved_1_points:
    description: That driver's points at as_of.
    description_ar: نقاط ذلك المحرك في التاريخ.
  moved_1_previous_points:
    description: Its points at previous_as_of (null when new).
    description_ar: نقاطه في نهاية الشهر السابقة.
  moved_2_driver:
    description: The driver that changed second most.
    description_ar: المحرك الثاني في حجم التغير.
  moved_2_points:
    description: Its points at as_of.
    description_ar: نقاطه في التاريخ.
  moved_2_previous_points:
    description: Its points at previous_as_of.
    description_ar: نقاطه في نهاية الشهر السابقة.
  moved_3_driver:
    description: The driver that changed third most.
    description_ar: المحرك الثالث في حجم التغير.
  moved_3_points:
    description: Its points at as_of.
    description_ar: نقاطه في التاريخ.
  moved_3_previous_points:
    description: Its points at previous_as_of.
    description_ar: نقاطه في نهاية الشهر السابقة.
tests:
  # one row per employer and date by construction: core.risk_scores' rows (unique there), each joined to at most one
  # score of its employer at one previous date and to its own rank; a test of that would re-prove core.risk_scores'
  - not_null: [employer_id, as_of, risk_score, risk_tier, movement, score_delta, mover_rank]
  - accepted_values: {column: movement, values: [up, down, same, new]}
  - expression: (movement = 'new') = (previous_tier IS NULL)
    name: new exactly when there is no previous tier
  - expression: movement = 'new' OR score_delta = risk_score - previous_score
  - expression: (moved_1_driver IS NULL OR moved_1_points IS NOT NULL) AND (moved_3_driver IS NULL OR moved_2_driver IS NOT NULL)
    name: the moved drivers in order, each with its points
*/
WITH dates AS (
  -- the last month-end before each date: a running max over the dates in order, not a subquery per date
  SELECT as_of,
    max(CASE WHEN last_day(as_of) = as_of THEN as_of END) OVER (ORDER BY as_of ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
      AS previous_as_of
  FROM (SELECT DISTINCT as_of FROM core.risk_scores)
),
-- not materialized: the ranks read three of its columns, and planning it into each reader costs less than
-- storing every column of 2.4 million pairs once for both
pairs AS NOT MATERIALIZED (
  SELECT r.employer_id, r.as_of, d.previous_as_of, r.risk_score, p.risk_score AS previous_score, r.risk_tier,
    p.risk_tier AS previous_tier,
    list_position(['low', 'medium', 'high', 'critical'], r.risk_tier)
      - list_position(['low', 'medium', 'high', 'critical'], p.risk_tier) AS steps,
    CAST(r.risk_score - coalesce(p.risk_score, 0) AS DECIMAL(5,1)) AS score_delta,
    r.arrears_severity_points, r.arrears_age_points, r.arrears_amount_points, r.days_late_points, r.invoices_paid_late_points,
    r.reversed_payments_points, r.compliance_points, r.findings_points, r.objections_points, r.exposure_points,
    p.arrears_severity_points AS previous_arrears_severity_points, p.arrears_age_points AS previous_arrears_age_points,
    p.arrears_amount_points AS previous_arrears_amount_points, p.days_late_points AS previous_days_late_points,
    p.invoices_paid_late_points AS previous_invoices_paid_late_points, p.reversed_payments_points AS previous_reversed_payments_points,
    p.compliance_points AS previous_compliance_points, p.findings_points AS previous_findings_points,
    p.objections_points AS previous_objections_points, p.exposure_points AS previous_exposure_points,
    -- each driver's change as one integer (a new employer's points change from nothing): the change in tenths times
    -- 16 plus 16 less the driver's place, so that the largest is the driver that moved most, ties in the drivers'
    -- order, and a driver whose points did not change is below 16
    CAST(abs(r.arrears_severity_points - coalesce(p.arrears_severity_points, 0)) * 160 AS INTEGER) + 15 AS k1,
    CAST(abs(r.arrears_age_points - coalesce(p.arrears_age_points, 0)) * 160 AS INTEGER) + 14 AS k2,
    CAST(abs(r.arrears_amount_points - coalesce(p.arrears_amount_points, 0)) * 160 AS INTEGER) + 13 AS k3,
    CAST(abs(r.days_late_points - coalesce(p.days_late_points, 0)) * 160 AS INTEGER) + 12 AS k4,
    CAST(abs(r.invoices_paid_late_points - coalesce(p.invoices_paid_late_points, 0)) * 160 AS INTEGER) + 11 AS k5,
    CAST(abs(r.reversed_payments_points - coalesce(p.reversed_payments_points, 0)) * 160 AS INTEGER) + 10 AS k6,
    CAST(abs(r.compliance_points - coalesce(p.compliance_points, 0)) * 160 AS INTEGER) + 9 AS k7,
    CAST(abs(r.findings_points - coalesce(p.findings_points, 0)) * 160 AS INTEGER) + 8 AS k8,
    CAST(abs(r.objections_points - coalesce(p.objections_points, 0)) * 160 AS INTEGER) + 7 AS k9,
    CAST(abs(r.exposure_points - coalesce(p.exposure_points, 0)) * 160 AS INTEGER) + 6 AS k10
  FROM core.risk_scores AS r
  JOIN dates AS d ON d.as_of = r.as_of
  LEFT JOIN core.risk_scores AS p ON p.employer_id = r.employer_id AND p.as_of = d.previous_as_of
),
first AS (
  SELECT *, greatest(k1, k2, k3, k4, k5, k6, k7, k8, k9, k10) AS t1 FROM pairs
),
second AS (
  -- the largest below the first, then below the second: three scalar maxima instead of sorting a list per row
  SELECT *, greatest(CASE WHEN k1 < t1 THEN k1 END, CASE WHEN k2 < t1 THEN k2 END, CASE WHEN k3 < t1 THEN k3 END,
    CASE WHEN k4 < t1 THEN k4 END, CASE WHEN k5 < t1 THEN k5 END, CASE WHEN k6 < t1 THEN k6 END,
    CASE WHEN k7 < t1 THEN k7 END, CASE WHEN k8 < t1 THEN k8 END, CASE WHEN k9 < t1 THEN k9 END,
    CASE WHEN k10 < t1 THEN k10 END) AS t2
  FROM first
),
third AS (
  SELECT *, greatest(CASE WHEN k1 < t2 THEN k1 END, CASE WHEN k2 < t2 THEN k2 END, CASE WHEN k3 < t2 THEN k3 END,
    CASE WHEN k4 < t2 THEN k4 END, CASE WHEN k5 < t2 THEN k5 END, CASE WHEN k6 < t2 THEN k6 END,
    CASE WHEN k7 < t2 THEN k7 END, CASE WHEN k8 < t2 THEN k8 END, CASE WHEN k9 < t2 THEN k9 END,
    CASE WHEN k10 < t2 THEN k10 END) AS t3
  FROM second
),
moved AS (
  -- the three drivers' places (1 to 10), null where fewer drivers moved
  SELECT *, CASE WHEN t1 >= 16 THEN 16 - t1 % 16 END AS p1, CASE WHEN t2 >= 16 THEN 16 - t2 % 16 END AS p2,
    CASE WHEN t3 >= 16 THEN 16 - t3 % 16 END AS p3,
    [arrears_severity_points, arrears_age_points, arrears_amount_points, days_late_points, invoices_paid_late_points,
      reversed_payments_points, compliance_points, findings_points, objections_points, exposure_points] AS now_points,
    [previous_arrears_severity_points, previous_arrears_age_points, previous_arrears_amount_points, previous_days_late_points,
      previous_invoices_paid_late_points, previous_reversed_payments_points, previous_compliance_points, previous_findings_points,
      previous_objections_points, previous_exposure_points] AS previous_points,
    (SELECT driver_codes FROM core.risk_caps) AS names
  FROM third
),
ranks AS (
  -- the rank over the keys alone: a window that carried every column would sort them all
  SELECT employer_id, as_of, row_number() OVER (PARTITION BY as_of ORDER BY abs(score_delta) DESC, employer_id) AS mover_rank
  FROM pairs
)
SELECT
  employer_id, as_of, previous_as_of, risk_score, previous_score, score_delta, risk_tier, previous_tier,
  CASE WHEN previous_tier IS NULL THEN 'new' WHEN steps > 0 THEN 'up' WHEN steps < 0 THEN 'down' ELSE 'same' END AS movement,
  mover_rank,
  names[p1] AS moved_1_driver, now_points[p1] AS moved_1_points, previous_points[p1] AS moved_1_previous_points,
  names[p2] AS moved_2_driver, now_points[p2] AS moved_2_points, previous_points[p2] AS moved_2_previous_points,
  names[p3] AS moved_3_driver, now_points[p3] AS moved_3_points, previous_points[p3] AS moved_3_previous_points
FROM moved
JOIN ranks USING (employer_id, as_of)
