/*
description: >
  The same Saudis in short registrations moving from employer to employer (rules.md §8, fake
  Saudization): an engagement of at most max_spell_days, followed within max_gap_days of its end
  by an engagement of the same person at another employer. The person is counted in turn by each
  employer (sister companies sharing one nominal Saudi) without ever holding a real job.
description_ar: تدوير السعوديين نفسهم في تسجيلات قصيرة بين المنشآت (شركات شقيقة) دون عمل حقيقي.
grain: one row per contributor
materialized: table
params:
  detectors_sister_company_shuffle_severity: varchar
  detectors_sister_company_shuffle_max_spell_days: integer
  detectors_sister_company_shuffle_max_gap_days: integer
*/
WITH spells AS (
  SELECT e.engagement_id, e.employer_id, e.contributor_id, e.joined_on, e.left_on
  FROM raw.engagements_current AS e JOIN raw.contributors_current AS c USING (contributor_id)
  WHERE c.nationality = 'SA' AND e.scheme = 'mandatory'
),
moves AS (
  SELECT a.contributor_id, a.employer_id AS from_employer, b.employer_id AS to_employer,
         a.engagement_id AS from_engagement, b.engagement_id AS to_engagement,
         a.left_on - a.joined_on + 1 AS spell_days, b.joined_on - a.left_on AS gap_days, b.joined_on
  FROM spells AS a
  JOIN spells AS b
    ON b.contributor_id = a.contributor_id AND b.employer_id <> a.employer_id
   AND b.joined_on > a.left_on AND b.joined_on - a.left_on <= getvariable('detectors_sister_company_shuffle_max_gap_days')
  WHERE a.left_on IS NOT NULL AND a.left_on - a.joined_on + 1 <= getvariable('detectors_sister_company_shuffle_max_spell_days')
)
SELECT 'sister_company_shuffle' AS rule, 1 AS rule_version, 'contributor' AS entity, contributor_id AS entity_id,
       arg_max(to_employer, joined_on) AS employer_id, contributor_id, CAST(NULL AS VARCHAR) AS period,
       getvariable('detectors_sister_company_shuffle_severity') AS severity,
       CAST(count(*) AS DOUBLE) AS score,
       json_object('moves', list(json_object('from_employer', from_employer, 'to_employer', to_employer, 'spell_days', spell_days,
                                             'gap_days', gap_days, 'engagements', [from_engagement, to_engagement]) ORDER BY joined_on),
                   'max_spell_days', getvariable('detectors_sister_company_shuffle_max_spell_days'),
                   'max_gap_days', getvariable('detectors_sister_company_shuffle_max_gap_days')) AS evidence
FROM moves
GROUP BY contributor_id
