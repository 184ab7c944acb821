/*
description: >
  Firm-wide wage drop with unchanged headcount (rules.md §8): in a month, among the contributors
  declared above the wage floor in their previous declared month at the employer (at least
  min_contributors; a month with no wage declared is skipped, not taken for a cut), at least
  min_share_cut are cut to max_median_ratio of that wage or less, or down to the floor (the deepest
  cut there is; the median counts such a cut as at least that deep), while the people engaged
  (engagements, not wage rows: an engaged person with no wage that month is a coverage gap, not a
  leaver) on the last day of the month before and of the month moved by no more than
  max_headcount_change (at least one person), or no more than that many left in the month (joiners
  do not explain a cut). Real pay cuts across a whole firm are rare; a sudden one
  with the same people is the classic way to lower contributions. Where only one person is above the
  floor (the others at or below it: the floor clamps their contributory wage, nothing of theirs can
  fall), the firm's cut shows on that person alone: their wage cut to max_median_ratio of both the
  previous and their usual wage, to a value that is not the floor or the threshold (a cut to those is
  under-declaration's), in a firm of at least min_contributors people engaged, is the firm's drop.
  A firm whose people are all at or below the floor cannot show a cut at all.
description_ar: انخفاض أجور المنشأة كلها من شهر لآخر مع بقاء عدد المشتركين تقريبًا، وهو أسلوب معروف لتخفيض الاشتراكات.
grain: one row per employer and month of the drop
materialized: table
params:
  detectors_firm_wide_drop_severity: varchar
  detectors_firm_wide_drop_max_median_ratio: decimal
  detectors_firm_wide_drop_min_share_cut: decimal
  detectors_firm_wide_drop_min_contributors: integer
  detectors_firm_wide_drop_max_headcount_change: decimal
  contributions_wage_floors_annuities: decimal
  detectors_saudization_threshold: decimal
*/
-- pairs is read twice (the months with a cut, then their medians): two scans cost less than storing 1.4M pairs
WITH pairs AS NOT MATERIALIZED (
  -- each wage against the person's previous declared one (core.detector_wage_history: no self-join); only wages
  -- above the floor can be cut: at the floor a "cut" shows as no change, or a rise to it
  SELECT employer_key, month_index, wage / prev_wage AS ratio, wage / usual_before AS usual_ratio,
         wage <= getvariable('contributions_wage_floors_annuities') AS to_floor,
         wage IN (getvariable('contributions_wage_floors_annuities'), getvariable('detectors_saudization_threshold')) AS bunched
  FROM core.detector_wage_history
  WHERE prev_wage > getvariable('contributions_wage_floors_annuities')
),
months AS (
  SELECT employer_key, month_index, count(*) AS continuing,
         median(CASE WHEN to_floor THEN least(ratio, getvariable('detectors_firm_wide_drop_max_median_ratio')) ELSE ratio END)
           AS median_ratio,
         avg(CASE WHEN ratio <= getvariable('detectors_firm_wide_drop_max_median_ratio') OR to_floor THEN 1 ELSE 0 END) AS share_cut
  FROM pairs
  -- only a month with at least one cut can be a drop (a median of ratios all above max_median_ratio is above it too,
  -- and the lone cut is a cut), so the medians are taken for those months, not for every employer's every month
  WHERE (employer_key, month_index) IN (
    SELECT employer_key, month_index FROM pairs WHERE ratio <= getvariable('detectors_firm_wide_drop_max_median_ratio') OR to_floor)
  GROUP BY employer_key, month_index
  HAVING (count(*) >= getvariable('detectors_firm_wide_drop_min_contributors')
          AND median(CASE WHEN to_floor THEN least(ratio, getvariable('detectors_firm_wide_drop_max_median_ratio')) ELSE ratio END)
              <= getvariable('detectors_firm_wide_drop_max_median_ratio')
          AND avg(CASE WHEN ratio <= getvariable('detectors_firm_wide_drop_max_median_ratio') OR to_floor THEN 1 ELSE 0 END)
              >= getvariable('detectors_firm_wide_drop_min_share_cut'))
      -- the only person above the floor, cut below both their previous and their usual wage, to no bunching value
      OR (count(*) = 1 AND NOT bool_or(bunched)
          AND max(ratio) <= getvariable('detectors_firm_wide_drop_max_median_ratio')
          AND max(usual_ratio) <= getvariable('detectors_firm_wide_drop_max_median_ratio'))
),
named AS (
  -- the few months that qualify, with their employer's id and the month's days
  SELECT m.*, x.employer_id, d.period, d.month_end, d.month_start - 1 AS before_end
  FROM months AS m JOIN core.detector_employers AS x USING (employer_key) JOIN core.detector_months AS d USING (month_index)
),
engaged AS (
  -- the headcount as a snapshot (mandatory engagements on the last day of the month before and of the month), for
  -- the few months that qualify: a leaver replaced inside a month leaves it as it was
  SELECT m.employer_key, m.month_index,
         count(*) FILTER (WHERE e.joined_on <= m.before_end AND (e.left_on IS NULL OR e.left_on > m.before_end)) AS headcount_before,
         count(*) FILTER (WHERE e.joined_on <= m.month_end AND (e.left_on IS NULL OR e.left_on > m.month_end)) AS headcount,
         count(*) FILTER (WHERE e.joined_on <= m.before_end AND e.left_on > m.before_end AND e.left_on <= m.month_end) AS left_before
  FROM named AS m
  JOIN raw.engagements_current AS e ON e.employer_id = m.employer_id AND e.scheme = 'mandatory'
  GROUP BY m.employer_key, m.month_index
)
SELECT 'firm_wide_drop' AS rule, 3 AS rule_version, 'employer' AS entity, m.employer_id AS entity_id,
       m.employer_id, CAST(NULL AS VARCHAR) AS contributor_id, m.period,
       getvariable('detectors_firm_wide_drop_severity') AS severity,
       CAST(getvariable('detectors_firm_wide_drop_max_median_ratio') / m.median_ratio AS DOUBLE) AS score,
       json_object('contributors_above_floor_before', m.continuing, 'median_wage_ratio', round(m.median_ratio, 2),
                   'share_cut', round(m.share_cut, 2), 'engaged_before', g.headcount_before, 'engaged', g.headcount,
                   'left', g.left_before, 'only_one_above_floor', m.continuing = 1,
                   'max_median_ratio', getvariable('detectors_firm_wide_drop_max_median_ratio'),
                   'min_share_cut', getvariable('detectors_firm_wide_drop_min_share_cut')) AS evidence
FROM named AS m
JOIN engaged AS g USING (employer_key, month_index)
-- the same people: the headcount barely moved, or hardly anyone left (joiners do not explain a cut); "barely" is
-- at least one person, or a firm of fewer than 1 ÷ max_headcount_change people would have to keep every one
WHERE (abs(g.headcount - g.headcount_before)
         <= greatest(g.headcount_before * getvariable('detectors_firm_wide_drop_max_headcount_change'), 1)
       OR g.left_before <= greatest(g.headcount_before * getvariable('detectors_firm_wide_drop_max_headcount_change'), 1))
  -- a lone cut is the firm's only in a firm: others engaged beside the one above the floor
  AND (m.continuing >= getvariable('detectors_firm_wide_drop_min_contributors')
       OR g.headcount_before >= getvariable('detectors_firm_wide_drop_min_contributors'))
