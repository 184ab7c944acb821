/*
description: >
  Benford's law on amounts that span orders of magnitude (rules.md §8, statistical): payments and
  adjustments (their absolute amount, from 10 SAR), overall, per employer and per staff user. The
  first-digit and first-two-digit distributions are compared with Benford's by the mean absolute
  deviation (MAD) and Nigrini's conformity bands (detectors.benford.first_digit / first_two:
  close, acceptable, marginal); a group beyond marginal is nonconforming and a finding. Only
  groups of at least min_count_first_digit / min_count_first_two amounts are judged: below that
  the MAD of honest data exceeds the bands by chance. Contributory wages are not tested here
  (floors, ceiling and threshold bunching make them non-Benford by design): see wage_digit_tests.
  The distributions and their MAD are marts.benford_digits (charted on the Findings page).
description_ar: اختبار قانون بنفورد على مبالغ المدفوعات والتسويات إجمالًا ولكل منشأة ولكل مستخدم؛ المجموعة غير المطابقة نتيجة.
grain: one row per nonconforming test (first digit or first two) × population × group
materialized: table
params:
  detectors_benford_severity: varchar
*/
WITH mads AS (
  SELECT test, population, level, group_id, any_value(amounts) AS n, any_value(mad) AS mad, any_value(close) AS close,
         any_value(acceptable) AS acceptable, any_value(marginal) AS marginal, any_value(conformity) AS conformity,
         list(json_object('digit', digit, 'observed', round(observed, 4), 'expected', round(expected, 4))
              ORDER BY abs(observed - expected) DESC)[1:3] AS largest_deviations
  FROM marts.benford_digits GROUP BY ALL
)
SELECT 'benford_' || test AS rule, 1 AS rule_version, level AS entity, population || '|' || group_id AS entity_id,
       CASE WHEN level = 'employer' THEN group_id END AS employer_id, CAST(NULL AS VARCHAR) AS contributor_id,
       CAST(NULL AS VARCHAR) AS period,
       getvariable('detectors_benford_severity') AS severity,
       CAST(mad / marginal AS DOUBLE) AS score,
       json_object('population', population, 'group', level, 'group_id', group_id, 'amounts', n, 'mad', round(mad, 5),
                   'conformity', conformity, 'bands', json_object('close', close, 'acceptable', acceptable, 'marginal', marginal),
                   'largest_deviations', largest_deviations) AS evidence
FROM mads
WHERE conformity = 'nonconformity'
