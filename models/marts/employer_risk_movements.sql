/*
description: >
  How each employer's risk moved since the previous month-end (issue 19, item 2): for every date of
  core.risk_scores (the scores of marts.employer_risk), the employer's tier and score against those of the latest month-end before it
  (the month-end before, or for the as-of date the month-end it follows). movement is up or down when
  the tier changed (tiers ordered low < medium < high < critical), same when it did not, new when the
  employer had no score then. drivers_moved lists the drivers whose points changed, the largest change
  first (at most three), with their points then and now; mover_rank ranks the employers of a date by the
  size of their score's change (1 = moved most; ties by employer), so the top movers are mover_rank ≤ N.
  A view over core.risk_movements, which keeps the numbers: the JSON is written when read, so the build
  stores no text and a reader of the top movers writes only theirs (docs/risk.md).
description_ar: >
  حركة مخاطر كل منشأة منذ نهاية الشهر السابق: الفئة والدرجة مقارنة بآخر نهاية شهر قبلها (ارتفاع أو
  انخفاض أو ثبات أو جديدة)، والمحركات التي تغيرت نقاطها أكثر من غيرها، وترتيب المنشآت حسب حجم تغير الدرجة.
grain: one row per employer_id and as_of
materialized: view
columns:
  employer_id: { same_as: core.risk_movements }
  as_of: { same_as: core.risk_movements }
  previous_as_of: { same_as: core.risk_movements }
  risk_score: { same_as: core.risk_movements }
  previous_score: { same_as: core.risk_movements }
  score_delta: { same_as: core.risk_movements }
  risk_tier: { same_as: core.risk_movements }
  previous_tier: { same_as: core.risk_movements }
  movement: { same_as: core.risk_movements }
  drivers_moved:
    description: JSON list of at most three drivers whose points changed most, each {driver, points, previous_points, delta}.
    description_ar: قائمة JSON بأكثر ثلاثة محركات تغيرت نقاطها، مع نقاطها قبل وبعد.
  mover_rank: { same_as: core.risk_movements }
tests:
  # the movements' own tests are on core.risk_movements: the same rows, without writing every row's JSON to check them
  - not_null: [employer_id, as_of, movement]
  - reconciles: {sum: "1", by: [as_of], equals: {model: core.risk_movements, sum: "1"}}
*/
SELECT
  employer_id, as_of, previous_as_of, risk_score, previous_score, score_delta, risk_tier, previous_tier, movement,
  -- the JSON as to_json wrote it, each driver {driver, points, previous_points, delta}: one concat per driver that moved
  CAST(concat('[', array_to_string(list_transform(
    list_filter([
      {driver: moved_1_driver, points: moved_1_points, previous_points: moved_1_previous_points},
      {driver: moved_2_driver, points: moved_2_points, previous_points: moved_2_previous_points},
      {driver: moved_3_driver, points: moved_3_points, previous_points: moved_3_previous_points}], m -> m.driver IS NOT NULL),
    m -> concat('{"driver":"', m.driver, '","points":', m.points, ',"previous_points":',
      coalesce(CAST(m.previous_points AS VARCHAR), 'null'), ',"delta":',
      CAST(m.points - coalesce(m.previous_points, 0) AS DECIMAL(5,1)), '}')), ','), ']') AS JSON) AS drivers_moved,
  mover_rank
FROM core.risk_movements
