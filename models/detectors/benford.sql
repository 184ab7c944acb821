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
description_ar: اختبار قانون بنفورد على مبالغ المدفوعات والتسويات إجمالًا ولكل منشأة ولكل مستخدم؛ المجموعة غير المطابقة نتيجة.
grain: one row per nonconforming test (first digit or first two) × population × group
materialized: table
params:
  detectors_benford_severity: varchar
  detectors_benford_min_count_first_digit: integer
  detectors_benford_min_count_first_two: integer
  detectors_benford_first_digit_close: decimal
  detectors_benford_first_digit_acceptable: decimal
  detectors_benford_first_digit_marginal: decimal
  detectors_benford_first_two_close: decimal
  detectors_benford_first_two_acceptable: decimal
  detectors_benford_first_two_marginal: decimal
columns:
  rule:
    description: Detector that raised the finding.
    description_ar: الكاشف الذي أثار النتيجة.
  rule_version:
    description: Version of the detector's logic; raised when what it flags changes.
    description_ar: إصدار منطق الكاشف؛ يُرفع عند تغيّر ما يرصده.
  entity:
    description: Kind of row that tripped it, in the extracts' words.
    description_ar: نوع السجل الذي أثار النتيجة، بتسمية المستخرجات.
  entity_id:
    description: Key of that row.
    description_ar: مفتاح ذلك السجل.
  employer_id:
    description: Employer concerned.
    description_ar: المنشأة المعنية.
  contributor_id:
    description: Contributor concerned, where there is one.
    description_ar: المشترك المعني، إن وُجد.
  period:
    description: Month YYYY-MM, where the finding has one.
    description_ar: الشهر YYYY-MM، إن كان للنتيجة شهر.
  severity:
    description: low, medium, high or critical (the detector's severity setting).
    description_ar: درجة الخطورة (منخفضة أو متوسطة أو عالية أو حرجة) حسب إعداد الكاشف.
  score:
    description: How far past its threshold (1 = at the threshold); ranks findings of one rule.
    description_ar: مقدار تجاوز العتبة (1 = عند العتبة)؛ يرتّب نتائج الكاشف الواحد.
  evidence:
    description: JSON with the values that tripped the rule and the threshold crossed.
    description_ar: JSON بالقيم التي أثارت القاعدة والعتبة التي تم تجاوزها.
tests:
  - unique: [rule, entity, entity_id, period]
  - not_null: [rule, entity, entity_id, severity, score]
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
  SELECT *, CAST(left(CAST(CAST(floor(amount) AS BIGINT) AS VARCHAR), 1) AS INTEGER) AS d1,
            CAST(left(CAST(CAST(floor(amount) AS BIGINT) AS VARCHAR), 2) AS INTEGER) AS d2
  FROM amounts
),
scoped AS (
  SELECT population, 'all' AS level, population AS group_id, d1, d2 FROM digits
  UNION ALL SELECT population, 'employer', employer_id, d1, d2 FROM digits
  UNION ALL SELECT population, 'staff', user_id, d1, d2 FROM digits WHERE user_id IN (SELECT actor_id FROM staff)
),
sizes AS (SELECT population, level, group_id, count(*) AS n FROM scoped GROUP BY ALL),
tests AS (
  SELECT 'first_digit' AS test, 1 AS lo, 9 AS hi, getvariable('detectors_benford_min_count_first_digit') AS min_count,
         getvariable('detectors_benford_first_digit_close') AS close, getvariable('detectors_benford_first_digit_acceptable') AS acceptable,
         getvariable('detectors_benford_first_digit_marginal') AS marginal
  UNION ALL
  SELECT 'first_two', 10, 99, getvariable('detectors_benford_min_count_first_two'), getvariable('detectors_benford_first_two_close'),
         getvariable('detectors_benford_first_two_acceptable'), getvariable('detectors_benford_first_two_marginal')
),
counts AS (
  SELECT population, level, group_id, 'first_digit' AS test, d1 AS digit, count(*) AS hits FROM scoped GROUP BY ALL
  UNION ALL
  SELECT population, level, group_id, 'first_two', d2, count(*) FROM scoped GROUP BY ALL
),
cells AS (
  -- every possible digit, the missing ones observed 0 times
  SELECT s.population, s.level, s.group_id, s.n, t.test, t.close, t.acceptable, t.marginal, g.digit,
         coalesce(c.hits, 0) / s.n AS observed, log10(1 + 1 / g.digit) AS expected
  FROM sizes AS s
  JOIN tests AS t ON s.n >= t.min_count
  CROSS JOIN (SELECT range AS digit FROM range(1, 100)) AS g
  LEFT JOIN counts AS c
    ON c.population = s.population AND c.level = s.level AND c.group_id = s.group_id AND c.test = t.test AND c.digit = g.digit
  WHERE g.digit BETWEEN t.lo AND t.hi
),
mads AS (
  SELECT population, level, group_id, n, test, close, acceptable, marginal, avg(abs(observed - expected)) AS mad,
         list(json_object('digit', digit, 'observed', round(observed, 4), 'expected', round(expected, 4))
              ORDER BY abs(observed - expected) DESC)[1:3] AS largest_deviations
  FROM cells GROUP BY ALL
)
SELECT 'benford_' || test AS rule, 1 AS rule_version, level AS entity, population || '|' || group_id AS entity_id,
       CASE WHEN level = 'employer' THEN group_id END AS employer_id, CAST(NULL AS VARCHAR) AS contributor_id,
       CAST(NULL AS VARCHAR) AS period,
       getvariable('detectors_benford_severity') AS severity,
       CAST(mad / marginal AS DOUBLE) AS score,
       json_object('population', population, 'group', level, 'group_id', group_id, 'amounts', n, 'mad', round(mad, 5),
                   'conformity', 'nonconformity', 'bands', json_object('close', close, 'acceptable', acceptable, 'marginal', marginal),
                   'largest_deviations', largest_deviations) AS evidence
FROM mads
WHERE mad > marginal
