/*
description: >
  Under-declaration (rules.md §8): a contributor still engaged whose wage is cut to exactly a
  floor (contributions.wage_floors.annuities) or the Saudization threshold
  (detectors.saudization_threshold), at most max_cut_ratio × their usual wage (the median of their
  earlier months with the employer). Wages bunch at these values because they are the least that
  can be declared (the floor) or that still counts a Saudi fully (the threshold); being cut down
  to one is the tell. Only individual cuts count: when others above the floor are cut the same month
  it is a firm-wide drop (that detector reports it once), unless this cut is twice as deep as where
  the others stand. A cut to exactly the threshold is the person's own even then when its proportion
  is not the firm's (further than firm_ratio_tolerance from the others' median): a firm-wide cut applies
  one proportion to everyone, and the least that keeps a Saudi counting for Nitaqat (§7) was chosen for
  that person; a cut to the floor inside a drop is the floor stopping the firm's cut. A month with an
  extra zero (wage_times_ten) is not usual.
description_ar: تخفيض أجر مشترك إلى الحد الأدنى للأجر الخاضع للاشتراك أو عتبة التوطين تمامًا، دون أجره المعتاد بكثير.
grain: one row per contributor and employer (the first month at the bunching value)
materialized: table
params:
  detectors_under_declaration_severity: varchar
  detectors_under_declaration_max_cut_ratio: decimal
  detectors_under_declaration_min_history_months: integer
  detectors_under_declaration_firm_ratio_tolerance: decimal
  contributions_wage_floors_annuities: decimal
  detectors_saudization_threshold: decimal
*/
WITH cuts AS (
  SELECT w.*, wage / usual_before AS ratio,
         CASE WHEN wage = getvariable('detectors_saudization_threshold') THEN 'saudization_threshold' ELSE 'wage_floor' END AS bunched_at
  FROM core.detector_wage_history AS w
  -- usual_before leaves a month with an extra zero out: a slip (wage_times_ten's finding) is not the usual wage
  WHERE wage IN (getvariable('contributions_wage_floors_annuities'), getvariable('detectors_saudization_threshold'))
    AND months_before >= getvariable('detectors_under_declaration_min_history_months')
    AND usual_before > 0
    AND wage <= usual_before * getvariable('detectors_under_declaration_max_cut_ratio')
  QUALIFY row_number() OVER (PARTITION BY employer_key, contributor_key ORDER BY month_index) = 1
),
firm AS (
  -- where the employer's other people above the floor stand against their own usual wage that month
  SELECT c.employer_key, c.contributor_key, c.month_index,
         count(*) FILTER (WHERE o.wage <= o.usual_before * getvariable('detectors_under_declaration_max_cut_ratio')) AS others_cut,
         median(o.wage / o.usual_before) AS others_ratio
  FROM cuts AS c
  JOIN core.detector_wage_history AS o
    ON o.employer_key = c.employer_key AND o.month_index = c.month_index AND o.contributor_key <> c.contributor_key
   AND o.usual_before > getvariable('contributions_wage_floors_annuities')
  GROUP BY ALL
),
individual AS (
  -- an individual cut: nobody else at the employer cut that month, a cut far deeper (half) than the firm's, or one
  -- to exactly the threshold at a proportion other than the firm's; otherwise it is a firm-wide drop, reported once
  SELECT c.* FROM cuts AS c LEFT JOIN firm AS f USING (employer_key, contributor_key, month_index)
  WHERE coalesce(f.others_cut, 0) = 0 OR c.ratio <= 0.5 * f.others_ratio OR (c.bunched_at = 'saudization_threshold'
         AND abs(c.ratio - f.others_ratio) > getvariable('detectors_under_declaration_firm_ratio_tolerance'))
)
SELECT 'under_declaration' AS rule, 3 AS rule_version, 'wage' AS entity,
       m.period || '|' || e.employer_id || '|' || c.contributor_id AS entity_id,
       e.employer_id, c.contributor_id, m.period,
       getvariable('detectors_under_declaration_severity') AS severity,
       CAST(getvariable('detectors_under_declaration_max_cut_ratio') / ratio AS DOUBLE) AS score,
       json_object('wage', wage, 'usual_wage', CAST(usual_before AS DECIMAL(18,2)), 'bunched_at', bunched_at,
                   'cut_ratio', round(ratio, 2), 'max_cut_ratio', getvariable('detectors_under_declaration_max_cut_ratio')) AS evidence
FROM individual
JOIN core.detector_employers AS e USING (employer_key)
JOIN core.detector_contributors AS c USING (contributor_key)
JOIN core.detector_months AS m USING (month_index)
