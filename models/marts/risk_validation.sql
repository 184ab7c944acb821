/*
description: >
  Does the score mean something (issue 19, item 3)? For every month-end T with a month-end three months
  later (T+3, by risk.validation_months), the employers scored at T are ranked by their score at T against
  whether they are in serious arrears at T+3 (marts.arrears_ageing severity medium, high or critical, as
  core.risk_scores keeps it).
  auc is the probability that an employer in serious arrears at T+3 scored higher at T than one that is
  not (ties count half: the Mann–Whitney statistic with average ranks), null when either group is empty;
  top_tier_share is the share of those in serious arrears at T+3 that were in the critical tier at T, and
  high_or_critical_share those in high or critical. Two populations: all employers scored at T, and those
  not in serious arrears at T yet (population not_yet_serious), the harder question of who is about to
  fall behind. The bench and the Risk page both read this table.
description_ar: >
  هل للدرجة معنى؟ لكل نهاية شهر يليها بعد ثلاثة أشهر نهاية شهر أخرى: مدى قدرة الدرجة على ترتيب المنشآت
  التي تصبح متأخراتها جسيمة (متوسطة فأعلى) بعد ثلاثة أشهر (المساحة تحت المنحنى)، ونسبة هذه المنشآت في
  الفئة الحرجة؛ لكل المنشآت، وللمنشآت التي لم تكن متأخراتها جسيمة بعد.
grain: one row per as_of and population
materialized: table
params:
  risk_validation_months: integer
columns:
  as_of:
    description: The month-end T the score is taken at.
    description_ar: نهاية الشهر التي تؤخذ فيها الدرجة.
  outcome_as_of:
    description: The month-end the arrears are judged at (T plus risk.validation_months months).
    description_ar: نهاية الشهر التي تُقيّم فيها المتأخرات.
  population:
    description: all, or not_yet_serious (severity none or low at T).
    description_ar: كل المنشآت، أو التي لم تكن متأخراتها جسيمة في التاريخ.
  employers:
    description: Employers scored at T (and so with a row at the later month-end).
    description_ar: عدد المنشآت.
  serious:
    description: Of those, in serious arrears (severity medium or worse) at the later month-end.
    description_ar: منها ما أصبحت متأخراته جسيمة.
  auc:
    description: Probability that a serious one scored higher than one that is not (0.5 = no better than chance).
    description_ar: احتمال أن تكون درجة المنشأة ذات المتأخرات الجسيمة أعلى من غيرها (0.5 = لا أفضل من الصدفة).
  top_tier_share:
    description: Share of the serious ones in the critical tier at T.
    description_ar: نسبة ذات المتأخرات الجسيمة التي كانت في الفئة الحرجة.
  high_or_critical_share:
    description: Share of the serious ones in the high or critical tier at T.
    description_ar: نسبة ذات المتأخرات الجسيمة التي كانت في الفئة العالية أو الحرجة.
  rules_version:
    description: risk.version of the scores.
    description_ar: إصدار إعدادات المخاطر.
tests:
  - unique: [as_of, population]
  - expression: auc IS NULL OR (auc >= 0 AND auc <= 1)
*/
WITH pairs AS (
  -- core.risk_scores keeps marts.arrears_ageing's severity on its rows (its employers and dates are the ageing's),
  -- so the outcome is read from it too: one join of two narrow reads, not two joins to the ageing
  SELECT r.as_of, o.as_of AS outcome_as_of, r.employer_id, r.risk_score, r.risk_tier, r.rules_version,
    o.severity IN ('medium', 'high', 'critical') AS serious,
    r.severity IN ('medium', 'high', 'critical') AS serious_then
  FROM core.risk_scores AS r
  JOIN core.risk_scores AS o ON o.employer_id = r.employer_id
    AND o.as_of = last_day(r.as_of + to_months(getvariable('risk_validation_months')))
  WHERE last_day(r.as_of) = r.as_of
),
scores AS (
  -- one row per score and population: the ranks need only how many employers share each score, not a window over
  -- every employer; both populations in one pass over the pairs, all of them (serious_then rolled up) and those not
  -- serious at T yet
  SELECT as_of, CASE WHEN grouping(serious_then) = 1 THEN 'all' ELSE 'not_yet_serious' END AS population, risk_score,
    any_value(outcome_as_of) AS outcome_as_of, any_value(rules_version) AS rules_version,
    count(*) AS employers, count(*) FILTER (WHERE serious) AS serious, count(*) FILTER (WHERE NOT serious) AS not_serious,
    count(*) FILTER (WHERE serious AND risk_tier = 'critical') AS serious_critical,
    count(*) FILTER (WHERE serious AND risk_tier IN ('high', 'critical')) AS serious_high_or_critical
  FROM pairs
  GROUP BY GROUPING SETS ((as_of, risk_score), (as_of, risk_score, serious_then))
  HAVING grouping(serious_then) = 1 OR NOT serious_then
),
ranked AS (
  -- average ranks: ties share the mean of the ranks they span (the rank is one more than the employers scored lower)
  SELECT *, coalesce(sum(employers) OVER w, 0) + 1 + (employers - 1) / 2.0 AS avg_rank
  FROM scores
  WINDOW w AS (PARTITION BY as_of, population ORDER BY risk_score ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
totals AS (
  SELECT as_of, population, any_value(outcome_as_of) AS outcome_as_of, any_value(rules_version) AS rules_version,
    CAST(sum(employers) AS BIGINT) AS employers, CAST(sum(serious) AS BIGINT) AS serious,
    CAST(sum(not_serious) AS BIGINT) AS not_serious, sum(serious * avg_rank) AS serious_ranks,
    CAST(sum(serious_critical) AS BIGINT) AS serious_critical, CAST(sum(serious_high_or_critical) AS BIGINT) AS serious_high_or_critical
  FROM ranked
  GROUP BY as_of, population
)
SELECT as_of, outcome_as_of, population, employers, serious,
  CASE WHEN serious > 0 AND not_serious > 0 THEN
    (serious_ranks - serious * (serious + 1) / 2.0) / (serious * not_serious) END AS auc,
  serious_critical / nullif(serious, 0) AS top_tier_share,
  serious_high_or_critical / nullif(serious, 0) AS high_or_critical_share,
  rules_version
FROM totals
ORDER BY as_of, population
