/*
description: >
  Digit tests for contributory wages (rules.md §8, statistical), which do not follow Benford: per
  employer, the share of wages ending in 00, the share of round thousands, the share taken by the
  single most repeated value, and the share at the floor or the Saudization threshold, each
  against the employer's peer group (sector × size class) by the modified z-score 0.6745 · (x −
  median) / MAD; when the peers' MAD is 0, the mean-absolute-deviation form (x − median) / (1.2533
  · meanAD); when that is 0 too, the test is skipped. A share above max_modified_z is a finding:
  invented or copied wages are rounder and more repetitive than a real payroll of the same kind.
description_ar: اختبارات أرقام الأجور الخاضعة للاشتراك لكل منشأة مقارنةً بالمنشآت المماثلة (الأرقام المستديرة والقيم المتكررة).
grain: one row per employer with at least one share above its peers
materialized: table
params:
  detectors_wage_digit_tests_severity: varchar
  detectors_wage_digit_tests_min_count: integer
  detectors_wage_digit_tests_max_modified_z: decimal
  contributions_wage_floors_annuities: decimal
  detectors_saudization_threshold: decimal
*/
WITH amounts AS (
  -- each wage amount an employer declared and how often: the repeated-value test's counts by one grouping,
  -- not a window over every wage
  SELECT employer_key, wage, count(*) AS repeats FROM core.detector_wage_history GROUP BY ALL
),
tested AS (
  SELECT employer_key, sum(repeats) AS wages,
         sum(CASE WHEN wage % 100 = 0 THEN repeats ELSE 0 END) / sum(repeats) AS share_ending_00,
         sum(CASE WHEN wage % 1000 = 0 THEN repeats ELSE 0 END) / sum(repeats) AS share_round_thousand,
         max(repeats) / sum(repeats) AS share_top_value,
         sum(CASE WHEN wage IN (getvariable('contributions_wage_floors_annuities'), getvariable('detectors_saudization_threshold'))
                  THEN repeats ELSE 0 END) / sum(repeats) AS share_floor_or_threshold
  FROM amounts
  GROUP BY employer_key
  HAVING sum(repeats) >= getvariable('detectors_wage_digit_tests_min_count')
),
per_employer AS (
  SELECT e.employer_id, e.peer_group, t.* EXCLUDE (employer_key) FROM tested AS t JOIN core.detector_employers AS e USING (employer_key)
),
shares AS (
  UNPIVOT per_employer ON share_ending_00, share_round_thousand, share_top_value, share_floor_or_threshold INTO NAME test VALUE share
),
centred AS (SELECT *, median(share) OVER peers AS peer_median FROM shares WINDOW peers AS (PARTITION BY peer_group, test)),
spread AS (
  SELECT *, median(abs(share - peer_median)) OVER peers AS peer_mad, avg(abs(share - peer_median)) OVER peers AS peer_meanad,
         count(*) OVER peers AS peers
  FROM centred WINDOW peers AS (PARTITION BY peer_group, test)
),
scored AS (SELECT *, CASE WHEN peer_mad > 0 THEN 0.6745 * (share - peer_median) / peer_mad
            WHEN peer_meanad > 0 THEN (share - peer_median) / (1.2533 * peer_meanad) END AS z FROM spread)
SELECT 'wage_digit_tests' AS rule, 1 AS rule_version, 'employer' AS entity, employer_id AS entity_id,
       employer_id, CAST(NULL AS VARCHAR) AS contributor_id, CAST(NULL AS VARCHAR) AS period,
       getvariable('detectors_wage_digit_tests_severity') AS severity,
       CAST(max(z) / getvariable('detectors_wage_digit_tests_max_modified_z') AS DOUBLE) AS score,
       json_object('peer_group', any_value(peer_group), 'wages', any_value(wages),
                   'tests', list(json_object('test', test, 'share', round(share, 3), 'peer_median', round(peer_median, 3),
                                             'modified_z', round(z, 2), 'peers', peers) ORDER BY z DESC),
                   'max_modified_z', getvariable('detectors_wage_digit_tests_max_modified_z')) AS evidence
FROM scored
WHERE z > getvariable('detectors_wage_digit_tests_max_modified_z')
GROUP BY employer_id
