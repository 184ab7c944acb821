/*
description: >
  Under-declaration (rules.md §8): a contributor still engaged whose wage is cut to exactly a
  floor (contributions.wage_floors.annuities) or the Saudization threshold
  (detectors.saudization_threshold), at most max_cut_ratio × their usual wage (the median of their
  earlier months with the employer). Wages bunch at these values because they are the least that
  can be declared (the floor) or that still counts a Saudi fully (the threshold); being cut down
  to one is the tell. Only individual cuts count: the cut must also be max_cut_ratio × deeper than
  the median move of the employer's other people that month, so the people of a firm-wide drop (that
  detector's finding) are not each reported again, while one person cut to a floor inside it is.
grain: one row per contributor and employer (the first month at the bunching value)
materialized: table
params:
  detectors_under_declaration_severity: varchar
  detectors_under_declaration_max_cut_ratio: decimal
  detectors_under_declaration_min_history_months: integer
  contributions_wage_floors_annuities: decimal
  detectors_saudization_threshold: decimal
columns:
  rule: Detector that raised the finding.
  rule_version: Version of the detector's logic; raised when what it flags changes.
  entity: Kind of row that tripped it, in the extracts' words.
  entity_id: Key of that row.
  employer_id: Employer concerned.
  contributor_id: Contributor concerned, where there is one.
  period: Month YYYY-MM, where the finding has one.
  severity: low, medium, high or critical (the detector's severity setting).
  score: How far past its threshold (1 = at the threshold); ranks findings of one rule.
  evidence: JSON with the values that tripped the rule and the threshold crossed.
tests:
  - unique: [rule, entity, entity_id, period]
  - not_null: [rule, entity, entity_id, severity, score]
*/
WITH history AS (
  SELECT w.*,
         median(wage) OVER earlier AS usual,
         count(*) OVER earlier AS months_before
  FROM core.detector_wages AS w
  WINDOW earlier AS (PARTITION BY employer_id, contributor_id ORDER BY month_index ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
cuts AS (
  SELECT h.*, wage / usual AS ratio,
         CASE WHEN wage = getvariable('detectors_saudization_threshold') THEN 'saudization_threshold' ELSE 'wage_floor' END AS bunched_at
  FROM history AS h
  WHERE wage IN (getvariable('contributions_wage_floors_annuities'), getvariable('detectors_saudization_threshold'))
    AND months_before >= getvariable('detectors_under_declaration_min_history_months')
    AND usual > 0
    AND wage <= usual * getvariable('detectors_under_declaration_max_cut_ratio')
    -- an individual cut: deeper than the rest of the firm moved that month (a firm-wide drop moves everyone)
    AND wage / usual <= getvariable('detectors_under_declaration_max_cut_ratio') * coalesce((
          SELECT median(o.wage / p.wage) FROM core.detector_wages AS o
          JOIN core.detector_wages AS p
            ON p.employer_id = o.employer_id AND p.contributor_id = o.contributor_id AND p.month_index = o.month_index - 1
          WHERE o.employer_id = h.employer_id AND o.period = h.period AND o.contributor_id <> h.contributor_id AND p.wage > 0), 1)
  QUALIFY row_number() OVER (PARTITION BY employer_id, contributor_id ORDER BY month_index) = 1
)
SELECT 'under_declaration' AS rule, 1 AS rule_version, 'wage' AS entity,
       period || '|' || employer_id || '|' || contributor_id AS entity_id,
       employer_id, contributor_id, period,
       getvariable('detectors_under_declaration_severity') AS severity,
       CAST(getvariable('detectors_under_declaration_max_cut_ratio') / ratio AS DOUBLE) AS score,
       json_object('wage', wage, 'usual_wage', CAST(usual AS DECIMAL(18,2)), 'bunched_at', bunched_at,
                   'cut_ratio', round(ratio, 2), 'max_cut_ratio', getvariable('detectors_under_declaration_max_cut_ratio')) AS evidence
FROM cuts
