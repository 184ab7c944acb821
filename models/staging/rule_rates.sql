/*
description: >
  The effective-dated contribution rate table of config/rules.json (rules.md §1), one row per rule row.
  Changing a rate is an edit to config/rules.json: the table arrives as the JSON parameter
  contributions_rates, so the next build sees the new value in this model's fingerprint and rebuilds
  it and everything that reads it.
grain: one row per branch, nationality, scheme, cohort and from_period
materialized: table
params:
  contributions_rates: {type: varchar, description: "contributions.rates of config/rules.json, as JSON"}
columns:
  branch: annuities, hazards or unemployment.
  nationality: saudi (nationality = SA), non_saudi or any.
  scheme: mandatory or optional.
  cohort: new_regime (first registered on or after contributions.new_regime_from), legacy or any.
  from_period: First period (YYYY-MM) the row applies to; it applies until a later matching row.
  employer_rate: Employer's share of the contributory wage.
  contributor_rate: Contributor's share of the contributory wage.
  rate_ppm: Both shares together in parts per million (exact integer arithmetic downstream).
  specificity: 2 for a cohort-specific row plus 1 for a nationality-specific one; at equal from_period the higher wins.
  note: Free text from the configuration.
tests:
  - not_null: [branch, nationality, scheme, cohort, from_period, employer_rate, contributor_rate]
  - unique: [branch, nationality, scheme, cohort, from_period]
  - accepted_values: {column: branch, values: [annuities, hazards, unemployment]}
  - expression: employer_rate >= 0 AND contributor_rate >= 0 AND employer_rate + contributor_rate <= 2
*/
WITH rows AS (
  SELECT unnest(from_json(getvariable('contributions_rates'),
    '[{"branch":"VARCHAR","nationality":"VARCHAR","scheme":"VARCHAR","cohort":"VARCHAR","from_period":"VARCHAR","employer":"DECIMAL(9,6)","contributor":"DECIMAL(9,6)","note":"VARCHAR"}]'),
    recursive := true)
)
SELECT
  branch, nationality, scheme, cohort, from_period,
  employer AS employer_rate,
  contributor AS contributor_rate,
  CAST((employer + contributor) * 1000000 AS BIGINT) AS rate_ppm,
  (CASE WHEN cohort = 'any' THEN 0 ELSE 2 END) + (CASE WHEN nationality = 'any' THEN 0 ELSE 1 END) AS specificity,
  note
FROM rows
