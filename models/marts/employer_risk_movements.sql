/*
description: >
  How each employer's risk moved since the previous month-end (issue 19, item 2): for every date of
  marts.employer_risk, the employer's tier and score against those of the latest month-end before it
  (the month-end before, or for the as-of date the month-end it follows). movement is up or down when
  the tier changed (tiers ordered low < medium < high < critical), same when it did not, new when the
  employer had no score then. drivers_moved lists the drivers whose points changed, the largest change
  first (at most three), with their points then and now; mover_rank ranks the employers of a date by the
  size of their score's change (1 = moved most; ties by employer), so the top movers are mover_rank ≤ N.
description_ar: >
  حركة مخاطر كل منشأة منذ نهاية الشهر السابق: الفئة والدرجة مقارنة بآخر نهاية شهر قبلها (ارتفاع أو
  انخفاض أو ثبات أو جديدة)، والمحركات التي تغيرت نقاطها أكثر من غيرها، وترتيب المنشآت حسب حجم تغير الدرجة.
grain: one row per employer_id and as_of
materialized: table
columns:
  employer_id:
    description: Employer.
    description_ar: المنشأة.
  as_of:
    description: Date of the score (month-end or the as-of date).
    description_ar: تاريخ الدرجة.
  previous_as_of:
    description: The month-end compared with (null for the first date).
    description_ar: نهاية الشهر التي تُقارن بها.
  risk_score:
    description: Score at as_of.
    description_ar: الدرجة في التاريخ.
  previous_score:
    description: Score at previous_as_of (null when the employer had none).
    description_ar: الدرجة في نهاية الشهر السابقة.
  score_delta:
    description: risk_score − previous_score (the whole score for a new employer).
    description_ar: تغير الدرجة.
  risk_tier:
    description: Tier at as_of.
    description_ar: الفئة في التاريخ.
  previous_tier:
    description: Tier at previous_as_of (null when new).
    description_ar: الفئة في نهاية الشهر السابقة.
  movement:
    description: up, down, same or new.
    description_ar: "الحركة: ارتفاع أو انخفاض أو ثبات أو جديدة."
  drivers_moved:
    description: JSON list of at most three drivers whose points changed most, each {driver, points, previous_points, delta}.
    description_ar: قائمة JSON بأكثر ثلاثة محركات تغيرت نقاطها، مع نقاطها قبل وبعد.
  mover_rank:
    description: Rank of the employer among the date's by the absolute score change (1 = moved most).
    description_ar: ترتيب المنشأة بين منشآت التاريخ حسب القيمة المطلقة لتغير الدرجة.
tests:
  - unique: [employer_id, as_of]
  - not_null: [employer_id, as_of, risk_score, risk_tier, movement, score_delta, mover_rank]
  - accepted_values: {column: movement, values: [up, down, same, new]}
  - expression: (movement = 'new') = (previous_tier IS NULL)
    name: new exactly when there is no previous tier
  - expression: movement = 'new' OR score_delta = risk_score - previous_score
*/
WITH dates AS (
  -- the last month-end before each date: a running max over the dates in order, not a subquery per date
  SELECT as_of,
    max(CASE WHEN last_day(as_of) = as_of THEN as_of END) OVER (ORDER BY as_of ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
      AS previous_as_of
  FROM (SELECT DISTINCT as_of FROM marts.employer_risk)
),
pairs AS (
  SELECT r.employer_id, r.as_of, d.previous_as_of, r.risk_score, p.risk_score AS previous_score, r.risk_tier,
    p.risk_tier AS previous_tier,
    list_position(['low', 'medium', 'high', 'critical'], r.risk_tier)
      - list_position(['low', 'medium', 'high', 'critical'], p.risk_tier) AS steps,
    [{'driver': 'arrears_severity', 'points': r.arrears_severity_points, 'previous_points': p.arrears_severity_points},
     {'driver': 'arrears_age', 'points': r.arrears_age_points, 'previous_points': p.arrears_age_points},
     {'driver': 'arrears_amount', 'points': r.arrears_amount_points, 'previous_points': p.arrears_amount_points},
     {'driver': 'days_late', 'points': r.days_late_points, 'previous_points': p.days_late_points},
     {'driver': 'invoices_paid_late', 'points': r.invoices_paid_late_points, 'previous_points': p.invoices_paid_late_points},
     {'driver': 'reversed_payments', 'points': r.reversed_payments_points, 'previous_points': p.reversed_payments_points},
     {'driver': 'compliance', 'points': r.compliance_points, 'previous_points': p.compliance_points},
     {'driver': 'findings', 'points': r.findings_points, 'previous_points': p.findings_points},
     {'driver': 'objections', 'points': r.objections_points, 'previous_points': p.objections_points},
     {'driver': 'exposure', 'points': r.exposure_points, 'previous_points': p.exposure_points}] AS points
  FROM marts.employer_risk AS r
  JOIN dates AS d ON d.as_of = r.as_of
  LEFT JOIN marts.employer_risk AS p ON p.employer_id = r.employer_id AND p.as_of = d.previous_as_of
),
moved AS (
  SELECT *,
    CAST(risk_score - coalesce(previous_score, 0) AS DECIMAL(5,1)) AS score_delta,
    -- each driver's change (a new employer's points change from nothing), the largest first, ties in the drivers' order:
    -- each driver as one integer, its change in tenths times 16 plus 16 less its place, so that a descending sort of
    -- integers ranks them (a sort of structs cost more); a driver whose points did not change is below 16
    list_transform(list_slice(list_reverse_sort(list_filter(list_transform(points,
      (x, i) -> CAST(abs(x.points - coalesce(x.previous_points, 0)) * 160 AS INTEGER) + 16 - i), k -> k >= 16)), 1, 3),
      k -> {'driver': points[16 - k % 16].driver, 'points': points[16 - k % 16].points,
        'previous_points': points[16 - k % 16].previous_points,
        'delta': points[16 - k % 16].points - coalesce(points[16 - k % 16].previous_points, 0)}) AS top
  FROM pairs
)
SELECT
  employer_id, as_of, previous_as_of, risk_score, previous_score, score_delta, risk_tier, previous_tier,
  CASE WHEN previous_tier IS NULL THEN 'new' WHEN steps > 0 THEN 'up' WHEN steps < 0 THEN 'down' ELSE 'same' END AS movement,
  to_json(top) AS drivers_moved,
  row_number() OVER (PARTITION BY as_of ORDER BY abs(score_delta) DESC, employer_id) AS mover_rank
FROM moved
