/*
description: >
  The leading-digit distributions behind the Benford tests (rules.md §8): for payments and adjustments
  (absolute amount, from 10 SAR), overall, per employer and per staff user, each first digit (1–9) and
  each first two digits (10–99) with the share observed and the share Benford's law expects, and the
  group's mean absolute deviation (MAD) judged by Nigrini's bands (detectors.benford.first_digit /
  first_two). Only groups of at least min_count_first_digit / min_count_first_two amounts are here:
  below that honest data breaks the bands by chance, so a smaller group is not tested. The Benford
  detector raises the nonconforming groups as findings; the Findings page charts the rest.
description_ar: >
  توزيع الأرقام الأولى لمبالغ المدفوعات والتسويات إجمالًا ولكل منشأة ولكل مستخدم من الموظفين، المرصود
  مقابل المتوقع حسب قانون بنفورد، مع متوسط الانحراف المطلق ونطاقات نيغريني للمطابقة؛ للمجموعات التي
  بلغت الحد الأدنى من المبالغ فقط.
grain: one row per test × population × level × group_id × digit, for groups at or above the test's minimum count
materialized: table
params:
  detectors_benford_min_count_first_digit: integer
  detectors_benford_min_count_first_two: integer
  detectors_benford_first_digit_close: decimal
  detectors_benford_first_digit_acceptable: decimal
  detectors_benford_first_digit_marginal: decimal
  detectors_benford_first_two_close: decimal
  detectors_benford_first_two_acceptable: decimal
  detectors_benford_first_two_marginal: decimal
columns:
  test:
    description: first_digit (digits 1–9) or first_two (10–99).
    description_ar: "الاختبار: الرقم الأول (1–9) أو أول رقمين (10–99)."
  population:
    description: payments or adjustments.
    description_ar: "المجتمع: المدفوعات أو التسويات."
  level:
    description: all, employer or staff.
    description_ar: "المستوى: الكل أو منشأة أو مستخدم من الموظفين."
  group_id:
    description: The population's name (level all), the employer_id or the staff user_id.
    description_ar: اسم المجتمع (للمستوى الكلي) أو رقم المنشأة أو رمز المستخدم.
  amounts:
    description: Amounts in the group (its size n).
    description_ar: عدد المبالغ في المجموعة.
  digit:
    description: The leading digit (or two digits).
    description_ar: الرقم الأول (أو الرقمان الأولان).
  hits:
    description: Amounts of the group starting with this digit.
    description_ar: عدد المبالغ التي تبدأ بهذا الرقم.
  observed:
    description: hits ÷ amounts.
    description_ar: الحصة المرصودة.
  expected:
    description: Benford's share, log10(1 + 1/digit).
    description_ar: الحصة المتوقعة حسب بنفورد.
  mad:
    description: The group's mean absolute deviation of observed from expected, over every digit of the test.
    description_ar: متوسط الانحراف المطلق للمجموعة.
  close:
    description: Nigrini's close-conformity bound on the MAD.
    description_ar: حد المطابقة الوثيقة.
  acceptable:
    description: Nigrini's acceptable-conformity bound.
    description_ar: حد المطابقة المقبولة.
  marginal:
    description: Nigrini's marginal-conformity bound; beyond it the group is nonconforming.
    description_ar: حد المطابقة الهامشية؛ ما بعده عدم مطابقة.
  conformity:
    description: close, acceptable, marginal or nonconformity.
    description_ar: "درجة المطابقة: وثيقة أو مقبولة أو هامشية أو عدم مطابقة."
tests:
  - unique: [test, population, level, group_id, digit]
  - not_null: [test, population, level, group_id, amounts, digit, observed, expected, mad, conformity]
  - accepted_values: {column: conformity, values: [close, acceptable, marginal, nonconformity]}
  - expression: observed BETWEEN 0 AND 1
*/
WITH staff AS (SELECT DISTINCT actor_id FROM raw.activity_log WHERE actor_role = 'staff'),
amounts AS (
  SELECT 'payments' AS population, employer_id, posted_by AS user_id, amount
  FROM raw.payments WHERE reverses_payment_id IS NULL AND amount >= 10
  UNION ALL
  SELECT 'adjustments', i.employer_id, a.created_by, abs(a.amount)
  FROM staging.stg_adjustments AS a JOIN staging.stg_invoices AS i USING (invoice_id) WHERE abs(a.amount) >= 10
),
digits AS (
  SELECT *, CAST(left(CAST(CAST(floor(amount) AS BIGINT) AS VARCHAR), 2) AS INTEGER) AS d2
  FROM amounts
),
tallies AS (
  -- the amounts counted once by population, employer, user and two leading digits: every amount here is at least
  -- 10, so its first digit is the first of those two, and each level's counts are sums of these few tallies
  SELECT population, employer_id, user_id, d2, count(*) AS n FROM digits GROUP BY ALL
),
scoped AS (
  SELECT population, 'all' AS level, population AS group_id, d2, n FROM tallies
  UNION ALL SELECT population, 'employer', employer_id, d2, n FROM tallies
  UNION ALL SELECT population, 'staff', user_id, d2, n FROM tallies WHERE user_id IN (SELECT actor_id FROM staff)
),
first_two AS (SELECT population, level, group_id, d2, CAST(sum(n) AS BIGINT) AS hits FROM scoped GROUP BY ALL),
sizes AS (SELECT population, level, group_id, CAST(sum(hits) AS BIGINT) AS n FROM first_two GROUP BY ALL),
tests AS (
  SELECT 'first_digit' AS test, 1 AS lo, 9 AS hi, getvariable('detectors_benford_min_count_first_digit') AS min_count,
         getvariable('detectors_benford_first_digit_close') AS close, getvariable('detectors_benford_first_digit_acceptable') AS acceptable,
         getvariable('detectors_benford_first_digit_marginal') AS marginal
  UNION ALL
  SELECT 'first_two', 10, 99, getvariable('detectors_benford_min_count_first_two'), getvariable('detectors_benford_first_two_close'),
         getvariable('detectors_benford_first_two_acceptable'), getvariable('detectors_benford_first_two_marginal')
),
counts AS (
  SELECT population, level, group_id, 'first_digit' AS test, d2 // 10 AS digit, CAST(sum(hits) AS BIGINT) AS hits
  FROM first_two GROUP BY ALL
  UNION ALL
  SELECT population, level, group_id, 'first_two', d2, hits FROM first_two
),
cells AS (
  -- every possible digit, the missing ones observed 0 times
  SELECT t.test, s.population, s.level, s.group_id, s.n AS amounts, g.digit, coalesce(c.hits, 0) AS hits,
         coalesce(c.hits, 0) / s.n AS observed, log10(1 + 1 / g.digit) AS expected, t.close, t.acceptable, t.marginal
  FROM sizes AS s
  JOIN tests AS t ON s.n >= t.min_count
  CROSS JOIN (SELECT range AS digit FROM range(1, 100)) AS g
  LEFT JOIN counts AS c
    ON c.population = s.population AND c.level = s.level AND c.group_id = s.group_id AND c.test = t.test AND c.digit = g.digit
  WHERE g.digit BETWEEN t.lo AND t.hi
),
judged AS (
  SELECT *, avg(abs(observed - expected)) OVER (PARTITION BY test, population, level, group_id) AS mad FROM cells
)
SELECT test, population, level, group_id, CAST(amounts AS INTEGER) AS amounts, CAST(digit AS INTEGER) AS digit,
       CAST(hits AS INTEGER) AS hits, observed, expected, mad, close, acceptable, marginal,
       CASE WHEN mad <= close THEN 'close' WHEN mad <= acceptable THEN 'acceptable' WHEN mad <= marginal THEN 'marginal'
            ELSE 'nonconformity' END AS conformity
FROM judged
