/*
description: >
  Robust wage outliers (rules.md §8, statistical) by the modified z-score 0.6745 · (x − median) /
  MAD, flagged over max_modified_z; when the MAD is 0, the mean-absolute-deviation form (x −
  median) / (1.2533 · meanAD); when that is 0 too, nothing is judged. Two tests: a month's wage
  against the contributor's own history with the employer (at least min_history_months, and a
  change of at least min_relative_change, so a yearly raise on a flat history is not an outlier),
  rule wage_outlier; and a contributor's usual wage (log scale, wages being skewed) against their
  peer group (sector × size class × Saudi or not), rule wage_outlier_peer.
description_ar: أجور شاذة بالدرجة المعيارية المعدلة، مقارنةً بتاريخ المشترك نفسه أو بأقرانه.
grain: one row per outlying wage, and one per outlying contributor
materialized: table
params:
  detectors_wage_outlier_severity: varchar
  detectors_wage_outlier_max_modified_z: decimal
  detectors_wage_outlier_min_history_months: integer
  detectors_wage_outlier_min_relative_change: decimal
*/
WITH own_candidates AS (
  -- a finding also needs a change of min_relative_change from the usual wage, which needs no spread: the few
  -- people with such a month, found by one scan, are the only ones whose spread is worth taking
  SELECT DISTINCT employer_key, contributor_key FROM core.detector_wage_history
  WHERE months >= getvariable('detectors_wage_outlier_min_history_months') AND usual_wage > 0
    -- a wage equal to the usual one (most months) is no change, unless min_relative_change is 0: no division needed
    AND (wage <> usual_wage OR getvariable('detectors_wage_outlier_min_relative_change') <= 0)
    AND abs(wage / usual_wage - 1) >= getvariable('detectors_wage_outlier_min_relative_change')
),
own AS (
  -- every month of those people (months and usual_wage are the person's, so each already has enough history)
  SELECT w.month_index, w.employer_key, w.contributor_key, w.wage, w.months, w.usual_wage AS usual
  FROM core.detector_wage_history AS w SEMI JOIN own_candidates AS c USING (employer_key, contributor_key)
),
own_spread AS (
  SELECT o.*, s.mad, s.meanad FROM own AS o JOIN (
    SELECT employer_key, contributor_key, median(abs(wage - usual)) AS mad, avg(abs(wage - usual)) AS meanad FROM own GROUP BY ALL
  ) AS s USING (employer_key, contributor_key)
),
own_scored AS (SELECT *, CASE WHEN mad > 0 THEN 0.6745 * (wage - usual) / mad
            WHEN meanad > 0 THEN (wage - usual) / (1.2533 * meanad) END AS z FROM own_spread),
people AS (
  SELECT w.employer_key, w.contributor_key, e.peer_group || '|' || CASE WHEN w.saudi THEN 'saudi' ELSE 'non_saudi' END AS peers,
         w.usual_wage AS usual, ln(greatest(w.usual_wage, 1)) AS x
  FROM core.detector_wage_history AS w JOIN core.detector_employers AS e USING (employer_key)
  WHERE w.nth = 1  -- one row per person and employer
),
peer_centred AS (
  SELECT p.*, g.med, g.n FROM people AS p JOIN (SELECT peers, median(x) AS med, count(*) AS n FROM people GROUP BY peers) AS g USING (peers)
),
-- each peer group's spread by one grouping, not a window over every person
peer_spread AS (
  SELECT c.*, g.mad, g.meanad FROM peer_centred AS c
  JOIN (SELECT peers, median(abs(x - med)) AS mad, avg(abs(x - med)) AS meanad FROM peer_centred GROUP BY peers) AS g USING (peers)
),
peer_scored AS (SELECT *, CASE WHEN mad > 0 THEN 0.6745 * (x - med) / mad
            WHEN meanad > 0 THEN (x - med) / (1.2533 * meanad) END AS z FROM peer_spread)
SELECT 'wage_outlier' AS rule, 1 AS rule_version, 'wage' AS entity, m.period || '|' || e.employer_id || '|' || c.contributor_id AS entity_id,
       e.employer_id, c.contributor_id, m.period,
       getvariable('detectors_wage_outlier_severity') AS severity,
       CAST(abs(z) / getvariable('detectors_wage_outlier_max_modified_z') AS DOUBLE) AS score,
       json_object('wage', wage, 'own_median', CAST(usual AS DECIMAL(18,2)), 'own_mad', CAST(mad AS DECIMAL(18,2)), 'months', months,
                   'modified_z', round(z, 2), 'max_modified_z', getvariable('detectors_wage_outlier_max_modified_z'),
                   'min_relative_change', getvariable('detectors_wage_outlier_min_relative_change')) AS evidence
FROM own_scored
JOIN core.detector_employers AS e USING (employer_key)
JOIN core.detector_contributors AS c USING (contributor_key)
JOIN core.detector_months AS m USING (month_index)
WHERE abs(z) > getvariable('detectors_wage_outlier_max_modified_z')
  AND abs(wage / usual - 1) >= getvariable('detectors_wage_outlier_min_relative_change')
UNION ALL
SELECT 'wage_outlier_peer', 1, 'contributor', c.contributor_id, e.employer_id, c.contributor_id, CAST(NULL AS VARCHAR),
       getvariable('detectors_wage_outlier_severity'),
       CAST(abs(z) / getvariable('detectors_wage_outlier_max_modified_z') AS DOUBLE),
       json_object('usual_wage', CAST(usual AS DECIMAL(18,2)), 'peer_group', peers, 'peer_median_wage', CAST(exp(med) AS DECIMAL(18,2)),
                   'peers', n, 'modified_z_log_wage', round(z, 2), 'max_modified_z', getvariable('detectors_wage_outlier_max_modified_z'))
FROM peer_scored
JOIN core.detector_employers AS e USING (employer_key)
JOIN core.detector_contributors AS c USING (contributor_key)
WHERE abs(z) > getvariable('detectors_wage_outlier_max_modified_z')
QUALIFY row_number() OVER (PARTITION BY c.contributor_id ORDER BY abs(z) DESC, e.employer_id) = 1
