/*
description: >
  The month-to-month migration matrix of risk tiers (issue 19, item 2): for every date of
  core.risk_movements (marts.employer_risk_movements without its JSON), how many employers went from
  each tier at the previous month-end (from_tier; new for employers without a score then) to each tier
  at the date. Only the pairs that occur are rows; a missing pair is zero.
description_ar: >
  مصفوفة انتقال المنشآت بين فئات المخاطر من نهاية الشهر السابق إلى كل تاريخ: عدد المنشآت لكل فئة سابقة
  (أو جديدة) وفئة حالية.
grain: one row per as_of, from_tier and to_tier
materialized: table
columns:
  as_of:
    description: The date (month-end or the as-of date).
    description_ar: التاريخ.
  previous_as_of:
    description: The month-end compared with.
    description_ar: نهاية الشهر التي تُقارن بها.
  from_tier:
    description: Tier at the previous month-end, or new.
    description_ar: الفئة في نهاية الشهر السابقة أو جديدة.
  to_tier:
    description: Tier at the date.
    description_ar: الفئة في التاريخ.
  employers:
    description: Employers that moved so.
    description_ar: عدد المنشآت.
tests:
  - unique: [as_of, from_tier, to_tier]
  - not_null: [as_of, from_tier, to_tier, employers]
  - reconciles: {sum: employers, by: [as_of], equals: {model: core.risk_scores, sum: "1"}}
    name: every employer of a date counted once
*/
SELECT as_of, previous_as_of, coalesce(previous_tier, 'new') AS from_tier, risk_tier AS to_tier, count(*) AS employers
FROM core.risk_movements
GROUP BY ALL
ORDER BY as_of, from_tier, to_tier
