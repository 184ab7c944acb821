/*
description: >
  Fake Saudization (rules.md §8): Saudis put on the books at exactly the Saudization threshold
  (detectors.saudization_threshold, the least wage that counts a Saudi fully for Nitaqat, §7) in a
  post that did not exist. A Saudi registered for the first time in their life on joining, declared
  at the threshold in their first month, whose engagement fills no post a leaver vacated: it lifts the
  employer's headcount above its highest of the lookback_days before, or nobody left the employer in
  the replacement_days before it. An honest hire at the threshold mostly replaces someone who left
  (§7 makes such hires common, so the wage alone is no tell); a nominal Saudi is added on top.
  Left out: a firm's founding staff (hired within founding_days of its registration, when every hire
  is new), a minor (implausible_age's finding) and a short spell followed by another employer (the
  shuffle's finding, decisions: Findings 2).
description_ar: "توطين وهمي: سعودي مسجل لأول مرة بأجر يساوي عتبة التوطين تمامًا في وظيفة مضافة لا يحل فيها محل أحد."
grain: one row per employer (the month of its first such hire)
materialized: table
params:
  detectors_fake_saudization_severity: varchar
  detectors_fake_saudization_lookback_days: integer
  detectors_fake_saudization_replacement_days: integer
  detectors_fake_saudization_founding_days: integer
  detectors_saudization_threshold: decimal
  detectors_implausible_age_min_age: integer
  detectors_sister_company_shuffle_max_spell_days: integer
  detectors_sister_company_shuffle_max_gap_days: integer
*/
WITH first_month AS (SELECT min(month_index) AS month_index FROM core.detector_months),
hires AS (
  -- first-time Saudis whose first declared month is at exactly the threshold, joined after the first month of the data
  SELECT e.engagement_id, e.employer_id, e.contributor_id, e.joined_on, e.left_on, w.period AS first_period
  FROM core.detector_wages AS w
  JOIN raw.engagements_current AS e ON e.employer_id = w.employer_id AND e.contributor_id = w.contributor_id
  JOIN raw.contributors_current AS c ON c.contributor_id = w.contributor_id
  JOIN raw.employers_current AS x ON x.employer_id = w.employer_id
  WHERE w.nth = 1 AND w.saudi AND w.wage = getvariable('detectors_saudization_threshold')
    AND w.month_index > (SELECT month_index FROM first_month)
    AND e.scheme = 'mandatory' AND c.first_registered_on = e.joined_on
    AND e.joined_on > x.registered_on + getvariable('detectors_fake_saudization_founding_days')
    AND date_sub('year', c.birth_date, e.joined_on) >= getvariable('detectors_implausible_age_min_age')
),
kept AS (
  SELECT h.* FROM hires AS h
  WHERE NOT EXISTS (
    SELECT 1 FROM raw.engagements_current AS o
    WHERE o.contributor_id = h.contributor_id AND o.employer_id <> h.employer_id AND h.left_on IS NOT NULL
      AND h.left_on - h.joined_on + 1 <= getvariable('detectors_sister_company_shuffle_max_spell_days')
      AND o.joined_on > h.left_on AND o.joined_on - h.left_on <= getvariable('detectors_sister_company_shuffle_max_gap_days'))
),
moves AS (
  -- the employers' engagements as +1 on joining and −1 the day after leaving: the headcount changes day by day
  SELECT employer_id, joined_on AS day, 1 AS delta
  FROM raw.engagements_current WHERE employer_id IN (SELECT employer_id FROM kept)
  UNION ALL
  SELECT employer_id, left_on + 1, -1
  FROM raw.engagements_current WHERE left_on IS NOT NULL AND employer_id IN (SELECT employer_id FROM kept)
),
headcount AS (
  SELECT employer_id, day, sum(sum(delta)) OVER (PARTITION BY employer_id ORDER BY day) AS engaged,
         count(*) FILTER (WHERE delta < 0) AS leavers
  FROM moves GROUP BY employer_id, day
),
recent AS (
  -- only the days of the lookback (or replacement) window are joined to each hire: joining every earlier day
  -- grows as hires × days of a large employer. The latest of them is the joining day itself (the hire's own
  -- engagement is one of the moves), so the headcount on joining is among them.
  SELECT k.engagement_id,
         arg_max(h.engaged, h.day) AS engaged_after,
         max(h.engaged) FILTER (
           WHERE h.day < k.joined_on AND h.day >= k.joined_on - getvariable('detectors_fake_saudization_lookback_days')) AS peak_within,
         coalesce(sum(h.leavers) FILTER (WHERE h.day > k.joined_on - getvariable('detectors_fake_saudization_replacement_days')), 0)
           AS left_before
  FROM kept AS k JOIN headcount AS h ON h.employer_id = k.employer_id AND h.day <= k.joined_on
    AND h.day >= k.joined_on - CAST(greatest(getvariable('detectors_fake_saudization_lookback_days'),
                                             getvariable('detectors_fake_saudization_replacement_days')) AS INTEGER)
  GROUP BY k.engagement_id
),
posts AS (
  -- the headcount just before the lookback window: the latest day before it, by an as-of join
  SELECT r.*, s.engaged AS engaged_at_start
  FROM kept AS k JOIN recent AS r USING (engagement_id)
  ASOF LEFT JOIN headcount AS s ON s.employer_id = k.employer_id
    AND s.day < k.joined_on - getvariable('detectors_fake_saudization_lookback_days')
),
flagged AS (
  SELECT k.*, p.engaged_after, p.left_before, greatest(coalesce(p.peak_within, 0), coalesce(p.engaged_at_start, 0)) AS highest_before
  FROM kept AS k JOIN posts AS p USING (engagement_id)
  WHERE p.engaged_after > greatest(coalesce(p.peak_within, 0), coalesce(p.engaged_at_start, 0)) OR p.left_before = 0
)
SELECT 'fake_saudization' AS rule, 2 AS rule_version, 'employer' AS entity, employer_id AS entity_id,
       employer_id, CAST(NULL AS VARCHAR) AS contributor_id, min(first_period) AS period,
       getvariable('detectors_fake_saudization_severity') AS severity,
       CAST(count(*) AS DOUBLE) AS score,
       json_object('saudis_at_threshold', list(contributor_id ORDER BY contributor_id),
                   'engagements', list(engagement_id ORDER BY engagement_id),
                   'joined_on', list(joined_on ORDER BY engagement_id),
                   'wage', getvariable('detectors_saudization_threshold'),
                   'engaged_after_hire', list(engaged_after ORDER BY engagement_id),
                   'highest_engaged_before', list(highest_before ORDER BY engagement_id),
                   'left_before_hire', list(left_before ORDER BY engagement_id),
                   'lookback_days', getvariable('detectors_fake_saudization_lookback_days'),
                   'replacement_days', getvariable('detectors_fake_saudization_replacement_days'),
                   'founding_days', getvariable('detectors_fake_saudization_founding_days')) AS evidence
FROM flagged
GROUP BY employer_id
