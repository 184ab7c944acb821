/*
description: >
  Fake Saudization (rules.md §8): an employer whose Saudis were below max_saudi_share of its
  people hires Saudis registered for the first time in their lives (first_registered_on =
  joined_on) and declares them at exactly the Saudization threshold
  (detectors.saudization_threshold) in their first months, never more: the least wage that counts
  a Saudi fully for Nitaqat, for a person with no working history. Short spells moved between
  employers are the shuffle detector's, not this one's.
description_ar: "توطين وهمي: منشأة قليلة السعوديين توظف سعوديين مسجلين لأول مرة بأجر يساوي عتبة التوطين تمامًا."
grain: one row per employer (the month of its first such hire)
materialized: table
params:
  detectors_fake_saudization_severity: varchar
  detectors_fake_saudization_max_saudi_share: decimal
  detectors_saudization_threshold: decimal
  detectors_sister_company_shuffle_max_spell_days: integer
*/
WITH first_month AS (SELECT min(period) AS period FROM raw.wages),
hires AS (
  SELECT e.engagement_id, e.employer_id, e.contributor_id, e.joined_on
  FROM raw.engagements_current AS e
  JOIN raw.contributors_current AS c USING (contributor_id)
  WHERE c.nationality = 'SA' AND c.first_registered_on = e.joined_on AND e.scheme = 'mandatory'
    AND strftime(e.joined_on, '%Y-%m') > (SELECT period FROM first_month)
    AND (e.left_on IS NULL OR e.left_on - e.joined_on > getvariable('detectors_sister_company_shuffle_max_spell_days'))
),
at_threshold AS (
  -- the first three declared months, all at exactly the threshold
  SELECT h.engagement_id, h.employer_id, h.contributor_id, h.joined_on, min(w.period) AS first_period
  FROM hires AS h
  JOIN core.detector_wages AS w ON w.employer_id = h.employer_id AND w.contributor_id = h.contributor_id AND w.nth <= 3
  GROUP BY ALL
  HAVING min(w.wage) = getvariable('detectors_saudization_threshold') AND max(w.wage) = getvariable('detectors_saudization_threshold')
),
share_before AS (
  -- the employer's Saudi share among the people engaged the day before the hire
  SELECT t.engagement_id, avg(CASE WHEN c.nationality = 'SA' THEN 1 ELSE 0 END) AS saudi_share, count(*) AS engaged
  FROM at_threshold AS t
  JOIN raw.engagements_current AS o
    ON o.employer_id = t.employer_id AND o.joined_on < t.joined_on AND (o.left_on IS NULL OR o.left_on >= t.joined_on)
  JOIN raw.contributors_current AS c ON c.contributor_id = o.contributor_id
  GROUP BY t.engagement_id
),
flagged AS (
  SELECT t.*, coalesce(s.saudi_share, 0) AS saudi_share, coalesce(s.engaged, 0) AS engaged
  FROM at_threshold AS t LEFT JOIN share_before AS s USING (engagement_id)
  WHERE coalesce(s.saudi_share, 0) < getvariable('detectors_fake_saudization_max_saudi_share')
)
SELECT 'fake_saudization' AS rule, 1 AS rule_version, 'employer' AS entity, employer_id AS entity_id,
       employer_id, CAST(NULL AS VARCHAR) AS contributor_id, min(first_period) AS period,
       getvariable('detectors_fake_saudization_severity') AS severity,
       CAST(count(*) AS DOUBLE) AS score,
       json_object('saudis_at_threshold', list(contributor_id ORDER BY contributor_id),
                   'engagements', list(engagement_id ORDER BY engagement_id),
                   'wage', getvariable('detectors_saudization_threshold'), 'saudi_share_before', round(min(saudi_share), 2),
                   'max_saudi_share', getvariable('detectors_fake_saudization_max_saudi_share')) AS evidence
FROM flagged
GROUP BY employer_id
